package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate} with test settings (tens of milliseconds, small arrays): a stored file, positive figures. */
class CalibrateCommandTest {

    @Test
    void calibrateMeasuresAndStoresThisMachinesRoofs(@TempDir Path dir) throws Exception {
        var o = CliBadInputTest.run(
                "calibrate", "--fma-millis=20", "--triad-mib=4", "--triad-millis=20", "--out=" + dir);
        assertThat(o.code()).as(o.err()).isZero();

        Path file;
        try (var s = Files.list(dir)) {
            file = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(o.out()).contains("Calibration: " + file.toAbsolutePath());
        Calibration c = Json.mapper().readValue(Files.readAllBytes(file), Calibration.class);
        assertThat(file.getFileName().toString()).isEqualTo(c.machineKey() + ".json");
        assertThat(new CalibrationStore(dir).load(c.machineKey())).contains(c);

        assertThat(c.mode()).isEqualTo(Calibration.FULL);
        assertThat(c.peakFlopsPerSecondOneCore()).isPositive();
        assertThat(c.peakFlopsPerSecondAllCores()).isPositive();
        assertThat(c.triadBytesPerSecond()).isPositive();
        assertThat(c.triadArrayBytes()).isEqualTo(4L << 20);
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.vectorShape()).startsWith("FloatVector ").endsWith(" lanes");
        // 3 x 4 MiB of DRAM triad: the curve is 256 KiB and 1 MiB (x4 while at most a quarter of 12 MiB)
        assertThat(c.bandwidthCurve()).hasSize(2);
        assertThat(c.bandwidthCurve().get(0).workingSetBytes()).isBetween(255L << 10, 256L << 10);
        assertThat(c.bandwidthCurve().get(1).workingSetBytes()).isBetween(1023L << 10, 1L << 20);
        assertThat(c.bandwidthCurve())
                .allSatisfy(p -> assertThat(p.triadBytesPerSecond()).isPositive());
        assertThat(o.out()).contains("working set").contains("256 KiB of arrays");

        // the vendor GEMM: OpenBLAS through the CPU backend's openblas implementation when the library is here
        boolean openBlasHere = java.util.ServiceLoader.load(org.joulebench.kernels.spi.BackendProvider.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("cpu"))
                .flatMap(p -> p.devices().stream().flatMap(d -> p.implementations(d).stream()))
                .anyMatch(i -> i.id().equals("openblas") && i.availability().available());
        if (openBlasHere) {
            assertThat(c.vendorGemmFlopsPerSecond()).isPositive();
            assertThat(c.vendorGemmUnavailableReason()).isNull();
            assertThat(c.notes()).anyMatch(n -> n.startsWith("vendor sgemm: cpu/openblas") && n.contains("verified"));
            assertThat(o.out()).containsPattern("vendor sgemm +[0-9.]+ GFLOP/s");
        } else {
            assertThat(c.vendorGemmFlopsPerSecond()).isNull();
            assertThat(c.vendorGemmUnavailableReason()).contains("openblas");
            assertThat(o.out()).contains("vendor sgemm     not measured: ");
        }
        assertThat(o.out())
                .contains("fp32 FMA peak")
                .contains("GFLOP/s on 1 core")
                .contains("memory (triad)");
    }

    @Test
    void theMachineKeyIsAFileNameFromModelCoresAndHost() {
        var env = new org.joulebench.results.record.EnvironmentInfo(
                "node-7.example",
                "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
                "GenuineIntel",
                64,
                1L << 30,
                "Linux",
                "6",
                "amd64",
                "v",
                "25",
                "vm",
                java.util.List.of(),
                java.util.List.of());
        assertThat(CalibrationStore.machineKey(env)).isEqualTo("intel-xeon-gold-6338-cpu-2.00ghz-64c-node-7.example");
    }
}
