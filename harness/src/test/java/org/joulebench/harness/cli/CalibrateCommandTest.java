package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.results.Json;
import org.joulebench.results.run.Calibration;
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
        assertThat(c.vendorGemmFlopsPerSecond()).isNull();
        assertThat(c.vendorGemmUnavailableReason()).isEqualTo("no vendor library binding yet");
        assertThat(o.out())
                .contains("fp32 FMA peak")
                .contains("GFLOP/s on 1 core")
                .contains("memory (triad)")
                .contains("vendor sgemm     not measured: no vendor library binding yet");
    }

    @Test
    void theMachineKeyIsAFileNameFromModelCoresAndHost() {
        var env = new org.joulebench.results.run.EnvironmentInfo(
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
