package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI end to end with real JMH forks on the test-only backends: one correct, one that
 * computes the wrong answer. The wrong one must be recorded as failed, never timed; the right one
 * measured; both written; exit code 1.
 */
class RunCommandTest {

    @Test
    void aWrongAnswerIsAFailedResultAndTheRunGoesOn(@TempDir Path out) throws Exception {
        var o = CliBadInputTest.run(
                "run",
                "--backend=test-wrong,test-triad",
                "--kernel=triad",
                "--sensor=model",
                "--no-site",
                "--out=" + out);

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("1 of 2 results failed");
        List<Path> records;
        try (Stream<Path> s = Files.list(out)) {
            records =
                    s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        assertThat(records).hasSize(1);
        assertThat(o.out()).contains("Run record: " + records.getFirst().toAbsolutePath());

        // the strict reader validates against the committed JSON Schema, then binds to the records
        RunRecord record = Json.readRunRecord(records.getFirst());
        assertThat(Json.toBytes(record)).isEqualTo(Files.readAllBytes(records.getFirst())); // round trip
        assertThat(record.schemaVersion()).isEqualTo(RunRecord.CURRENT_SCHEMA_VERSION);
        assertThat(record.results()).hasSize(2);
        BenchmarkResult good = record.results().stream()
                .filter(r -> r.backend().equals("test-triad"))
                .findFirst()
                .orElseThrow();
        BenchmarkResult bad = record.results().stream()
                .filter(r -> r.backend().equals("test-wrong"))
                .findFirst()
                .orElseThrow();

        assertThat(bad.status()).isEqualTo(ResultStatus.VERIFICATION_FAILED);
        assertThat(bad.verification().passed()).isFalse();
        assertThat(bad.verification().message()).contains("outside tolerance");
        assertThat(bad.score()).isNull();
        assertThat(bad.throughput()).isNull();
        assertThat(bad.energy()).isNull();
        assertThat(bad.energyUnavailableReason()).isNotBlank();

        assertThat(good.status()).isEqualTo(ResultStatus.OK);
        assertThat(good.verification().passed()).isTrue();
        assertThat(good.score().unit()).isEqualTo("ms/op");
        assertThat(good.score().rawIterations())
                .hasSize(10)
                .allSatisfy(v -> assertThat(v).isPositive());
        // spine v2: implementation, device identity, batch and the fork's real arguments
        assertThat(good.implementation().id()).isEqualTo("test");
        assertThat(good.implementation().kind()).isEqualTo("PORTABLE");
        assertThat(good.deviceKind()).isEqualTo("OTHER");
        assertThat(good.deviceHardwareId()).isEqualTo("test:0");
        assertThat(good.jmh().batchSize()).isPositive();
        assertThat(good.jmh().batchRule()).contains("1 ms");
        assertThat(good.jmh().jvmArgs())
                .as("the provider's fork options reach the fork and are recorded as the fork saw them")
                .contains("-Djoulebench.test.forkOption=triad", "--add-modules=jdk.incubator.vector");
        assertThat(good.jmh().javaExecutable()).endsWith("java");
        assertThat(good.throughput().unit()).isEqualTo("GB/s");
        // throughput is the work over the score: bytes moved / (ms/op / 1000) / 1e9
        double expected = (good.work().bytesRead() + good.work().bytesWritten())
                / (good.score().value() / 1e3)
                / 1e9;
        assertThat(good.throughput().value())
                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(good.jmh().forks()).isEqualTo(1);
        // the backend's own figures: drained over the measured iterations only and divided by the invocations
        // JMH counted there (the test backend counts 1 per run: exactly 1.0 unless warm-up or verification leaked)
        assertThat(good.backendMetrics())
                .containsExactly(
                        new org.joulebench.results.record.BackendMetricRecord(
                                "test-runs",
                                "runs",
                                "PER_INVOCATION",
                                1.0,
                                "test backend's counter",
                                10,
                                good.backendMetrics().getFirst().invocations()),
                        new org.joulebench.results.record.BackendMetricRecord(
                                "prepare-time", "ns", "ONCE", 7.0, "test backend's clock", 0, 0));
        assertThat(good.backendMetrics().getFirst().invocations()).isPositive();
        assertThat(o.out())
                .as("the summary prints the backend's own figures under the table")
                .containsPattern("test-triad triad fp32 S on \\S+, test backend's counter: test-runs 1.00 runs/inv,"
                        + " prepare-time 7.00 ns once");
        assertThat(record.environment().logicalCores()).isPositive();
        assertThat(record.environment().backends()).extracting(b -> b.id()).contains("test-triad", "test-wrong");
        assertThat(record.harness().jmhVersion()).isEqualTo("1.37");
        // the model sensor: an estimate, labelled as such everywhere
        assertThat(good.energy().domains()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.tier()).isEqualTo("ESTIMATE");
            assertThat(d.estimated()).isTrue();
            assertThat(d.joulesPerOp()).isPositive();
        });
        assertThat(o.out()).contains("energy: model").contains("[ESTIMATE]");
        assertThat(o.out()).contains("kernel").contains("VERIFICATION_FAILED").contains("yes (");
        // this machine's roofs travel with the record; a device that is not the CPU gets no fraction of them
        assertThat(record.calibration()).isNotNull();
        assertThat(o.out()).contains("roofs: ");
        assertThat(good.rooflineFraction())
                .as("an OTHER device is not what was calibrated")
                .isNull();
    }

    @Test
    void theNullWorkloadMeasuresTheHarnessAndACustomShapeIsRecordedByItsDims(@TempDir Path out) throws Exception {
        var o = CliBadInputTest.run(
                "run",
                "--backend=cpu",
                "--kernel=noop,triad",
                "--shape=N=1000",
                "--sensor=none",
                "--no-site",
                "--out=" + out);
        assertThat(o.code()).as(o.err()).isZero();
        RunRecord record;
        try (Stream<Path> s = Files.list(out)) {
            record = Json.readRunRecord(
                    s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        BenchmarkResult noop = record.results().stream()
                .filter(r -> r.kernel().equals("noop"))
                .findFirst()
                .orElseThrow();
        BenchmarkResult triad = record.results().stream()
                .filter(r -> r.kernel().equals("triad"))
                .findFirst()
                .orElseThrow();
        assertThat(triad.size()).isEqualTo(BenchmarkResult.CUSTOM_SIZE);
        assertThat(triad.shapeLabel()).isEqualTo("N=1000");
        assertThat(triad.dims()).containsExactly(java.util.Map.entry("N", 1000));
        assertThat(triad.work().bytesRead()).isEqualTo(8000);
        // a 1000-element triad takes well under 1 ms: the fork batches it
        assertThat(triad.jmh().batchSize()).isGreaterThan(1);
        assertThat(noop.energy()).isNull();
        assertThat(noop.energyUnavailableReason()).contains("null workload");
        for (BenchmarkResult r : record.results()) {
            assertThat(r.overhead()).as(r.kernel()).isNotNull();
            assertThat(r.overhead().source()).contains("noop on cpu:cpu0");
        }
        assertThat(triad.overhead().shareOfTime()).isBetween(0.0, 1.0);
        assertThat(noop.overhead().shareOfTime())
                .as("all overhead by definition")
                .isNull();
        // measured roofs: the CPU triad is its bytes/s over this machine's triad bandwidth; noop has no roof
        var cal = record.calibration();
        assertThat(cal).isNotNull();
        assertThat(cal.peakFlopsPerSecondAllCores()).isPositive();
        assertThat(cal.triadBytesPerSecond()).isPositive();
        assertThat(noop.rooflineFraction()).isNull();
        assertThat(triad.rooflineFraction().roof()).isEqualTo("MEMORY");
        assertThat(triad.rooflineFraction().calibration()).isEqualTo(cal.machineKey());
        assertThat(o.out()).contains("of roof").contains(SummaryTable.roof(triad));
        // 12,000 bytes of triad sit in a cache: the roof is the triad at that working set on the measured curve
        assertThat(triad.rooflineFraction().workingSetBytes()).isEqualTo(12_000L);
        var bandwidth = org.joulebench.results.record.Roofline.bandwidthAt(cal, 12_000L);
        assertThat(triad.rooflineFraction().bandwidthBasis()).isEqualTo(bandwidth.basis());
        assertThat(cal.bandwidthCurve()).isNotEmpty();
        assertThat(bandwidth.basis()).contains("smallest point");
        assertThat(triad.rooflineFraction().fraction())
                .isCloseTo(
                        triad.throughput().bytesPerSecond() / bandwidth.bytesPerSecond(),
                        org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(o.out())
                .contains("harness overhead:")
                .contains("ns per invocation")
                .contains("ns per batch");
    }
}
