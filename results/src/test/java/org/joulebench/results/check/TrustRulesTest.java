package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The physics, consistency, catalogue and environment rules, each on the golden submission (which passes
 * them all) with one hostile change, written to real files and checked as a whole tree. Changes that keep
 * every derived figure consistent (a fabricated result as a careful forger would write it) use
 * {@link #scaleEnergy} and {@link #scaleTime}.
 */
class TrustRulesTest {
    @TempDir
    Path dir;

    private static final String DOMAIN = "results/0/energy/domains/0";

    record Change(Consumer<ObjectNode> run, String systemFrom, String systemTo) {
        static Change run(Consumer<ObjectNode> c) {
            return new Change(c, null, null);
        }
    }

    private static ObjectNode at(ObjectNode root, String path) {
        JsonNode n = root;
        for (String p : path.split("/")) {
            n = p.matches("\\d+") ? n.get(Integer.parseInt(p)) : n.get(p);
        }
        return (ObjectNode) n;
    }

    private static double num(ObjectNode o, String f) {
        return o.get(f).asDouble();
    }

    /** Multiplies energy per op by {@code k} and rewrites every figure derived from it consistently. */
    static void scaleEnergy(ObjectNode run, double k) {
        ObjectNode d = at(run, DOMAIN);
        double secondsPerOp = num(at(run, "results/0/score"), "value") / 1e3;
        double jop = num(d, "joulesPerOp") * k;
        d.put("joulesPerOp", jop);
        d.put("joules", num(d, "joules") * k);
        d.put("joulesPerOpError", num(d, "joulesPerOpError") * k);
        ArrayNode it = (ArrayNode) d.get("joulesPerOpPerIteration");
        for (int i = 0; i < it.size(); i++) {
            it.set(i, it.get(i).asDouble() * k);
        }
        d.put("picojoulesPerUnit", num(d, "picojoulesPerUnit") * k);
        d.put("unitsPerJoule", num(d, "unitsPerJoule") / k);
        d.put("averagePowerWatts", jop / secondsPerOp);
        d.put("dynamicJoulesPerOp", jop - num(d, "idlePowerWatts") * secondsPerOp);
    }

    /** Multiplies time per op by {@code k} and rewrites throughput, power and totals consistently. */
    static void scaleTime(ObjectNode run, double k) {
        ObjectNode score = at(run, "results/0/score");
        score.put("value", num(score, "value") * k);
        score.put("error", num(score, "error") * k);
        ArrayNode raw = (ArrayNode) score.get("rawIterations");
        for (int i = 0; i < raw.size(); i++) {
            raw.set(i, raw.get(i).asDouble() * k);
        }
        // the per-fork data the score is derived from (schema 3), scaled alike
        for (var forkNode : (ArrayNode) at(run, "results/0").get("forks")) {
            ObjectNode fork = (ObjectNode) forkNode;
            ArrayNode perCall = (ArrayNode) fork.get("millisPerCall");
            for (int i = 0; i < perCall.size(); i++) {
                perCall.set(i, perCall.get(i).asDouble() * k);
            }
            fork.put("millisPerInvocation", num(fork, "millisPerInvocation") * k);
            fork.put("errorMillisPerInvocation", num(fork, "errorMillisPerInvocation") * k);
        }
        ObjectNode t = at(run, "results/0/throughput");
        for (String f : List.of("value", "error", "operationsPerSecond", "bytesPerSecond")) {
            t.put(f, num(t, f) / k);
        }
        ObjectNode d = at(run, DOMAIN);
        double secondsPerOp = num(score, "value") / 1e3;
        d.put("joules", num(d, "joules") / k); // k times fewer operations fit the same windows
        d.put("averagePowerWatts", num(d, "joulesPerOp") / secondsPerOp);
        d.put("dynamicJoulesPerOp", num(d, "joulesPerOp") - num(d, "idlePowerWatts") * secondsPerOp);
    }

    private CheckReport submitAndCheck(Change change) throws Exception {
        ObjectNode run = (ObjectNode) Json.mapper().readTree(Fixtures.text("run-golden.json"));
        change.run().accept(run);
        Path in = dir.resolve("in/run.json");
        Files.createDirectories(in.getParent());
        Files.write(in, Json.mapper().writeValueAsBytes(run));
        Path system = Fixtures.copy(
                "system-golden.json", dir.resolve("in/system.json"), change.systemFrom(), change.systemTo());
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(in), system, null, dir.resolve("submissions")));
        return new Checker().check(dir.resolve("submissions"));
    }

    static Stream<Arguments> hostileChanges() {
        return Stream.of(
                Arguments.of(
                        "a fabricated tier-A result at 3e7 GFLOP/J, every derived figure consistent",
                        Change.run(r -> {
                            ObjectNode d = at(r, DOMAIN);
                            d.put("sensor", "ptd")
                                    .put("method", "EXTERNAL_METER")
                                    .put("tier", "A");
                            d.put("domain", "node-wall");
                            at(r, DOMAIN + "/details").put("meterIdentity", "Yokogawa WT310E,1000,...");
                            scaleEnergy(r, num(d, "unitsPerJoule") / 3e7);
                        }),
                        "physics",
                        "$.results[0].energy.domains[0].unitsPerJoule"),
                Arguments.of(
                        "an external meter with no meter identity",
                        Change.run(r -> at(r, DOMAIN)
                                .put("sensor", "ptd")
                                .put("method", "EXTERNAL_METER")
                                .put("tier", "A")),
                        "physics",
                        "$.results[0].energy.domains[0].details.meterIdentity"),
                Arguments.of(
                        "a RAPL counter on an Arm CPU",
                        Change.run(r -> at(r, "environment").put("cpuVendor", "ARM")),
                        "physics",
                        "$.results[0].energy.domains[0].sensor"),
                Arguments.of(
                        "a RAPL counter claiming a GPU board",
                        Change.run(r -> at(r, DOMAIN).put("domain", "gpu-board")),
                        "physics",
                        "$.results[0].energy.domains[0].domain"),
                Arguments.of(
                        "an NVML reading for a result that ran on the CPU of a system with an NVIDIA GPU",
                        new Change(
                                r -> at(r, DOMAIN).put("sensor", "nvml"),
                                "\"chipVendor\" : \"Intel\"",
                                "\"chipVendor\" : \"NVIDIA\""),
                        "physics",
                        "$.results[0].energy.domains[0].sensor"),
                Arguments.of(
                        "a counter tier on a system described as a VM",
                        new Change(r -> {}, "\"bench-01, bare metal\"", "\"KVM guest, 2 vCPUs\""),
                        "physics",
                        "$.results[0].energy.domains[0].method"),
                Arguments.of(
                        "efficiency above the CPU ceiling with no datasheet declared (consistent figures)",
                        new Change(r -> scaleEnergy(r, 1e-4), "\"fp32\" : 3.2768E12", "\"fp16\" : 3.2768E12"),
                        "physics",
                        "$.results[0].energy.domains[0].unitsPerJoule"),
                Arguments.of(
                        "throughput above the CPU ceiling with no datasheet declared (consistent figures)",
                        new Change(
                                r -> {
                                    scaleTime(r, 1e-5);
                                    scaleEnergy(r, 1e-5);
                                },
                                "\"fp32\" : 3.2768E12",
                                "\"fp16\" : 3.2768E12"),
                        "physics",
                        "$.results[0].throughput.value"),
                Arguments.of(
                        "efficiency above 4x the declared datasheet efficiency (consistent figures)",
                        Change.run(r -> scaleEnergy(r, 1.0 / 200)),
                        "physics",
                        "$.results[0].energy.domains[0].unitsPerJoule"),
                Arguments.of(
                        "a run on an Intel CPU under a system described as AMD",
                        new Change(r -> {}, "\"chipVendor\" : \"Intel\"", "\"chipVendor\" : \"AMD\""),
                        "environment",
                        "$.environment.cpuVendor"),
                Arguments.of(
                        "a run on a Xeon Gold 6338 under a system described as a Xeon Gold 6430",
                        new Change(r -> {}, "Xeon Gold 6338", "Xeon Gold 6430"),
                        "environment",
                        "$.environment.cpuModel"),
                Arguments.of(
                        "a GPU result under a system described as a CPU",
                        Change.run(
                                r -> at(r, "environment/backends/0/devices/0").put("kind", "GPU")),
                        "environment",
                        "$.results[0].device"),
                Arguments.of(
                        "an unknown kernel",
                        Change.run(r -> at(r, "results/0").put("kernel", "gemm-fast")),
                        "catalogue",
                        "$.results[0].kernel"),
                Arguments.of(
                        "a dtype the kernel does not define",
                        Change.run(r -> at(r, "results/0").put("dtype", "int4")),
                        "catalogue",
                        "$.results[0].dtype"),
                Arguments.of(
                        "a shape label that is not the catalogue's",
                        Change.run(r -> at(r, "results/0").put("shapeLabel", "square-4096")),
                        "catalogue",
                        "$.results[0].shapeLabel"),
                Arguments.of(
                        "dims that are not the catalogue's for the size",
                        Change.run(r -> at(r, "results/0/dims").put("K", 128)),
                        "catalogue",
                        "$.results[0].dims"),
                Arguments.of(
                        "a work count that is not the kernel's formula on the recorded dims",
                        Change.run(r -> at(r, "results/0/work").put("bytesRead", 1)),
                        "catalogue",
                        "$.results[0].work.bytesRead"),
                Arguments.of(
                        "a loosened verification tolerance",
                        Change.run(r -> at(r, "results/0/verification").put("relativeTolerance", 0.5)),
                        "catalogue",
                        "$.results[0].verification"),
                Arguments.of(
                        "'passed' with an error above the tolerance",
                        Change.run(r -> at(r, "results/0/verification").put("maxRelativeError", 0.5)),
                        "catalogue",
                        "$.results[0].verification.maxRelativeError"),
                Arguments.of(
                        "a score that is not the mean of its raw iterations",
                        Change.run(r -> ((ArrayNode) at(r, "results/0/score").get("rawIterations")).set(0, 2.5)),
                        "consistency",
                        "$.results[0].score.value"),
                Arguments.of(
                        "raw iterations missing",
                        Change.run(r -> ((ArrayNode) at(r, "results/0/score").get("rawIterations")).remove(4)),
                        "consistency",
                        "$.results[0].score.rawIterations"),
                Arguments.of(
                        "an edited op/s",
                        Change.run(r -> at(r, "results/0/throughput").put("operationsPerSecond", 2.6e13)),
                        "consistency",
                        "$.results[0].throughput.operationsPerSecond"),
                Arguments.of(
                        "power that is not J/op x throughput",
                        Change.run(r -> at(r, DOMAIN).put("averagePowerWatts", 450.0)),
                        "raw-readings" /* schema 3: exact from the raw windows */,
                        "$.results[0].energy.domains[0].averagePowerWatts"),
                Arguments.of(
                        "total joules that are not J/op x operations",
                        Change.run(r -> at(r, DOMAIN).put("joules", 2250.0)),
                        "raw-readings" /* schema 3: exact from the raw windows */,
                        "$.results[0].energy.domains[0].joules"),
                Arguments.of(
                        "energy above idle that does not follow from idle power",
                        Change.run(r -> at(r, DOMAIN).put("dynamicJoulesPerOp", 0.0001)),
                        "raw-readings" /* schema 3: exact from the raw windows */,
                        "$.results[0].energy.domains[0].dynamicJoulesPerOp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileChanges")
    void isRejectedByItsRule(String what, Change change, String rule, String field) throws Exception {
        CheckReport report = submitAndCheck(change);
        assertThat(report.rejections()).as(what + ":\n" + report.render()).anySatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo(rule);
            assertThat(p.field()).isEqualTo(field);
            if (rule.equals("physics") && field.endsWith("unitsPerJoule") || field.endsWith("throughput.value")) {
                // a forged figure's rejection names the field and the reason, never how to pass
                assertThat(p.fix()).isNull();
                assertThat(p.message()).doesNotContainIgnoringCase("declare").doesNotContain("datasheetPeaks");
            } else {
                assertThat(p.fix()).isNotBlank();
            }
        });
        assertThat(report.accepted())
                .as("a rejected submission is never published")
                .isEmpty();
    }

    @Test
    void theGoldenSubmissionPassesEveryRuleAndConsistentRescalingsKeepItConsistent() throws Exception {
        assertThat(submitAndCheck(Change.run(r -> {})).problems()).isEmpty();
        // the helpers themselves keep a record consistent: a modest, physically possible change passes
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        dir = other;
        // every rule but one accepts it; the raw readings (left as measured) no longer give the edited figures,
        // so the raw-readings rule, and only it, rejects the rescaled record
        assertThat(submitAndCheck(Change.run(r -> {
                            scaleEnergy(r, 0.8);
                            scaleTime(r, 0.9);
                        }))
                        .problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.ruleId()).isEqualTo("raw-readings"));
    }

    @Test
    void aVmThatStatesCounterPassthroughIsAccepted() throws Exception {
        CheckReport report =
                submitAndCheck(new Change(r -> {}, "\"bench-01, bare metal\"", "\"KVM guest, RAPL passthrough\""));
        assertThat(report.problems()).isEmpty();
        assertThat(new String(Json.toBytes(report.accepted().getFirst().system()), StandardCharsets.UTF_8))
                .contains("passthrough");
    }
}
