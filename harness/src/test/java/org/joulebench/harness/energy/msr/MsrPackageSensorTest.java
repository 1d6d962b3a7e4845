package org.joulebench.harness.energy.msr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake /dev/cpu/N/msr files: sparse files with the registers at their addresses. */
class MsrPackageSensorTest {
    @TempDir
    Path dir;

    Path msr(int cpu) {
        return dir.resolve("dev/cpu/" + cpu + "/msr");
    }

    void write(Path file, long address, long value) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(address);
            f.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(value)
                    .array());
        }
    }

    void topology(int cpu, int pkg) throws IOException {
        Path p = dir.resolve("sys/cpu" + cpu + "/topology/physical_package_id");
        Files.createDirectories(p.getParent());
        Files.writeString(p, pkg + "\n");
    }

    SensorOptions opts(String vendor) {
        return SensorOptions.none()
                .with("msrRoot", dir.resolve("dev/cpu").toString())
                .with("cpuTopologyRoot", dir.resolve("sys").toString())
                .with("cpuVendor", vendor);
    }

    @Test
    void intelEnergyUnitsAndOneCpuPerPackage() throws Exception {
        // ESU = 14 in bits 12:8 -> 1/16384 J per unit; high bits of the status register are ignored.
        for (int cpu = 0; cpu < 3; cpu++) {
            write(msr(cpu), 0x606, 0xA0E03L);
            write(msr(cpu), 0x611, 0xFFFF_0000_0000_0000L | 16384);
        }
        topology(0, 0);
        topology(1, 0); // same package as cpu0: not read
        topology(2, 1);
        try (EnergySensor s = new MsrPackageProvider().open(opts("intel"))) {
            assertThat(s.info().resolutionJoules()).isEqualTo(1.0 / 16384);
            assertThat(s.info().domains())
                    .extracting(d -> d.domain() + " " + d.scope() + " " + d.scopeDevice() + " " + d.zones())
                    .containsExactly(
                            "cpu-package-0 DEVICE cpu-socket:0 [" + msr(0) + "]",
                            "cpu-package-1 DEVICE cpu-socket:1 [" + msr(2) + "]");
            SensorReading r0 = s.read();
            write(msr(0), 0x611, 16384 + 3 * 16384); // +3 J on package 0
            write(msr(1), 0x611, 10 * 16384L); // cpu1 shares package 0: ignored
            write(msr(2), 0x611, 16384 + 16384 / 2); // +0.5 J on package 1
            SensorReading r1 = s.read();
            assertThat(r1.joules().get("cpu-package-0") - r0.joules().get("cpu-package-0"))
                    .isCloseTo(3.0, within(1e-12));
            assertThat(r1.joules().get("cpu-package-1") - r0.joules().get("cpu-package-1"))
                    .isCloseTo(0.5, within(1e-12));
        }
    }

    @Test
    void amdRegistersAnd32BitWrap() throws Exception {
        // AMD: unit 0xC0010299, status 0xC001029B (a sparse file several GB long)
        write(msr(0), 0xC0010299L, 0x0A1003L); // ESU = 16
        write(msr(0), 0xC001029BL, 0xFFFF_FFFFL - 65536); // 1 J before the 32-bit wrap
        topology(0, 0);
        // No implied-power bound here: the wrap must not depend on how fast the test runs.
        try (EnergySensor s = new MsrPackageProvider().open(opts("amd").with("msrMaxWatts", "1e15"))) {
            assertThat(s.info().properties()).containsEntry("vendor", "AMD");
            SensorReading r0 = s.read();
            write(msr(0), 0xC001029BL, 2 * 65536 - 1); // wrapped: +1 J +2 J
            SensorReading r1 = s.read();
            assertThat(r1.errors()).isEmpty();
            assertThat(r1.joules().get("cpu-package-0") - r0.joules().get("cpu-package-0"))
                    .isCloseTo(3.0, within(1e-9));
        }
    }

    @Test
    void missingMsrDeviceIsUnavailableWithReason() {
        SensorProbe p = new MsrPackageProvider().probe(opts("intel"));
        assertThat(p.available()).isFalse();
        assertThat(p.reason()).contains("modprobe msr");
    }

    @Test
    void vendorFromCpuinfo() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\n");
        assertThat(MsrPackageProvider.vendor(SensorOptions.none().with("cpuinfo", cpuinfo.toString())))
                .isEqualTo(MsrPackageSensor.Vendor.AMD);
        Files.writeString(cpuinfo, "vendor_id\t: ARM\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> MsrPackageProvider.vendor(SensorOptions.none().with("cpuinfo", cpuinfo.toString())))
                .hasMessageContaining("neither Intel nor AMD");
    }
}
