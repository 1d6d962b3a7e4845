package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.submission.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The forgery classes of issue 19 ("trust v3"), each tried as a vendor keen to top the board would: the committed
 * submission (the real Emerald Rapids record) or the golden bare-metal one, re-labelled, re-timed, re-dated or
 * replayed, written as real files with a correct manifest, and the whole tree checked. Each is rejected by its
 * class's rule, naming the field, with no advice on how to pass; each passed before its rule existed.
 */
class TrustV3Test {
    static final Path COMMITTED =
            Path.of("submissions/joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm");

    @TempDir
    Path dir;

    /** A hostile tree: a function of the submissions root that writes folders into it. */
    interface Tree {
        void write(Path root) throws Exception;
    }

    static ObjectNode committedRun() throws Exception {
        try (Stream<Path> s = Files.list(COMMITTED.resolve("runs"))) {
            return (ObjectNode)
                    Json.mapper().readTree(s.findFirst().orElseThrow().toFile());
        }
    }

    static ObjectNode committedSystem() throws Exception {
        return (ObjectNode)
                Json.mapper().readTree(COMMITTED.resolve("system.json").toFile());
    }

    static ObjectNode goldenRun() {
        return (ObjectNode) Json.mapper().readTree(Fixtures.text("run-golden.json"));
    }

    static ObjectNode goldenSystem() {
        return (ObjectNode) Json.mapper().readTree(Fixtures.text("system-golden.json"));
    }

    /** Writes one submission folder (slugs of the names) with its manifest, as a hand-made pull request would. */
    static void folder(Path root, ObjectNode system, List<ObjectNode> runs) throws Exception {
        Path f = root.resolve(org.joulebench.results.names.DisplayNames.slug(
                        system.get("submitter").asString()))
                .resolve(org.joulebench.results.names.DisplayNames.slug(
                        system.get("systemName").asString()));
        Files.createDirectories(f.resolve("runs"));
        Files.write(f.resolve("system.json"), Json.toBytes(system));
        for (ObjectNode r : runs) {
            Files.write(f.resolve("runs").resolve(r.get("runId").asString() + ".json"), Json.toBytes(r));
        }
        Files.write(f.resolve("manifest.json"), Manifest.of(f).toBytes());
    }

    static Tree committed(Consumer<ObjectNode> system, Consumer<ObjectNode> run) {
        return root -> {
            ObjectNode s = committedSystem();
            ObjectNode r = committedRun();
            system.accept(s);
            run.accept(r);
            folder(root, s, List.of(r));
        };
    }

    static Tree golden(Consumer<ObjectNode> run) {
        return root -> {
            ObjectNode r = goldenRun();
            run.accept(r);
            folder(root, goldenSystem(), List.of(r));
        };
    }

    static ObjectNode result(ObjectNode run, int i) {
        return (ObjectNode) run.get("results").get(i);
    }

    static ObjectNode domain(ObjectNode run, int i) {
        return (ObjectNode) result(run, i).get("energy").get("domains").get(0);
    }

    static ObjectNode window(ObjectNode run, int i, int w) {
        return (ObjectNode) domain(run, i).get("raw").get("windows").get(w);
    }

    /** Energy per op × k for result i, its raw windows with it: every figure stays what the readings give. */
    static void scaleEnergy(ObjectNode run, int i, double k) {
        ObjectNode d = domain(run, i);
        for (String f :
                List.of("joules", "joulesPerOp", "joulesPerOpError", "picojoulesPerUnit", "averagePowerWatts")) {
            d.put(f, d.get(f).asDouble() * k);
        }
        d.put("unitsPerJoule", d.get("unitsPerJoule").asDouble() / k);
        ArrayNode it = (ArrayNode) d.get("joulesPerOpPerIteration");
        for (int j = 0; j < it.size(); j++) {
            it.set(j, it.get(j).asDouble() * k);
        }
        for (JsonNode w : d.get("raw").get("windows")) {
            ObjectNode o = (ObjectNode) w;
            double a = o.get("startJoules").asDouble();
            o.put("endJoules", a + (o.get("endJoules").asDouble() - a) * k);
        }
    }

    /** The golden domain as a power meter's: {@code n} samples per window, spread over {@code spanNanos}. */
    static void sampled(ObjectNode run, int n, long spanNanos) {
        ObjectNode d = domain(run, 0);
        d.put("method", "SAMPLED_POWER").put("tier", "C");
        ((ObjectNode) d.get("raw")).put("kind", "POWER_SAMPLES");
        for (JsonNode w : d.get("raw").get("windows")) {
            ObjectNode o = (ObjectNode) w;
            ArrayNode samples = o.putArray("samples");
            long start = o.get("startNanos").asLong();
            for (int k = 0; k < n; k++) {
                samples.addObject()
                        .put("nanos", start + spanNanos * k / Math.max(1, n - 1))
                        .put("watts", 45.0);
            }
        }
    }

    static void shiftWindow(ObjectNode w, long nanos, double joules) {
        w.put("startNanos", w.get("startNanos").asLong() + nanos)
                .put("endNanos", w.get("endNanos").asLong() + nanos);
        if (joules != 0) {
            w.put("startJoules", w.get("startJoules").asDouble() + joules)
                    .put("endJoules", w.get("endJoules").asDouble() + joules);
        }
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of(
                        "1: declared peaks of 1e20 FLOP/s lift nothing: a gemm 3e5 x more efficient is beyond physics",
                        committed(
                                s -> s.put("tdpWatts", 350.0)
                                        .set(
                                                "datasheetPeaks",
                                                Json.mapper()
                                                        .readTree(
                                                                "{\"flopsPerSecondByDtype\":{\"fp32\":1e20},\"source\":\"datasheet\"}")),
                                r -> scaleEnergy(r, 0, 1 / 3e5)),
                        "physics",
                        "$.results[0].energy.domains[0].unitsPerJoule"),
                Arguments.of(
                        "1: the declared peak itself is bounded",
                        committed(
                                s -> s.set(
                                        "datasheetPeaks",
                                        Json.mapper()
                                                .readTree(
                                                        "{\"flopsPerSecondByDtype\":{\"fp32\":1e20},\"source\":\"datasheet\"}")),
                                r -> {}),
                        "declaration",
                        "$.datasheetPeaks.flopsPerSecondByDtype.fp32"),
                Arguments.of(
                        "1: a TDP of 4.9e-324 W is bounded",
                        committed(s -> s.put("tdpWatts", 4.9e-324), r -> {}),
                        "declaration",
                        "$.tdpWatts"),
                Arguments.of(
                        "2: a cuda/H100 result under a CPU-only system, its device not one the environment lists",
                        committed(
                                s -> {},
                                r -> result(r, 0)
                                        .put("backend", "cuda")
                                        .put("device", "gpu0")
                                        .put("deviceName", "NVIDIA H100 80GB HBM3")
                                        .put("deviceKind", "GPU")),
                        "environment",
                        "$.results[0].device"),
                Arguments.of(
                        "2: a result that states another device name than the environment lists",
                        committed(s -> {}, r -> result(r, 0).put("deviceName", "Intel Xeon Platinum 8592+")),
                        "environment",
                        "$.results[0].deviceName"),
                Arguments.of(
                        "3: a result repeated inside one record",
                        committed(
                                s -> {},
                                r -> ((ArrayNode) r.get("results"))
                                        .add(result(r, 0).deepCopy())),
                        "duplicate",
                        "$.results[36]"),
                Arguments.of(
                        "3: the committed run replayed by another submitter: new run id, results reordered, hostname",
                        (Tree) root -> {
                            folder(root, committedSystem(), List.of(committedRun()));
                            ObjectNode s = committedSystem();
                            s.put("submitter", "Fast Silicon Inc").put("systemName", "FS-1");
                            ObjectNode r = committedRun();
                            r.put("runId", "20261201T000000Z-ffffff");
                            ((ObjectNode) r.get("environment")).put("hostname", "fs1");
                            ArrayNode results = (ArrayNode) r.get("results");
                            JsonNode first = results.remove(0);
                            results.add(first);
                            folder(root, s, List.of(r));
                        },
                        "duplicate",
                        "$.results[35]"),
                Arguments.of(
                        "4: a chip announced after the run that measured it",
                        committed(s -> s.put("announced", "2026-12-01"), r -> {}),
                        "dates",
                        "$.startedAt"),
                Arguments.of(
                        "4: a CPU announced decades before any CPU",
                        committed(s -> s.put("announced", "1950-01-01"), r -> {}),
                        "declaration",
                        "$.announced"),
                Arguments.of(
                        "4: a run that ends before it starts",
                        committed(s -> {}, r -> r.put("endedAt", "2026-11-30T08:00:00Z")),
                        "dates",
                        "$.endedAt"),
                Arguments.of(
                        "4: a run in the future",
                        committed(
                                s -> {},
                                r -> r.put("startedAt", "2999-11-30T08:09:59Z").put("endedAt", "2999-11-30T08:39:18Z")),
                        "dates",
                        "$.startedAt"),
                Arguments.of(
                        "6: counter readings scaled to ~1 W for a 205 W package (consistent figures): below its idle",
                        golden(r -> TrustRulesTest.scaleEnergy(r, 1 / 45.0)),
                        "power",
                        "$.results[0].energy.domains[0].averagePowerWatts"),
                Arguments.of(
                        "8: a cumulative counter that goes backwards between windows (figures unchanged)",
                        golden(r -> shiftWindow(window(r, 0, 1), 0, -100)),
                        "raw-readings",
                        "$.results[0].energy.domains[0].raw.windows[1].startJoules"),
                Arguments.of(
                        "8: a window after the run ended (figures unchanged)",
                        golden(r -> shiftWindow(window(r, 0, 4), 200_000_000_000L, 0)),
                        "raw-readings",
                        "$.results[0].energy.domains[0].raw.windows[4].startNanos"),
                Arguments.of(
                        "8: two windows at the same time (figures unchanged)",
                        golden(r -> {
                            ObjectNode a = window(r, 0, 0), b = window(r, 0, 1);
                            long d = b.get("startNanos").asLong()
                                    - a.get("startNanos").asLong();
                            shiftWindow(b, -d + 1, 0);
                        }),
                        "raw-readings",
                        "$.results[0].energy.domains[0].raw.windows"),
                Arguments.of(
                        "8: one power sample in a 1 s window of a sensor updating every 1 ms",
                        golden(r -> sampled(r, 1, 1_000_000_000L)),
                        "raw-readings",
                        "$.results[0].energy.domains[0].raw.windows[0].samples"),
                Arguments.of(
                        "8: power samples covering 1 % of their window",
                        golden(r -> sampled(r, 600, 10_000_000L)),
                        "raw-readings",
                        "$.results[0].energy.domains[0].raw.windows[0].samples"),
                Arguments.of(
                        "8: idle power above the loaded power (negative energy above idle)",
                        golden(r -> domain(r, 0).put("idlePowerWatts", 50.0)),
                        "raw-readings",
                        "$.results[0].energy.domains[0].idlePowerWatts"),
                Arguments.of(
                        "9: a roofline fraction typed as 0.999",
                        committed(
                                s -> {},
                                r -> ((ObjectNode) result(r, 0).get("rooflineFraction")).put("fraction", 0.999)),
                        "derived",
                        "$.results[0].rooflineFraction"),
                Arguments.of(
                        "9: a result faster than the record's own calibrated peak",
                        committed(
                                s -> {},
                                // both of the calibration's fp32 rates: its FMA peak and its vendor sgemm rate
                                r -> ((ObjectNode) r.get("calibration"))
                                        .put("peakFlopsPerSecondAllCores", 1e10)
                                        .put("vendorGemmFlopsPerSecond", 1e10)),
                        "derived",
                        "$.results[0].throughput.operationsPerSecond"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void isRejectedNamingTheFieldWithoutAdvice(String what, Tree tree, String rule, String field) throws Exception {
        Path root = dir.resolve("submissions");
        Files.createDirectories(root);
        tree.write(root);
        CheckReport report = new Checker().check(root);
        assertThat(report.rejections()).as(what + ":\n" + report.render()).anySatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo(rule);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.fix()).isNull();
            assertThat(p.message()).doesNotContain("\n").doesNotContainIgnoringCase("declare");
        });
    }

    /** 14: a submission's size and a record's result count are bounded, with one clear line, nothing parsed. */
    @org.junit.jupiter.api.Test
    void aSubmissionsSizeAndARecordsResultCountAreBounded() throws Exception {
        Path root = dir.resolve("submissions");
        folder(root, committedSystem(), List.of(committedRun()));
        Path runs = root.resolve("joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm/runs");
        for (int i = 0; i < Checker.MAX_RUNS_PER_SUBMISSION; i++) {
            Files.writeString(runs.resolve("r" + i + ".json"), "{}");
        }
        CheckReport many = new Checker().check(root);
        assertThat(many.rejections()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("layout");
            assertThat(p.file()).isEqualTo(runs);
            assertThat(p.message()).startsWith("the submission holds 1001 run files");
        });

        Path other = dir.resolve("other");
        ObjectNode r = committedRun();
        ArrayNode results = (ArrayNode) r.get("results");
        while (results.size() <= org.joulebench.results.json.SafeJsonReader.MAX_RESULTS_PER_RECORD) {
            results.add(Json.mapper().createObjectNode());
        }
        folder(other, committedSystem(), List.of(r));
        assertThat(new Checker().check(other).rejections())
                .extracting(Problem::ruleId, Problem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("schema", "$.results"));
    }
}
