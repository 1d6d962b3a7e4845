package org.joulebench.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.joulebench.harness.cli.Main;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real one-node Slurm on loopback: submit a 2-shard array (triad and noop at S, quick
 * profile, no sensor) with one shard made to fail on purpose, wait, merge; the failure is reported by
 * shard id with its exit code and the other shard's results are kept; re-submitting the failed shards
 * completes the set. Skipped with the reason where Slurm is not installed, except under CI=true.
 */
class SlurmClusterTest {

    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void submitFailStatusMergeResubmitOnARealSlurm(@TempDir Path tmp) throws Exception {
        String missing = MiniSlurm.missingBinaries();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + " (CI=true: .ci/run installs slurmctld slurmd slurm-client munge)");
            }
            assumeTrue(false, missing);
        }
        long t0 = System.nanoTime();
        Path results = tmp.resolve("results");
        Path failMarker = tmp.resolve("fail-noop");
        Path launcher = writeLauncher(tmp, failMarker);
        Files.createFile(failMarker);
        try (MiniSlurm slurm = new MiniSlurm(tmp.resolve("cluster"))) {
            String conf = "--slurm-conf=" + slurm.conf;
            Outcome sub = cli(
                    "slurm",
                    "submit",
                    conf,
                    "--kernel=triad,noop,softmax,gelu",
                    "--size=S",
                    "--profile=quick",
                    "--sensor=none",
                    "--shards=4",
                    "--results=" + results,
                    "--launcher=" + launcher);
            assertThat(sub.code()).as(sub.err()).isZero();
            assertThat(sub.out()).contains("array job").contains("merge job");
            // a shard takes seconds (JVM, JMH fork): right after submitting, the set is in progress
            Outcome early = cli("slurm", "status", conf, results.toString());
            assertThat(early.code()).as(early.out()).isEqualTo(SlurmCommand.IN_PROGRESS);
            assertThat(early.out()).containsPattern("4 shards: [0-9] pending, [0-9] running, [0-9] done");
            waitForQueueEmpty(slurm);

            // the merge job ran by itself after the array (afterany) and wrote its report
            assertThat(results.resolve(MergeReport.FILE)).exists();
            Outcome status = cli("slurm", "status", conf, results.toString());
            assertThat(status.out()).as(status.err()).contains("4 shards: 0 pending, 0 running");
            assertThat(status.code()).isEqualTo(SlurmCommand.FAILED_SHARDS);

            Outcome merge = cli("slurm", "merge", conf, results.toString());
            assertThat(merge.code()).isEqualTo(SlurmCommand.FAILED_SHARDS);
            assertThat(merge.out()).contains("energy cross-check unavailable: sacct:");
            MergeReport first =
                    Json.mapper().readValue(results.resolve(MergeReport.FILE).toFile(), MergeReport.class);
            // exactly the shard that runs noop failed, and is named by its id with its exit code
            assertThat(first.missingOrFailed()).hasSize(1);
            int failed = first.missingOrFailed().getFirst();
            assertThat(status.out()).contains("shard " + failed + ": FAILED (Slurm -, exit 3");
            assertThat(merge.out()).contains("shard " + failed + ": FAILED (Slurm state unknown, exit code 3)");
            assertThat(first.energyCheck().available()).isFalse();
            assertThat(first.energyCheck().reason()).contains("accounting storage is disabled");
            assertThat(first.systems()).hasSize(1);
            RunRecord partial = Json.mapper()
                    .readValue(
                            results.resolve(first.systems().getFirst().file()).toFile(), RunRecord.class);
            // what shard 0 measured is kept although shard 1 failed
            assertThat(partial.results())
                    .extracting(BenchmarkResult::kernel)
                    .containsExactlyInAnyOrder("triad", "softmax", "gelu");
            assertThat(partial.results())
                    .allSatisfy(r -> assertThat(r.verification().passed()).isTrue());
            assertThat(partial.warnings())
                    .anyMatch(w -> w.contains("shard " + failed + " FAILED") && w.contains("exit code 3"));

            // re-submit only the failed shards, now that the fault is gone
            Files.delete(failMarker);
            List<Integer> failedBefore = first.missingOrFailed();
            Outcome again = cli("slurm", "submit", conf, "--resubmit-failed=" + results, "--launcher=" + launcher);
            assertThat(again.code()).as(again.err()).isZero();
            waitForQueueEmpty(slurm);
            SubmissionLog log = SubmissionLog.read(results);
            assertThat(log.entries()).hasSize(2);
            assertThat(log.entries().get(1).shards()).isEqualTo(failedBefore);

            Outcome merged = cli("slurm", "merge", conf, results.toString());
            MergeReport last =
                    Json.mapper().readValue(results.resolve(MergeReport.FILE).toFile(), MergeReport.class);
            RunRecord record = Json.mapper()
                    .readValue(results.resolve(last.systems().getFirst().file()).toFile(), RunRecord.class);
            assertThat(record.results())
                    .extracting(BenchmarkResult::kernel)
                    .containsExactlyInAnyOrder("triad", "noop", "softmax", "gelu");
            assertThat(record.results())
                    .allSatisfy(r -> assertThat(r.verification().passed()).isTrue());
            assertThat(record.profile()).isEqualTo("quick");
            ShardState noop = last.shards().get(failed);
            assertThat(noop.exitCode()).isNotEqualTo(3);
            assertThat(noop.arrayJobId()).isEqualTo(log.entries().get(1).arrayJobId());
            // complete exactly when every shard's run exited 0 (a run exits 1 when its record fails the schema)
            boolean allZero = last.shards().stream().allMatch(s -> s.exitCode() != null && s.exitCode() == 0);
            assertThat(last.complete()).isEqualTo(allZero);
            assertThat(merged.code()).isEqualTo(allZero ? SlurmCommand.COMPLETE : SlurmCommand.FAILED_SHARDS);
            System.out.printf(
                    "SlurmClusterTest: %.1f s, merged record %d results, shard exit codes %s%n",
                    (System.nanoTime() - t0) / 1e9,
                    record.results().size(),
                    last.shards().stream().map(ShardState::exitCode).toList());
        }
    }

    /** The joulebench the jobs run: this JVM's classes, minus the test classes; fails noop on demand. */
    static Path writeLauncher(Path dir, Path failMarker) throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path f = dir.resolve("jb-launcher.sh");
        Files.writeString(
                f,
                "#!/bin/bash\n"
                        + "if [ -e '" + failMarker + "' ] && [[ \"$*\" == *noop* ]]; then echo 'injected failure' >&2;"
                        + " exit 3; fi\n"
                        // as ./joulebench starts it: the Vector API module in the harness JVM (calibration)
                        + "exec '" + java + "' --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector"
                        + " -Djoulebench.home='" + dir
                        + "' -cp '" + cp + "' org.joulebench.harness.cli.Main \"$@\"\n");
        f.toFile().setExecutable(true);
        return f;
    }

    static void waitForQueueEmpty(MiniSlurm slurm) throws Exception {
        SlurmClient c = new SlurmClient(slurm.conf);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            var o = c.call(List.of("squeue", "-h"));
            if (o.exitCode() == 0 && o.out().isBlank()) {
                return;
            }
            Thread.sleep(500);
        }
        try (Stream<Path> logs = Files.list(slurm.dir.resolve("log"))) {
            fail("jobs still queued after 300 s; logs: " + logs.toList());
        }
    }
}
