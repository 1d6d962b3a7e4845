package org.joulebench.results.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.fixtures.Records;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.Json;
import org.joulebench.results.json.SafeJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roofline arithmetic, and the calibration and fractions in a run record through the schema. */
class RooflineTest {

    /** 200 GFLOP/s peak, 10 GB/s triad: the ridge at 20 FLOP/byte. */
    static Calibration calibration() {
        return Records.cpuCalibration(
                Instant.parse("2026-11-30T05:00:00Z"), 7.5, 100e9, 200e9, 10e9, 300L << 20, List.of("test"), List.of());
    }

    /** {@link #calibration()} with a bandwidth curve: 80 GB/s at 1 MiB, 40 at 4 MiB, 20 at 16 MiB (DRAM: 10). */
    static Calibration calibrationWithCurve() {
        Calibration c = calibration();
        return new Calibration(
                c.machineKey(),
                c.mode(),
                c.measuredAt(),
                c.durationSeconds(),
                c.cpuModel(),
                c.logicalCores(),
                c.threads(),
                c.vectorShape(),
                c.fmaAccumulators(),
                c.peakFlopsPerSecondOneCore(),
                c.peakFlopsPerSecondAllCores(),
                c.triadBytesPerSecond(),
                c.triadArrayBytes(),
                c.lastLevelCacheBytes(),
                c.vendorGemmFlopsPerSecond(),
                c.vendorGemmUnavailableReason(),
                c.notes(),
                List.of(
                        new BandwidthPoint(16L << 20, 20e9),
                        new BandwidthPoint(1L << 20, 80e9),
                        new BandwidthPoint(4L << 20, 40e9)));
    }

    static BenchmarkResult result(String headline, long ops, long bytes, double seconds, String deviceKind) {
        Work work = new Work(ops, "FLOP", bytes, 0, headline, "f", "b", "0");
        double headlinePerSecond = ("BYTE".equals(headline) ? bytes : ops) / seconds;
        return BenchmarkResult.builder()
                .shape("k", "S", "k-S", java.util.Map.of("n", 1), "fp32")
                .device("cpu", null, "cpu0", "Test CPU", deviceKind, "cpu-socket:0")
                .status(ResultStatus.OK)
                .work(work)
                .timing(
                        new Score(seconds * 1e3, null, 0.999, "ms/op", List.of(seconds * 1e3)),
                        new Throughput(
                                headlinePerSecond / 1e9,
                                null,
                                "BYTE".equals(headline) ? "GB/s" : "GFLOP/s",
                                ops / seconds,
                                bytes / seconds))
                .build();
    }

    @Test
    void aComputeBoundKernelIsMeasuredAgainstThePeak() {
        // intensity 100 FLOP/byte > ridge 20: roof = peak 200 GFLOP/s; attained 150 GFLOP/s
        RooflineFraction f =
                Roofline.fraction(result("FLOP", 150_000_000_000L, 1_500_000_000L, 1.0, "CPU"), calibration());
        assertThat(f.roof()).isEqualTo(RooflineFraction.COMPUTE);
        assertThat(f.roofPerSecond()).isEqualTo(200e9);
        assertThat(f.fraction()).isCloseTo(0.75, within(1e-12));
        assertThat(f.unit()).isEqualTo("FLOP/s");
        assertThat(f.calibration()).isEqualTo("test-cpu-2c-host");
    }

    @Test
    void aLowIntensityFlopKernelIsMeasuredAgainstIntensityTimesBandwidth() {
        // 2 FLOP/byte < ridge: roof = 2 x 10 GB/s = 20 GFLOP/s; attained 5 GFLOP/s
        RooflineFraction f =
                Roofline.fraction(result("FLOP", 5_000_000_000L, 2_500_000_000L, 1.0, "CPU"), calibration());
        assertThat(f.roof()).isEqualTo(RooflineFraction.MEMORY);
        assertThat(f.roofPerSecond()).isCloseTo(20e9, within(1.0));
        assertThat(f.fraction()).isCloseTo(0.25, within(1e-12));
        assertThat(Roofline.roofFlopsPerSecond(calibration(), 20.0)).isEqualTo(200e9);
    }

    @Test
    void aMemoryBoundKernelIsItsBytesPerSecondOverTheTriadBandwidth() {
        // 9 GB moved in 1 s against 10 GB/s
        RooflineFraction f = Roofline.fraction(result("BYTE", 1, 9_000_000_000L, 1.0, "CPU"), calibration());
        assertThat(f.roof()).isEqualTo(RooflineFraction.MEMORY);
        assertThat(f.unit()).isEqualTo("B/s");
        assertThat(f.fraction()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void dataThatFitInACacheArePlacedAgainstTheTriadAtTheirOwnWorkingSet() {
        Calibration c = calibrationWithCurve();
        // 8 MiB is half-way between 4 and 16 MiB in log(working set): 30 GB/s; 24 GB/s attained -> 0.8
        long eightMiB = 8L << 20;
        RooflineFraction f = Roofline.fraction(result("BYTE", 1, eightMiB, eightMiB / 24e9, "CPU"), c);
        assertThat(f.roofPerSecond()).isCloseTo(30e9, within(1e3));
        assertThat(f.fraction()).isCloseTo(0.8, within(1e-9));
        assertThat(f.workingSetBytes()).isEqualTo(eightMiB);
        assertThat(f.bandwidthBasis()).contains("8.0 MiB").contains("4.0 MiB").contains("16.0 MiB");
        // the same bytes/s against the DRAM figure alone would read 2.4 "of roof"
        assertThat(Roofline.fraction(result("BYTE", 1, eightMiB, eightMiB / 24e9, "CPU"), calibration())
                        .fraction())
                .isCloseTo(2.4, within(1e-9));

        // below the curve: its smallest point; between its last point and the DRAM triad (768 MiB): interpolated
        assertThat(Roofline.bandwidthAt(c, 100_000).bytesPerSecond()).isEqualTo(80e9);
        Roofline.Bandwidth mid = Roofline.bandwidthAt(c, (long) Math.sqrt((16.0 * (1 << 20)) * (768.0 * (1 << 20))));
        assertThat(mid.bytesPerSecond()).isCloseTo(15e9, within(1e3));
        assertThat(mid.basis()).contains("DRAM triad");
        // at or above the DRAM triad's working set, and with no curve: DRAM
        assertThat(Roofline.bandwidthAt(c, 768L << 20).bytesPerSecond()).isEqualTo(10e9);
        assertThat(Roofline.bandwidthAt(calibration(), 1L << 20).basis()).startsWith("DRAM triad");

        // a FLOP kernel of 2 FLOP/byte with 1 MiB of data: roof 2 x 80 GB/s = 160 GFLOP/s, under the 200 peak
        long oneMiB = 1L << 20;
        RooflineFraction g = Roofline.fraction(result("FLOP", 2 * oneMiB, oneMiB, 2 * oneMiB / 80e9, "CPU"), c);
        assertThat(g.roof()).isEqualTo(RooflineFraction.MEMORY);
        assertThat(g.roofPerSecond()).isCloseTo(160e9, within(1e3));
        assertThat(g.fraction()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void noFractionOffTheCpuWithoutACalibrationOrForAFailure() {
        BenchmarkResult gpu = result("FLOP", 1_000, 10, 1.0, "GPU");
        assertThat(Roofline.fraction(gpu, calibration())).isNull();
        BenchmarkResult cpu = result("FLOP", 1_000, 10, 1.0, "CPU");
        assertThat(Roofline.fraction(cpu, null)).isNull();
        assertThat(Roofline.withFraction(cpu, null)).isSameAs(cpu);
        BenchmarkResult failed =
                cpu.toBuilder().failed(ResultStatus.ERROR, "boom").build();
        assertThat(Roofline.fraction(failed, calibration())).isNull();
    }

    @Test
    void aRecordWithACalibrationAndFractionsValidatesAndRoundTrips(@TempDir Path dir) throws Exception {
        RunRecord golden = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        assertThat(golden.calibration()).isNull();
        assertThat(new String(Json.toBytes(golden), StandardCharsets.UTF_8))
                .as("a record without one writes no calibration field")
                .doesNotContain("calibration")
                .doesNotContain("rooflineFraction");
        RunRecord with = Records.withCalibration(golden, calibration());
        assertThat(with.results().getFirst().rooflineFraction()).isNotNull();

        Path f = dir.resolve("run.json");
        Json.writeRunRecord(f, with); // validated against the schema
        RunRecord back = Json.readRunRecord(f);
        assertThat(back).isEqualTo(with);
        assertThat(back.calibration().triadBytesPerSecond()).isEqualTo(10e9);
        assertThat(back.calibration().vendorGemmUnavailableReason()).isEqualTo("no vendor library binding yet");

        // the stored per-machine file is the same JSON
        Calibration c = Json.mapper().readValue(Json.toBytes(calibration()), Calibration.class);
        assertThat(c).isEqualTo(calibration());

        // with a bandwidth curve and cache-aware fractions, through the schema
        RunRecord curved = Records.withCalibration(golden, calibrationWithCurve());
        Path g = dir.resolve("curved.json");
        Json.writeRunRecord(g, curved);
        assertThat(Json.readRunRecord(g)).isEqualTo(curved);
        // a calibration stored before the curve was measured reads with an empty one
        String old = new String(Json.toBytes(calibration()), StandardCharsets.UTF_8)
                .replace(",\n  \"bandwidthCurve\" : [ ]", "");
        assertThat(old).doesNotContain("bandwidthCurve");
        assertThat(Json.mapper().readValue(old, Calibration.class).bandwidthCurve())
                .isEmpty();
    }

    @Test
    void theSchemaRejectsANonPositiveRoof(@TempDir Path dir) {
        RunRecord golden = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        Calibration c = calibration();
        Calibration zero = new Calibration(
                c.machineKey(),
                c.mode(),
                c.measuredAt(),
                c.durationSeconds(),
                c.cpuModel(),
                c.logicalCores(),
                c.threads(),
                c.vectorShape(),
                c.fmaAccumulators(),
                c.peakFlopsPerSecondOneCore(),
                c.peakFlopsPerSecondAllCores(),
                0.0,
                c.triadArrayBytes(),
                c.lastLevelCacheBytes(),
                c.vendorGemmFlopsPerSecond(),
                c.vendorGemmUnavailableReason(),
                c.notes(),
                c.bandwidthCurve());
        RunRecord bad = new RunRecord(
                golden.schemaVersion(),
                golden.runId(),
                golden.profile(),
                golden.startedAt(),
                golden.endedAt(),
                golden.startMonotonicNanos(),
                golden.endMonotonicNanos(),
                golden.harness(),
                golden.environment(),
                golden.results(),
                golden.warnings(),
                zero,
                null);
        assertThatThrownBy(() -> Json.writeRunRecord(dir.resolve("bad.json"), bad))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("triadBytesPerSecond");
    }
}
