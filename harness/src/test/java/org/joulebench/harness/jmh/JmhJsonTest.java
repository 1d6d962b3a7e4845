package org.joulebench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.joulebench.harness.energy.TinyBenchmark;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import tools.jackson.databind.JsonNode;

/** {@code --jmh-json} against what plain JMH writes for the same benchmark run. */
class JmhJsonTest {

    @Test
    void theSameStructureAsPlainJmhWithPerInvocationScoresAndEnergyMetrics(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.json");
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                        .include(TinyBenchmark.class.getName() + ".sqrt")
                        .mode(Mode.AverageTime)
                        .timeUnit(TimeUnit.MILLISECONDS)
                        .forks(1)
                        .warmupIterations(1)
                        .warmupTime(TimeValue.milliseconds(50))
                        .measurementIterations(5) // the golden record's domain has 5 windows
                        .measurementTime(TimeValue.milliseconds(50))
                        .jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1")
                        .resultFormat(ResultFormatType.JSON)
                        .result(plain.toString())
                        .verbosity(VerboseMode.SILENT)
                        .build())
                .run();
        BenchmarkResult record = Fixtures.goldenRun().results().getFirst();
        DomainEnergy domain = record.energy().domains().getFirst();

        // the fork ran batches of 3 invocations per JMH operation
        RunResult rewritten = JmhJson.rewrite(List.of(runs.iterator().next()), List.of(3), record);
        Path ours = dir.resolve("jmh.json");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(ours), false, StandardCharsets.UTF_8)) {
            JmhJson.write(List.of(rewritten), ps);
        }

        JsonNode a = Json.mapper().readTree(Files.readString(plain)).get(0);
        JsonNode b = Json.mapper().readTree(Files.readString(ours)).get(0);
        // JMH tooling reads it as it reads JMH's own: the same fields, the same shape of every metric
        assertThat(names(b)).isEqualTo(names(a));
        assertThat(names(b.get("primaryMetric"))).isEqualTo(names(a.get("primaryMetric")));
        assertThat(b.get("benchmark").asString()).isEqualTo(a.get("benchmark").asString());
        // the primary metric is per kernel invocation: a JMH operation was a batch of 3
        assertThat(b.get("primaryMetric").get("score").asDouble())
                .isCloseTo(
                        a.get("primaryMetric").get("score").asDouble() / 3,
                        within(1e-9 * a.get("primaryMetric").get("score").asDouble()));
        assertThat(b.get("primaryMetric").get("scoreUnit").asString()).isEqualTo("ms/op");
        // energy as secondary metrics, scope, domain and tier in the label; nothing else
        String jop = "energy.DEVICE.cpu-package.B.J/op";
        assertThat(names(b.get("secondaryMetrics"))).containsExactly(jop, "energy.DEVICE.cpu-package.B.W");
        JsonNode e = b.get("secondaryMetrics").get(jop);
        assertThat(names(e)).isEqualTo(names(a.get("primaryMetric")));
        assertThat(e.get("scoreUnit").asString()).isEqualTo("J/op");
        List<Double> raw = new ArrayList<>();
        e.get("rawData").get(0).forEach(v -> raw.add(v.asDouble()));
        assertThat(raw).containsExactlyElementsOf(domain.joulesPerOpPerIteration());
        assertThat(e.get("score").asDouble()).isCloseTo(domain.joulesPerOp(), within(1e-6 * domain.joulesPerOp()));

        // forks ran as separate one-fork JMH calls, each with its own batch size: one result, a row per fork
        RunResult plainRun = runs.iterator().next();
        RunResult twoForks = JmhJson.rewrite(List.of(plainRun, plainRun), List.of(2, 5), record);
        List<org.openjdk.jmh.results.BenchmarkResult> forkRows = List.copyOf(twoForks.getBenchmarkResults());
        assertThat(forkRows).hasSize(2);
        double plainFirst = plainRun.getBenchmarkResults()
                .iterator()
                .next()
                .getIterationResults()
                .iterator()
                .next()
                .getPrimaryResult()
                .getScore();
        assertThat(forkRows.get(0)
                        .getIterationResults()
                        .iterator()
                        .next()
                        .getPrimaryResult()
                        .getScore())
                .isCloseTo(plainFirst / 2, within(1e-9 * plainFirst));
        assertThat(forkRows.get(1)
                        .getIterationResults()
                        .iterator()
                        .next()
                        .getPrimaryResult()
                        .getScore())
                .isCloseTo(plainFirst / 5, within(1e-9 * plainFirst));
    }

    @Test
    void writtenWithJmhsOwnWriter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JmhJson.write(List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip()).isEqualTo("[\n]");
    }

    private static Set<String> names(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }
}
