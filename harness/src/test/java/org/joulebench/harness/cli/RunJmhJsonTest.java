package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code run --jmh-json FILE}: the run's JMH result JSON beside its record, the figures the record's. */
class RunJmhJsonTest {

    @Test
    void aRunAlsoWritesJmhsJsonWithTheRecordsFigures(@TempDir Path out, @TempDir Path elsewhere) throws Exception {
        Path jmh = elsewhere.resolve("reports/jmh.json");
        var o = CliBadInputTest.run(
                "run",
                "--backend=test-triad",
                "--kernel=triad",
                "--sensor=model",
                "--no-site",
                "--out=" + out,
                "--jmh-json=" + jmh);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("JMH result JSON: " + jmh.toAbsolutePath());
        Path recordFile;
        try (Stream<Path> s = Files.list(out)) {
            recordFile =
                    s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        RunRecord record = Json.readRunRecord(recordFile);
        BenchmarkResult r = record.results().getFirst();

        JsonNode entries = Json.mapper().readTree(Files.readString(jmh));
        assertThat(entries.size()).isEqualTo(1);
        JsonNode e = entries.get(0);
        assertThat(e.get("benchmark").asString()).endsWith("KernelBenchmark.run");
        assertThat(e.get("params").get("kernel").asString()).isEqualTo("triad");
        assertThat(e.get("primaryMetric").get("score").asDouble())
                .isCloseTo(r.score().value(), within(1e-6 * r.score().value()));
        String label = "energy." + r.energy().domains().getFirst().scope() + "."
                + r.energy().domains().getFirst().domain() + ".ESTIMATE.J/op";
        assertThat(List.copyOf(e.get("secondaryMetrics").propertyNames())).contains(label);
        assertThat(e.get("secondaryMetrics").get(label).get("score").asDouble())
                .isCloseTo(
                        r.energy().domains().getFirst().joulesPerOp(),
                        within(1e-6 * r.energy().domains().getFirst().joulesPerOp()));
        assertThat(e.get("secondaryMetrics").propertyNames()).allMatch(n -> n.startsWith("energy."));
    }
}
