package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A runner's own energy reading, end to end with real JMH forks and a real runner process that reports a stand-in
 * counter (backends/external/src/test/resources/energy_runner.py): the record has it as an energy domain of its own
 * (sensor {@code runner}, the runner's method and tier, DEVICE scope on the runner's device, raw windows read around
 * the same measured windows as the harness's model) beside the model's domain; {@code submit}'s checker recomputes it
 * like any domain (edited joules are rejected) and refuses a runner domain that claims tier A.
 */
class ExternalRunnerEnergyTest {
    private static final Path ENERGY_RUNNER = Path.of("../backends/external/src/test/resources/energy_runner.py")
            .toAbsolutePath()
            .normalize();

    @AfterEach
    void forgetTheRunner() {
        System.clearProperty("joulebench.runner");
    }

    @Test
    void theRunnersReadingIsADomainBesideTheHarnessSensorsAndCheckRecomputesIt(@TempDir Path dir) throws Exception {
        boolean numpy =
                new ProcessBuilder("python3", "-c", "import numpy").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(numpy)
                    .as("python3 imports numpy in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(numpy, "python3 here does not import numpy");
        Path runs = dir.resolve("runs");
        var run = CliBadInputTest.run(
                "run",
                "--backend=external",
                "--runner=python3 " + ENERGY_RUNNER + " COUNTER DEVICE",
                "--kernel=triad",
                "--sensor=model",
                "--no-site",
                "--out=" + runs);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Path recordFile;
        try (Stream<Path> s = Files.list(runs)) {
            recordFile =
                    s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        RunRecord record = Json.readRunRecord(recordFile);
        BenchmarkResult triad = record.results().stream()
                .filter(r -> r.kernel().equals("triad"))
                .findFirst()
                .orElseThrow();
        List<DomainEnergy> domains = triad.energy().domains();
        assertThat(domains).extracting(DomainEnergy::sensor).containsExactlyInAnyOrder("model", "runner");
        DomainEnergy model = domains.stream()
                .filter(d -> d.sensor().equals("model"))
                .findFirst()
                .orElseThrow();
        int index = domains.indexOf(domains.stream()
                .filter(d -> d.sensor().equals("runner"))
                .findFirst()
                .orElseThrow());
        DomainEnergy runner = domains.get(index);
        assertThat(runner.method()).isEqualTo("COUNTER");
        assertThat(runner.tier()).isEqualTo("B");
        assertThat(runner.estimated()).isFalse();
        assertThat(runner.domain()).isEqualTo("device");
        assertThat(runner.scope()).isEqualTo(DomainEnergy.SCOPE_DEVICE);
        assertThat(runner.scopeDevice()).isEqualTo(triad.deviceHardwareId());
        assertThat(runner.details().name()).startsWith("runner energy-test-runner 0.1: stand-in counter");
        RawReadings raw = runner.raw();
        assertThat(raw.kind()).isEqualTo(RawReadings.CUMULATIVE_JOULES);
        assertThat(raw.idle()).as("a runner reports only the work it ran").isEmpty();
        // read around the same measured windows as the model: one window per measured iteration, same invocations
        assertThat(raw.windows()).hasSameSizeAs(model.raw().windows()).isNotEmpty();
        for (int i = 0; i < raw.windows().size(); i++) {
            RawWindow w = raw.windows().get(i);
            RawWindow m = model.raw().windows().get(i);
            assertThat(w.invocations()).isEqualTo(m.invocations()).isPositive();
            assertThat(w.endJoules() - w.startJoules()).isPositive();
            // 25 W times the runner's own time, which lies inside the window
            assertThat((w.endJoules() - w.startJoules()) / w.seconds()).isBetween(0.5, 25.0 * 1.001);
        }
        assertThat(triad.backendMetrics()).noneMatch(m -> m.name().startsWith("runner-energy"));

        // submit's checker recomputes the runner's domain from its raw windows, and bounds its tier
        Path system = dir.resolve("system.json");
        Files.writeString(system, """
                {
                  "submitter" : "Runner energy test",
                  "systemName" : "Bench box",
                  "chipVendor" : "Example",
                  "chipModel" : "X1",
                  "chipKind" : "CPU",
                  "announced" : "2020-01-01"
                }
                """);
        ObjectMapper json = new ObjectMapper();
        String field = ".energy.domains[" + index + "]";
        for (String edit : List.of("none", "joules", "tierA")) {
            JsonNode tree = json.readTree(recordFile.toFile());
            for (JsonNode r : tree.get("results")) {
                if (r.get("kernel").asString().equals("triad")) {
                    ObjectNode d = (ObjectNode) r.get("energy").get("domains").get(index);
                    if (edit.equals("joules")) {
                        d.put("joules", d.get("joules").asDouble() * 2);
                    } else if (edit.equals("tierA")) {
                        d.put("method", "EXTERNAL_METER");
                        d.put("tier", "A");
                    }
                }
            }
            Path edited = dir.resolve("edited-" + edit + ".json");
            json.writerWithDefaultPrettyPrinter().writeValue(edited.toFile(), tree);
            var submit = CliBadInputTest.run(
                    "submit", edited.toString(), "--system=" + system, "--root=" + dir.resolve("subs-" + edit));
            String said = submit.out() + submit.err();
            List<String> aboutTheRunnerDomain = said.lines()
                    .filter(l -> l.contains("REJECT") && l.contains(field))
                    .toList();
            if (edit.equals("none")) {
                // as recorded, nothing about the runner's domain is rejected (its window rules hold)
                assertThat(aboutTheRunnerDomain).as(said).isEmpty();
                continue;
            }
            assertThat(submit.code()).as(edit + ": " + said).isEqualTo(1);
            assertThat(aboutTheRunnerDomain).as(edit + ": " + said).isNotEmpty();
            if (edit.equals("tierA")) {
                assertThat(said).contains("a runner's own energy reading claims an external meter (tier A)");
            }
        }
    }
}
