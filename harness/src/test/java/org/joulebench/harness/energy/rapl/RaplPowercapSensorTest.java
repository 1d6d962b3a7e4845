package org.joulebench.harness.energy.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.FileAccess;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake powercap tree laid out like /sys/class/powercap on a two-socket machine. */
class RaplPowercapSensorTest {
    static final long RANGE = 262_143_328_850L;

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        zone(root.resolve("intel-rapl:0"), "package-0", 1_000_000, RANGE);
        // dram as a nested sub-zone (how sysfs nests them) and package-1 as a second socket
        zone(root.resolve("intel-rapl:0/intel-rapl:0:0"), "dram", 500_000, RANGE);
        zone(root.resolve("intel-rapl:1"), "package-1", 2_000_000, RANGE);
        Files.createDirectories(root.resolve("intel-rapl-mmio:0")); // MMIO duplicate: must be ignored
    }

    static void zone(Path dir, String name, long energyUj, long maxUj) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("name"), name + "\n");
        Files.writeString(dir.resolve("energy_uj"), energyUj + "\n");
        Files.writeString(dir.resolve("max_energy_range_uj"), maxUj + "\n");
    }

    void set(String zone, long uj) throws IOException {
        Path dir = zone.equals("intel-rapl:0:0") ? root.resolve("intel-rapl:0/intel-rapl:0:0") : root.resolve(zone);
        Files.writeString(dir.resolve("energy_uj"), uj + "\n");
    }

    SensorOptions opts() {
        return SensorOptions.none().with("powercapRoot", root.toString());
    }

    @Test
    void reportsEachSocketAsItsOwnDeviceDomainAndConvertsMicrojoules() throws Exception {
        try (EnergySensor s = new RaplPowercapProvider().open(opts())) {
            assertThat(s.info().tier()).isEqualTo(Tier.B);
            assertThat(s.info().domains())
                    .extracting(d -> d.domain() + "=" + d.zones() + " " + d.scope() + " " + d.scopeDevice())
                    .containsExactly(
                            "cpu-package-0=[intel-rapl:0] DEVICE cpu-socket:0",
                            "cpu-package-1=[intel-rapl:1] DEVICE cpu-socket:1",
                            "dram-0=[intel-rapl:0:0] HOST null");
            assertThat(s.info().domains())
                    .allSatisfy(d -> assertThat(d.summedInstances()).isEmpty());
            SensorReading first = s.read();
            assertThat(first.joules())
                    .containsEntry("cpu-package-0", 0.0)
                    .containsEntry("cpu-package-1", 0.0)
                    .containsEntry("dram-0", 0.0);
            set("intel-rapl:0", 3_500_000); // +2.5 J
            set("intel-rapl:1", 2_250_000); // +0.25 J
            set("intel-rapl:0:0", 600_000); // +0.1 J
            SensorReading second = s.read();
            assertThat(second.errors()).isEmpty();
            assertThat(second.joules().get("cpu-package-0")).isCloseTo(2.5, within(1e-9));
            assertThat(second.joules().get("cpu-package-1")).isCloseTo(0.25, within(1e-9));
            assertThat(second.joules().get("dram-0")).isCloseTo(0.1, within(1e-9));
        }
    }

    @Test
    void subZonesAndPlatformAreHostScopeAndDiesBelongToTheirSocket() throws Exception {
        zone(root.resolve("intel-rapl:1/intel-rapl:1:0"), "core", 1, RANGE);
        zone(root.resolve("intel-rapl:1/intel-rapl:1:1"), "uncore", 1, RANGE);
        zone(root.resolve("intel-rapl:2"), "psys", 1, RANGE);
        zone(root.resolve("intel-rapl:3"), "package-1-die-1", 1, RANGE);
        try (EnergySensor s = new RaplPowercapProvider().open(opts())) {
            assertThat(s.info().domains())
                    .extracting(d -> d.domain() + " " + d.scope() + " " + d.scopeDevice())
                    .containsExactly(
                            "cpu-cores-1 HOST null",
                            "cpu-package-0 DEVICE cpu-socket:0",
                            "cpu-package-1 DEVICE cpu-socket:1",
                            "cpu-package-1-die-1 DEVICE cpu-socket:1",
                            "cpu-uncore-1 HOST null",
                            "dram-0 HOST null",
                            "platform HOST null");
        }
    }

    @Test
    void unfoldsWrapAroundAtMaxEnergyRange() throws Exception {
        set("intel-rapl:0", RANGE - 1_000_000);
        // No implied-power bound here: the wrap must not depend on how fast the test runs.
        try (EnergySensor s = new RaplPowercapProvider().open(opts().with("raplMaxWatts", "1e15"))) {
            s.read();
            set("intel-rapl:0", 500_000); // wrapped: 1 J before the wrap + 0.5 J after
            SensorReading r = s.read();
            assertThat(r.errors()).isEmpty();
            assertThat(r.joules().get("cpu-package-0")).isCloseTo(1.5, within(1e-9));
        }
    }

    @Test
    void aSmallDecreaseIsACounterGoingBackwardsNotAWrap() throws Exception {
        try (EnergySensor s = new RaplPowercapProvider().open(opts())) {
            s.read();
            set("intel-rapl:0", 900_000); // 0.1 J less, milliseconds later: a wrap would be 262 kJ
            SensorReading r = s.read();
            assertThat(r.joules()).doesNotContainKey("cpu-package-0").containsKey("dram-0");
            assertThat(r.errors().get("cpu-package-0")).contains("intel-rapl:0").contains("counter went backwards");
        }
    }

    @Test
    void permissionDeniedNamesTheCve() throws Exception {
        // Tests may run as root, which reads any file: deny through the injected reader instead.
        FileAccess denyEnergy = p -> {
            if (p.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(p.toString());
            }
            return Files.readString(p);
        };
        SensorProbe probe = new RaplPowercapProvider(denyEnergy).probe(opts());
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason())
                .contains("permission denied: reading energy_uj needs root on recent kernels (CVE-2020-8694)");
    }

    @Test
    void anUnreadableZoneIsThatDomainsErrorOnly() throws Exception {
        try (EnergySensor s = new RaplPowercapProvider().open(opts())) {
            Path dram = root.resolve("intel-rapl:0/intel-rapl:0:0/energy_uj");
            Files.delete(dram);
            Files.createDirectory(dram); // a directory where the counter file should be
            SensorReading r = s.read();
            assertThat(r.joules()).containsKey("cpu-package-0").doesNotContainKey("dram-0");
            assertThat(r.errors().get("dram-0")).contains("intel-rapl:0:0").contains("cannot read");
        }
    }

    @Test
    void garbageInACounterFileIsAnErrorNotAZero() throws Exception {
        try (EnergySensor s = new RaplPowercapProvider().open(opts())) {
            s.read();
            Files.writeString(root.resolve("intel-rapl:1/energy_uj"), "NaN\n");
            SensorReading r = s.read();
            assertThat(r.joules()).doesNotContainKey("cpu-package-1").containsKey("cpu-package-0");
            assertThat(r.errors().get("cpu-package-1")).contains("not a counter value");
        }
    }

    @Test
    void missingPowercapIsUnavailableWithReason(@TempDir Path empty) {
        SensorProbe probe = new RaplPowercapProvider()
                .probe(SensorOptions.none()
                        .with("powercapRoot", empty.resolve("nope").toString()));
        assertThat(probe.available()).isFalse();
        assertThat(probe.reason()).contains("no powercap directory");
        SensorProbe noZones =
                new RaplPowercapProvider().probe(SensorOptions.none().with("powercapRoot", empty.toString()));
        assertThat(noZones.reason()).contains("no intel-rapl:* zones");
    }

    @Test
    void openFailsWhenNoZoneIsReadable() {
        FileAccess denyAll = p -> {
            if (p.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(p.toString());
            }
            return Files.readString(p);
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RaplPowercapProvider(denyAll).open(opts()))
                .isInstanceOf(SensorException.class)
                .hasMessageContaining("CVE-2020-8694");
    }
}
