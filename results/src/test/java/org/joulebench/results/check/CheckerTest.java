package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rule: a golden submission with one change, checked, the exact finding asserted. */
class CheckerTest {
    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("submissions");
    }

    private Path runFile(String runId) {
        return root().resolve("example-lab/xeon-gold-6338-test-box/runs/" + runId + ".json");
    }

    /** Submits the golden run with the given replacements (pairs), bypassing the submit-time check. */
    private void submitWithSystem(String runId, String systemFrom, String systemTo, String... replacements)
            throws IOException {
        // each run its own measurement (not a replay of the golden one), then the test's edits
        String run = replacedIn(
                Fixtures.remeasured(Fixtures.text("run-golden.json"), runId.hashCode() % 1000), runId, replacements);
        submitText(runId, run, systemFrom, systemTo);
    }

    private void submitText(String runId, String run, String systemFrom, String systemTo) throws IOException {
        Path in = dir.resolve("in/" + runId + ".json");
        Files.createDirectories(in.getParent());
        Files.writeString(in, run);
        Path system =
                Fixtures.copy("system-golden.json", dir.resolve("in/system-" + runId + ".json"), systemFrom, systemTo);
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(in), system, null, root()));
    }

    /**
     * A submission of the version-1 golden run as one made before version 2 (submit takes version-2 records only):
     * the files and their manifest placed as submit placed them.
     */
    private void placeVersionOne(String runId, String... replacements) throws IOException {
        Path folder = runFile(runId).getParent().getParent();
        Files.createDirectories(folder.resolve("runs"));
        Files.writeString(runFile(runId), replaced("run-v1-golden.json", runId, replacements));
        Fixtures.copy("system-golden.json", folder.resolve("system.json"), null, null);
        Files.write(folder.resolve("manifest.json"), Manifest.of(folder).toBytes());
    }

    private static String replaced(String fixture, String runId, String... replacements) {
        return replacedIn(Fixtures.text(fixture), runId, replacements);
    }

    private static String replacedIn(String text, String runId, String... replacements) {
        String run = text.replace("20261125T120000Z-a1b2c3", runId);
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(run).contains(replacements[i]);
            run = run.replace(replacements[i], replacements[i + 1]);
        }
        return run;
    }

    private void submit(String runId, String... replacements) throws IOException {
        submitWithSystem(runId, null, null, replacements);
    }

    private Problem only(CheckReport report) {
        assertThat(report.problems()).hasSize(1);
        return report.problems().getFirst();
    }

    private void assertProblem(Problem p, Severity severity, String rule, Path file, String field, String message) {
        assertThat(p.severity()).isEqualTo(severity);
        assertThat(p.ruleId()).isEqualTo(rule);
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.message()).isEqualTo(message);
        if (rule.equals("duplicate") && field.startsWith("$.results")) {
            assertThat(p.fix()).as("a replay's rejection gives no advice").isNull();
        } else {
            assertThat(p.fix()).isNotBlank();
        }
    }

    @Test
    void verificationFailedIsRejected() throws Exception {
        submit("r1", "\"passed\" : true", "\"passed\" : false");
        CheckReport report = new Checker().check(root());
        assertProblem(
                only(report),
                Severity.REJECT,
                "verification",
                runFile("r1"),
                "$.results[0].verification.passed",
                "gemm/fp32/S/cpu/java/cpu0 did not pass verification against the reference: all 65536 elements within tolerance");
        assertThat(report.rejected()).isTrue();
        assertThat(report.render()).contains(runFile("r1").toString(), "REJECT [verification]", "fix: ");
    }

    @Test
    void statusOtherThanOkIsRejected() throws Exception {
        submit(
                "r1",
                "\"status\" : \"OK\"",
                "\"status\" : \"ERROR\"",
                "\"failure\" : null",
                "\"failure\" : \"crashed\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "verification",
                runFile("r1"),
                "$.results[0].status",
                "gemm/fp32/S/cpu/java/cpu0 has status ERROR: crashed");
    }

    @Test
    void energyWindowShorterThanTenUpdatesIsRejected() throws Exception {
        submit("r1", "\"declaredUpdateIntervalMillis\" : 1.0", "\"declaredUpdateIntervalMillis\" : 200.0");
        List<Problem> problems = new Checker().check(root()).problems();
        assertThat(problems).hasSize(2);
        // the configured window, then the windows the raw readings show
        Problem p = problems.get(0);
        assertProblem(
                p,
                Severity.REJECT,
                "energy-window",
                runFile("r1"),
                "$.results[0].energy.domains[0].details",
                "measurement window of 1000 ms spans 5.0 sensor updates (update interval 200.0 ms); at least 10 are needed");
        assertThat(p.fix()).isEqualTo("set the measurement time per iteration to at least 2000 ms");
        assertProblem(
                problems.get(1),
                Severity.REJECT,
                "energy-window",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw.windows",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: 5 of 5 measured windows are shorter than the sensor's minimum"
                        + " window of 2000 ms (shortest 1000 ms)");
        assertThat(problems.get(1).fix()).isEqualTo("set the measurement time per iteration to at least 2000 ms");
    }

    @Test
    void tierMustMatchMethod() throws Exception {
        submit("r1", "\"tier\" : \"B\"", "\"tier\" : \"A\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "tier",
                runFile("r1"),
                "$.results[0].energy.domains[0].tier",
                "tier A does not match method COUNTER (which gives tier B)");
    }

    @Test
    void aModelIsOnlyEverAnEstimate() throws Exception {
        submit("r1", "\"sensor\" : \"rapl\"", "\"sensor\" : \"model\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "tier",
                runFile("r1"),
                "$.results[0].energy.domains[0].method",
                "sensor 'model' is an estimate but method is COUNTER");
    }

    @Test
    void nvmlOnASystemWithoutNvidiaGpuIsRejected() throws Exception {
        submit("r1", "\"sensor\" : \"rapl\"", "\"sensor\" : \"nvml\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "tier",
                runFile("r1"),
                "$.results[0].energy.domains[0].sensor",
                "an NVML reading on a system whose description and devices have no NVIDIA GPU");
    }

    @Test
    void throughputAboveTheDatasheetPeakIsRejected() throws Exception {
        submitWithSystem("r1", "\"fp32\" : 3.2768E12", "\"fp32\" : 1.0E10");
        CheckReport report = new Checker().check(root());
        // the same declared peak also caps efficiency (peak / TDP, with 4x voltage-scaling headroom)
        assertThat(report.problems()).extracting(Problem::ruleId).containsExactly("plausibility", "physics");
        assertProblem(
                report.problems().getFirst(),
                Severity.REJECT,
                "plausibility",
                runFile("r1"),
                "$.results[0].throughput.operationsPerSecond",
                "gemm/fp32/S/cpu/java/cpu0 measured 2.684e+10 op/s, above the declared fp32 peak of 1.000e+10 op/s");
    }

    @Test
    void anEditedEfficiencyFigureIsRejected() throws Exception {
        // the figure the leaderboard ranks, edited by hand to look 10x better
        submit("r1", "\"unitsPerJoule\" : 0.5965232355555555", "\"unitsPerJoule\" : 5.965232355555555");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "consistency",
                runFile("r1"),
                "$.results[0].energy.domains[0].unitsPerJoule",
                "gemm/fp32/S/cpu/java/cpu0: units per joule is 5.96523 but follows from the record as 0.596523");
    }

    @Test
    void anEditedThroughputIsRejected() throws Exception {
        submit("r1", "\"value\" : 26.8435456", "\"value\" : 268.435456");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "consistency",
                runFile("r1"),
                "$.results[0].throughput.value",
                "gemm/fp32/S/cpu/java/cpu0: throughput is 268.435 but follows from the record as 26.8435");
    }

    @Test
    void energyBelowTheFloorPowerIsRejected() throws Exception {
        // 225 J read as mJ: 0.225 J over 5 s is 45 mW for a CPU package (a version-1 record: a version-2 one
        // would also disagree with its raw readings)
        placeVersionOne("r1", "\"joules\" : 225.0", "\"joules\" : 0.225");
        CheckReport report = new Checker().check(root());
        // and the total no longer follows from J/op x operations; a version-1 record not committed before version 2
        // (schema), nor before schema 3 (forks)
        assertThat(report.problems())
                .extracting(Problem::ruleId)
                .filteredOn(id -> !id.equals("schema"))
                .containsExactly("plausibility", "forks", "consistency");
        assertProblem(
                report.problems().getFirst(),
                Severity.REJECT,
                "plausibility",
                runFile("r1"),
                "$.results[0].energy.domains[0].joules",
                "0.2250 J over at least 5.000 s of measurement is below 1.0 W, implausible for cpu-package");
    }

    @Test
    void dirtyTreeAndOldHarnessAreWarnings() throws Exception {
        submit(
                "r1",
                "\"gitDirty\" : false",
                "\"gitDirty\" : true",
                "\"version\" : \"0.1.0\"",
                "\"version\" : \"0.0.9\"");
        CheckReport report = new Checker().check(root());
        assertThat(report.rejected()).isFalse();
        assertThat(report.problems())
                .extracting(Problem::severity, Problem::field, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARN,
                                "$.harness.gitDirty",
                                "the harness was built from a git tree with uncommitted changes"),
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARN,
                                "$.harness.version",
                                "harness version 0.0.9 is older than the minimum 0.1.0"));
    }

    @Test
    void duplicateRunIdAcrossSubmissionsIsRejected() throws Exception {
        submit("r1");
        submitWithSystem("r1", "\"Xeon Gold 6338 test box\"", "\"Second box\"", "\"seed\" : 42", "\"seed\" : 43");
        Path second = root().resolve("example-lab/second-box/runs/r1.json");
        // folders are checked in sorted order: second-box comes first
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "duplicate",
                runFile("r1"),
                "$.runId",
                "runId r1 is also submitted in " + second);
    }

    @Test
    void identicalResultsUnderAnotherRunIdAreRejected() throws Exception {
        submitText("r1", replaced("run-golden.json", "r1"), null, null);
        // the same measurement replayed a day later under another run id, the hostname re-typed
        submitText(
                "r2",
                replaced(
                        "run-golden.json",
                        "r2",
                        "2026-11-25T12:",
                        "2026-11-26T12:",
                        "\"hostname\" : \"",
                        "\"hostname\" : \"x"),
                null,
                null);
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "duplicate",
                runFile("r2"),
                "$.results[0]",
                "gemm/fp32/S/cpu/java/cpu0: the same measurement as $.results[0] in " + runFile("r1"));
    }

    private static final String OVERHEAD_SOURCE = "\"source\" : \"noop on cpu:cpu0 in this run\"\n    }";

    private static String withBackendMetric(String value, String unit) {
        return OVERHEAD_SOURCE
                + ",\n    \"backendMetrics\" : [ { \"name\" : \"kernel-time\", " + unit
                + "\"statistic\" : \"PER_INVOCATION\", "
                + "\"value\" : " + value
                + ", \"source\" : \"TornadoVM profiler\", \"windows\" : 4, \"invocations\" : 400 } ]";
    }

    @Test
    void recordsWithAndWithoutBackendMetricsAreAccepted() throws Exception {
        submit("r1");
        submit("r2", OVERHEAD_SOURCE, withBackendMetric("1250.5", "\"unit\" : \"ns\", "));
        CheckReport report = new Checker().check(root());
        assertThat(report.problems())
                .extracting(Problem::ruleId)
                .doesNotContain("plausibility", "schema", "provenance");
        assertThat(report.rejected()).isFalse();
    }

    @Test
    void malformedBackendMetricsAreRejectedWithTheirField() throws Exception {
        String good = withBackendMetric("1250.5", "\"unit\" : \"ns\", ");
        for (String id : List.of("r1", "r2", "r3")) {
            submit(id, OVERHEAD_SOURCE, good);
        }
        edit("r1", "\"value\" : 1250.5", "\"value\" : \"NaN\"");
        edit("r2", "\"value\" : 1250.5", "\"value\" : -3.0");
        edit("r3", "\"unit\" : \"ns\",", "");
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .filteredOn(p -> !p.ruleId().equals("manifest"))
                .extracting(Problem::file, Problem::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(runFile("r1"), "$.results[0].backendMetrics[0].value"),
                        org.assertj.core.groups.Tuple.tuple(runFile("r2"), "$.results[0].backendMetrics[0].value"),
                        org.assertj.core.groups.Tuple.tuple(runFile("r3"), "$.results[0].backendMetrics[0].unit"));
    }

    private void edit(String runId, String from, String to) throws IOException {
        Path f = runFile(runId);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    @Test
    void schemaViolationsInSubmittedFilesAreRejectedWithTheirPath() throws Exception {
        submit("r1");
        Path f = runFile("r1");
        Files.writeString(f, Files.readString(f).replace("\"joules\" : 225.0", "\"joules\" : -1"));
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .extracting(Problem::ruleId, Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("manifest", "$"),
                        org.assertj.core.groups.Tuple.tuple("schema", "$.results[0].energy.domains[0].joules"));
    }

    @Test
    void foldersThatAreNotSlugsOrDoNotMatchTheSystemAreRejected() throws Exception {
        submit("r1");
        Files.move(root().resolve("example-lab"), root().resolve("other-lab"));
        Files.createDirectories(root().resolve("Bad Name"));
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .extracting(Problem::ruleId, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("layout", "is not a <submitter-slug> folder"),
                        org.assertj.core.groups.Tuple.tuple(
                                "layout",
                                "the folder is other-lab/xeon-gold-6338-test-box but system.json names example-lab/xeon-gold-6338-test-box"));
    }

    @Test
    void perForkDataThatDisagreeWithTheScoresAreRejected() throws Exception {
        // the fork ran 2 invocations per call, not 1: every per-invocation figure of the record is then off by 2,
        // however consistent the figures are among themselves
        submit("r1", "\"batchSize\" : 1,\n      \"batchDecision\"", "\"batchSize\" : 2,\n      \"batchDecision\"");
        CheckReport report = new Checker().check(root());
        assertThat(report.rejected()).isTrue();
        assertThat(report.problems()).extracting(Problem::ruleId).containsOnly("forks");
        assertThat(report.problems())
                .extracting(Problem::field)
                .contains(
                        "$.results[0].forks[0].millisPerInvocation",
                        "$.results[0].jmh.batchSize",
                        "$.results[0].score.rawIterations[0]",
                        "$.results[0].energy.domains[0].raw.windows[0].invocations");
        assertThat(report.problems().stream()
                        .filter(p -> p.field().equals("$.results[0].score.rawIterations[0]"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("raw iteration 0 is 1.24000 ms but its fork's time per call ÷ its batch size is 0.620000 ms");
    }

    @Test
    void aVersionOneRecordNotCommittedBeforeSchemaThreeIsRejected() throws Exception {
        // it reads (the upgrade still works), but it carries no per-fork batch data and is not one of the listed
        // records committed before schema 3: its per-invocation figures cannot be recomputed
        placeVersionOne("r1");
        CheckReport report = new Checker().check(root());
        assertThat(report.rejected()).isTrue();
        assertThat(report.problems())
                .extracting(Problem::ruleId, Problem::field)
                .containsExactly(tuple("forks", "$.schemaVersion"));
        assertThat(report.problems().stream()
                        .filter(p -> p.ruleId().equals("forks"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("schema-1 record has no per-fork batch data")
                .doesNotContain("sha256");
    }

    @Test
    void theRecordCommittedBeforeSchemaThreeIsAcceptedByItsExactBytes() throws Exception {
        Path committed = Path.of("submissions/joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm/runs/"
                + "20261130T080959Z-86c142.json");
        byte[] bytes = java.nio.file.Files.readAllBytes(committed);
        assertThat(ForkRules.committedBeforeSchema3(bytes)).isTrue();
        bytes[bytes.length - 2] = (byte) ' '; // one byte changed: no longer the committed record
        assertThat(ForkRules.committedBeforeSchema3(bytes)).isFalse();
    }

    @Test
    void rawReadingsThatDisagreeWithTheJoulesPerOpAreRejected() throws Exception {
        // the first window's counter read 10 J higher: every figure it feeds no longer follows
        submitText(
                "r1",
                replaced("run-golden.json", "r1", "\"endJoules\" : 1060.4375", "\"endJoules\" : 1070.4375"),
                null,
                null);
        CheckReport report = new Checker().check(root());
        assertThat(report.rejected()).isTrue();
        assertThat(report.problems())
                .extracting(Problem::ruleId, Problem::field)
                .containsExactly(
                        tuple("raw-readings", "$.results[0].energy.domains[0].joules"),
                        tuple("raw-readings", "$.results[0].energy.domains[0].joulesPerOp"),
                        tuple("raw-readings", "$.results[0].energy.domains[0].joulesPerOpError"),
                        tuple("raw-readings", "$.results[0].energy.domains[0].joulesPerOpPerIteration[0]"),
                        tuple("raw-readings", "$.results[0].energy.domains[0].averagePowerWatts"),
                        tuple("raw-readings", "$.results[0].energy.domains[0].dynamicJoulesPerOp"),
                        // and the counter now steps back from that window to the next
                        tuple("raw-readings", "$.results[0].energy.domains[0].raw.windows[1].startJoules"));
        assertProblem(
                report.problems().get(1),
                Severity.REJECT,
                "raw-readings",
                runFile("r1"),
                "$.results[0].energy.domains[0].joulesPerOp",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: joulesPerOp is written as 0.05625000000 but the raw readings"
                        + " give 0.05875000000");
    }

    @Test
    void aVersionTwoRecordWithoutRawReadingsIsRejected() throws Exception {
        String golden = Fixtures.text("run-golden.json");
        String raw =
                golden.substring(golden.indexOf("\"raw\" : {"), golden.indexOf("\n      } ],\n      \"warnings\""));
        submitText("r1", replaced("run-golden.json", "r1", raw, "\"raw\" : null"), null, null);
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "raw-readings",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: the energy figures come without their raw readings");
    }

    @Test
    void aMeasuredWindowLeftOutIsRejected() throws Exception {
        submit("r1", "\"measurementIterations\" : 5", "\"measurementIterations\" : 6");
        CheckReport report = new Checker().check(root());
        // the score's iterations are one short too (consistency), so are the fork's (forks); the energy windows are
        // the raw-readings rule's
        assertThat(report.problems())
                .extracting(Problem::ruleId)
                .containsExactlyInAnyOrder("raw-readings", "forks", "consistency");
        assertProblem(
                report.problems().stream()
                        .filter(p -> p.ruleId().equals("raw-readings"))
                        .findFirst()
                        .orElseThrow(),
                Severity.REJECT,
                "raw-readings",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw.windows",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: 5 measured windows, but the timing ran 1 fork(s) x 6"
                        + " iteration(s) = 6");
    }

    @Test
    void aWindowWithoutAFigureIsRejected() throws Exception {
        submit("r1", "\"endJoules\" : 1060.4375", "\"endJoules\" : null");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "raw-readings",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw.windows[0]",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: 1 measured window(s) without a figure; fork 1 iteration 1: a"
                        + " start or end reading is missing");
    }

    @Test
    void readingsOfAKindTheMethodCannotGiveAreRejected() throws Exception {
        // cumulative joules written as if sampled power (tier C): the tier would not follow from the readings
        submit(
                "r1",
                "\"method\" : \"COUNTER\"",
                "\"method\" : \"SAMPLED_POWER\"",
                "\"tier\" : \"B\"",
                "\"tier\" : \"C\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "tier",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw.kind",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: method SAMPLED_POWER (tier C) gives POWER_SAMPLES readings,"
                        + " not CUMULATIVE_JOULES");
    }

    @Test
    void rawWindowsShorterThanTheSensorsMinimumAreRejected() throws Exception {
        submit("r1", "\"minimumWindowMillis\" : 10.2", "\"minimumWindowMillis\" : 1500.0");
        Problem p = only(new Checker().check(root()));
        assertProblem(
                p,
                Severity.REJECT,
                "energy-window",
                runFile("r1"),
                "$.results[0].energy.domains[0].raw.windows",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: 5 of 5 measured windows are shorter than the sensor's minimum"
                        + " window of 1500 ms (shortest 1000 ms)");
        assertThat(p.fix()).isEqualTo("set the measurement time per iteration to at least 1500 ms");
    }

    @Test
    void deviceScopeMustNameTheDeviceTheResultRanOn() throws Exception {
        submit("r1", "\"scopeDevice\" : \"cpu-socket:0\"", "\"scopeDevice\" : \"cpu-socket:1\"");
        assertProblem(
                only(new Checker().check(root())),
                Severity.REJECT,
                "scope",
                runFile("r1"),
                "$.results[0].energy.domains[0].scopeDevice",
                "gemm/fp32/S/cpu/java/cpu0 cpu-package: DEVICE scope names device cpu-socket:1 but the result ran on"
                        + " cpu-socket:0");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(ResultRules.compareVersions("0.10.0", "0.9.1")).isPositive();
        assertThat(ResultRules.compareVersions("0.1.0-SNAPSHOT", "0.1.0")).isZero();
        assertThat(ResultRules.compareVersions("0.0.9", "0.1.0")).isNegative();
    }

    /** An interference section for the golden result (1 fork, 5 iterations), its flags as given. */
    private static String interference(String secondFlags, int flagged, String reason, int measured) {
        StringBuilder w = new StringBuilder();
        w.append("{\"kind\":\"IDLE\",\"fork\":1,\"iteration\":0,\"seconds\":0.5,\"stealCores\":0,"
                + "\"otherCores\":0.02,\"ownCores\":0.01,\"flags\":[]}");
        for (int k = 1; k <= measured; k++) {
            double other = k == 2 ? 0.38 : 0.01;
            String flags = k == 2 ? secondFlags : "[]";
            w.append(",{\"kind\":\"MEASURED\",\"fork\":1,\"iteration\":")
                    .append(k)
                    .append(",\"seconds\":1.0,\"stealCores\":0,\"otherCores\":")
                    .append(other)
                    .append(",\"ownCores\":1.9,\"otherProcesses\":[{\"pid\":42,\"name\":\"cc1plus\",\"cores\":0.37}]"
                            + ",\"flags\":")
                    .append(flags)
                    .append("}");
        }
        return "\"interference\" : {\"rule\":\"stated\",\"windows\":[" + w + "],\"flaggedMeasuredWindows\":" + flagged
                + ",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "},\n    \"overhead\" : {";
    }

    @Test
    void interferenceFlagsAsTheRuleGivesThemAreAccepted() throws Exception {
        submit(
                "r1",
                "\"overhead\" : {",
                interference("[\"other load 38 % of a core\"]", 1, "other load 38 % of a core in 1 of 5 windows", 5));
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void anInterferenceFlagDroppedOrAWindowLeftOutIsRejected() throws Exception {
        submit("r1", "\"overhead\" : {", interference("[]", 0, null, 5));
        List<Problem> problems = new Checker().check(root()).problems();
        assertThat(problems).extracting(Problem::ruleId).containsOnly("interference");
        assertThat(problems)
                .extracting(Problem::field)
                .containsExactly("$.results[0].interference.windows[2].flags", "$.results[0].interference.reason");

        submit(
                "r2",
                "\"overhead\" : {",
                interference("[\"other load 38 % of a core\"]", 1, "other load 38 % of a core in 1 of 4 windows", 4));
        Problem dropped = new Checker()
                .check(root()).problems().stream()
                        .filter(p -> p.file().equals(runFile("r2")))
                        .findFirst()
                        .orElseThrow();
        assertProblem(
                dropped,
                Severity.REJECT,
                "interference",
                runFile("r2"),
                "$.results[0].interference.windows",
                "fork 1 has 1 idle and 4 measured windows; the timing states 5 measured iterations per fork");
    }

    @Test
    void onlyWeightInputsMayBePrePacked() throws Exception {
        submit("r1", "\"overhead\" : {", "\"prePackedWeights\" : [\"B\"],\n    \"overhead\" : {");
        assertThat(new Checker().check(root()).problems()).isEmpty();
        submit("r2", "\"overhead\" : {", "\"prePackedWeights\" : [\"A\"],\n    \"overhead\" : {");
        Problem p = new Checker()
                .check(root()).problems().stream()
                        .filter(x -> x.file().equals(runFile("r2")))
                        .findFirst()
                        .orElseThrow();
        assertProblem(
                p,
                Severity.REJECT,
                "catalogue",
                runFile("r2"),
                "$.results[0].prePackedWeights",
                "gemm/fp32/S/cpu/java/cpu0 lists 'A' as pre-packed, but gemm's weight inputs are [B]");
    }

    private static final double[] GOLDEN_MILLIS = {1.24, 1.25, 1.26, 1.25, 1.25};

    /**
     * The golden result's windows (1 fork of 5, window 2 flagged for other load) plus an extra fork (fork 2) of
     * clean windows at {@code extraMillis}, each window timed and marked counted as given, and the figure stated.
     */
    private static String interferenceWithExtras(
            boolean[] regularCounted, double[] extraMillis, boolean[] extraCounted, String figure) {
        StringBuilder w = new StringBuilder();
        w.append("{\"kind\":\"IDLE\",\"fork\":1,\"iteration\":0,\"seconds\":0.5,\"stealCores\":0,"
                + "\"otherCores\":0.02,\"ownCores\":0.01,\"flags\":[]}");
        for (int k = 1; k <= 5; k++) {
            w.append(",{\"kind\":\"MEASURED\",\"fork\":1,\"iteration\":")
                    .append(k)
                    .append(",\"seconds\":1.0,\"stealCores\":0,\"otherCores\":")
                    .append(k == 2 ? 0.38 : 0.01)
                    .append(",\"ownCores\":1.9,\"flags\":")
                    .append(k == 2 ? "[\"other load 38 % of a core\"]" : "[]")
                    .append(",\"millisPerInvocation\":")
                    .append(GOLDEN_MILLIS[k - 1])
                    .append(",\"counted\":")
                    .append(regularCounted[k - 1])
                    .append("}");
        }
        w.append(",{\"kind\":\"IDLE\",\"fork\":2,\"iteration\":0,\"seconds\":0.5,\"stealCores\":0,"
                + "\"otherCores\":0.02,\"ownCores\":0.01,\"flags\":[],\"extra\":true}");
        for (int k = 1; k <= extraMillis.length; k++) {
            w.append(",{\"kind\":\"MEASURED\",\"fork\":2,\"iteration\":")
                    .append(k)
                    .append(",\"seconds\":1.0,\"stealCores\":0,\"otherCores\":0.01,\"ownCores\":1.9,\"flags\":[]")
                    .append(",\"millisPerInvocation\":")
                    .append(extraMillis[k - 1])
                    .append(",\"extra\":true,\"counted\":")
                    .append(extraCounted[k - 1])
                    .append("}");
        }
        int measured = 5 + extraMillis.length;
        return "\"interference\" : {\"rule\":\"stated\",\"windows\":[" + w + "],\"flaggedMeasuredWindows\":1"
                + ",\"reason\":\"other load 38 % of a core in 1 of " + measured + " windows\",\"figure\":" + figure
                + "},\n    \"overhead\" : {";
    }

    private static String figure(int extras, int counted, double mean, Double error) {
        return "{\"rule\":\"" + org.joulebench.results.interference.CountedWindows.TEXT.replace("\"", "\\\"")
                + "\",\"extraWindowsAllowed\":4,\"extraWindowsMeasured\":" + extras + ",\"countedWindows\":" + counted
                + ",\"millisPerInvocation\":" + mean + ",\"errorMillisPerInvocation\":" + error + "}";
    }

    private static Double halfWidth(double... values) {
        List<Double> v = java.util.Arrays.stream(values).boxed().toList();
        return org.joulebench.results.record.ScoreStatistics.halfWidth(v, 0.999);
    }

    @Test
    void aCountedFigureByTheStatedRuleIsAccepted() throws Exception {
        // window 2 (flagged) is replaced by the extra window at 1.23 ms: 1.24, 1.26, 1.25, 1.25, 1.23
        double mean = (1.24 + 1.26 + 1.25 + 1.25 + 1.23) / 5;
        submit(
                "r1",
                "\"overhead\" : {",
                interferenceWithExtras(
                        new boolean[] {true, false, true, true, true},
                        new double[] {1.23},
                        new boolean[] {true},
                        figure(1, 5, mean, halfWidth(1.24, 1.26, 1.25, 1.25, 1.23))));
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void aCountedFigureThatIgnoresTheStatedRuleIsRejected() throws Exception {
        // the extra window measured, but the figure silently drops the flagged window and the extra one
        double dropped = (1.24 + 1.26 + 1.25 + 1.25) / 4;
        submit(
                "r1",
                "\"overhead\" : {",
                interferenceWithExtras(
                        new boolean[] {true, false, true, true, true},
                        new double[] {1.23},
                        new boolean[] {false},
                        figure(1, 4, dropped, halfWidth(1.24, 1.26, 1.25, 1.25))));
        List<Problem> problems = new Checker().check(root()).problems();
        assertThat(problems).extracting(Problem::ruleId).containsOnly("interference");
        assertThat(problems)
                .extracting(Problem::field)
                .containsExactly("$.results[0].interference.windows[7].counted", "$.results[0].interference.figure");
        assertThat(problems.getLast().message())
                .contains("(4 windows, " + dropped
                        + " ms) is not what the stated rule gives from the raw windows (5 windows");
    }

    @Test
    void moreExtraWindowsThanFlaggedOnesOrAForgedWindowTimeAreRejected() throws Exception {
        double mean = (1.24 + 1.26 + 1.25 + 1.25 + 1.20) / 5;
        submit(
                "r1",
                "\"overhead\" : {",
                interferenceWithExtras(
                        new boolean[] {true, false, true, true, true},
                        new double[] {1.20, 1.23},
                        new boolean[] {true, false},
                        figure(2, 5, mean, halfWidth(1.24, 1.26, 1.25, 1.25, 1.20))));
        assertThat(new Checker().check(root()).problems())
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "$.results[0].interference.figure.extraWindowsMeasured",
                        "2 extra windows were measured; the rule allows one per flagged regular window, at most 4: 1"));

        // a regular window's time that is not its fork's iteration (1.25 recorded, 1.05 written)
        String forged = interferenceWithExtras(
                        new boolean[] {true, false, true, true, true},
                        new double[] {1.23},
                        new boolean[] {true},
                        figure(1, 5, (1.24 + 1.26 + 1.25 + 1.05 + 1.23) / 5, halfWidth(1.24, 1.26, 1.25, 1.05, 1.23)))
                .replaceFirst(
                        "\"iteration\":5,(.*?)\"millisPerInvocation\":1.25",
                        "\"iteration\":5,$1\"millisPerInvocation\":1.05");
        submit("r2", "\"overhead\" : {", forged);
        assertThat(new Checker()
                        .check(root()).problems().stream()
                                .filter(p -> p.file().equals(runFile("r2")))
                                .map(Problem::field))
                .containsExactly("$.results[0].interference.windows[5].millisPerInvocation");
    }
}
