package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.Json;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.ResultStatus;
import org.joulebench.results.run.RunRecord;
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
                .hasSize(3)
                .allSatisfy(v -> assertThat(v).isPositive());
        assertThat(good.throughput().unit()).isEqualTo("GB/s");
        // throughput is the work over the score: bytes moved / (ms/op / 1000) / 1e9
        double expected = (good.work().bytesRead() + good.work().bytesWritten())
                / (good.score().value() / 1e3)
                / 1e9;
        assertThat(good.throughput().value())
                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(good.jmh().forks()).isEqualTo(1);
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
    }
}
