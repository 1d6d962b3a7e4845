package org.joulebench.site.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.fixtures.Records;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BandwidthPoint;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The size sweep's figure, from a sweep record built on the golden result: every format at both widths, clean
 * geometry, every decade of both axes labelled, the caches and the calibrated bandwidth curve drawn, the same bytes
 * twice.
 */
public class SweepFigureTest {
    @TempDir
    Path tmp;

    /**
     * A gemm fp32 sweep from 32³ to 2048³ (7 points), by two implementations: throughput rising out of the caches,
     * J/op growing with n³; the golden result's record otherwise, with a calibration whose curve falls from 400 to 40
     * GB/s.
     */
    public static RunRecord gemmSweep(boolean energy) {
        ObjectNode run = (ObjectNode) Json.mapper().readTree(Fixtures.text("run-golden.json"));
        ObjectNode golden = (ObjectNode) run.get("results").get(0);
        ArrayNode results = run.putArray("results");
        int[] ns = {32, 64, 128, 256, 512, 1024, 2048};
        for (String impl : List.of("java", "openblas")) {
            for (int i = 0; i < ns.length; i++) {
                long n = ns[i];
                ObjectNode r = golden.deepCopy();
                r.put("size", "custom");
                r.put("shapeLabel", "M=" + n + ",N=" + n + ",K=" + n);
                ((ObjectNode) r.get("dims")).put("M", n).put("N", n).put("K", n);
                ((ObjectNode) r.get("implementation")).put("id", impl);
                ObjectNode w = (ObjectNode) r.get("work");
                w.put("operations", 2 * n * n * n).put("bytesRead", 8 * n * n).put("bytesWritten", 4 * n * n);
                double gflops = (impl.equals("java") ? 20 : 35) * Math.min(1, 0.1 + i / 4.0);
                ((ObjectNode) r.get("throughput")).put("value", gflops);
                if (energy) {
                    ((ObjectNode) r.get("energy").get("domains").get(0))
                            .put("joulesPerOp", 2.0 * n * n * n / (gflops * 1e9) * 30);
                } else {
                    r.putNull("energy");
                    r.put("energyUnavailableReason", "no energy sensor selected");
                }
                results.add(r);
            }
        }
        RunRecord record = Json.mapper().treeToValue(run, RunRecord.class);
        List<BandwidthPoint> curve = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            curve.add(new BandwidthPoint(16_384L << (2 * k), 400e9 / Math.pow(10, k / 7.0)));
        }
        record = Records.withCalibration(
                record,
                Records.cpuCalibration(
                        Instant.parse("2026-11-25T11:00:00Z"), 60, 100e9, 200e9, 40e9, 32L << 20, List.of(), curve));
        return record.withSweep(new Sweep(
                "gemm",
                "fp32",
                "cpu",
                "cpu0",
                Map.of("M", 32, "N", 32, "K", 32),
                Map.of("M", 2048, "N", 2048, "K", 2048),
                7,
                Map.of("L1d", 48L << 10, "L2", 2L << 20, "L3", 32L << 20)));
    }

    @Test
    void throughputAndEnergyAgainstTheWorkingSetWithCachesAndTheBandwidthCurveMarked() throws Exception {
        var w = SweepFigure.write(gemmSweep(true), "run-x.json (SHA-256 abc)", tmp, "sweep");
        assertThat(w.points()).isEqualTo(14);
        // two figures, each PDF/SVG/PNG at both widths and pgfplots (.tex, snippet, .dat); the CSV and the caption
        assertThat(w.files()).hasSize(2 * 9 + 2).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(w.caption())
                .contains("Size sweep of gemm fp32 on cpu:cpu0")
                .contains("7 points from ")
                .contains("L1d 48 KiB, L2 2 MiB, L3 32 MiB")
                .contains("memory roof from the bandwidth curve")
                .contains("ranked nowhere")
                .contains("run-x.json (SHA-256 abc)");
        assertThat(Files.readString(w.csv()))
                .startsWith("# Size sweep")
                .contains("openblas,\"M=2048,N=2048,K=2048\"," + (12L * 2048 * 2048) + ",");
        for (String stem : List.of("sweep-throughput", "sweep-energy")) {
            for (String size : List.of("single", "double")) {
                Path svg = tmp.resolve(stem + "-" + size + ".svg");
                SvgGeometry.assertClean(svg);
                List<String> texts = texts(svg);
                // x: working sets 12 KiB .. 48 MiB: every decade 10^4 .. 10^8 labelled
                for (int k = 4; k <= 8; k++) {
                    assertThat(texts)
                            .as(svg.getFileName() + " decade 10^" + k)
                            .contains("10" + k); // "10" and its exponent's tspan
                }
                assertThat(texts).as("cache levels marked").contains("L1d", "L2", "L3");
            }
        }
        List<String> throughput = texts(tmp.resolve("sweep-throughput-single.svg"));
        assertThat(throughput).contains("memory roof from the bandwidth curve (calibration)", "java", "openblas");
        assertThat(throughput).contains("10", "100"); // GFLOP/s from 2 to 400: decades 1, 10, 100
        // the golden energy is a RAPL counter (tier B): no ESTIMATE on its axis
        assertThat(texts(tmp.resolve("sweep-energy-single.svg"))).contains("energy per invocation (J/op)");
        // the same again, byte for byte
        var again = SweepFigure.write(gemmSweep(true), "run-x.json (SHA-256 abc)", tmp.resolve("again"), "sweep");
        for (Path p : w.files()) {
            assertThat(tmp.resolve("again").resolve(p.getFileName())).hasSameBinaryContentAs(p);
        }
        assertThat(again.files()).hasSameSizeAs(w.files());
    }

    @Test
    void withoutEnergyOnlyTheThroughputFigureIsDrawnAndTheCaptionSaysWhy() throws Exception {
        var w = SweepFigure.write(gemmSweep(false), "r", tmp, "s");
        assertThat(w.energy()).isNull();
        assertThat(w.files()).hasSize(9 + 2);
        assertThat(w.caption()).contains("no energy: no energy sensor selected");
    }

    @Test
    void aRecordThatIsNotASweepIsRefusedNamingIt() {
        assertThatThrownBy(() -> SweepFigure.write(Fixtures.goldenRun(), "r", tmp, "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a size sweep");
    }

    @Test
    void theBandwidthCurveIsInterpolatedLogLogAndHeldAtDramBeyondIt() {
        List<BandwidthPoint> curve = List.of(new BandwidthPoint(1000, 100e9), new BandwidthPoint(100_000, 10e9));
        var cal = Records.cpuCalibration(Instant.EPOCH, 1, 1e9, 2e9, 5e9, null, List.of(), curve);
        assertThat(SweepFigure.bandwidthAt(curve, cal, 500)).isEqualTo(100e9);
        assertThat(SweepFigure.bandwidthAt(curve, cal, 10_000))
                .isCloseTo(31.6227766e9, org.assertj.core.data.Offset.offset(1e3));
        assertThat(SweepFigure.bandwidthAt(curve, cal, 1e7)).isEqualTo(5e9);
    }

    private static List<String> texts(Path svg) throws Exception {
        List<String> out = new ArrayList<>();
        for (Element e : FigureFormatsTest.elements(FigureFormatsTest.parse(svg))) {
            if (e.getTagName().equals("text")) {
                out.add(e.getTextContent());
            }
        }
        return out;
    }
}
