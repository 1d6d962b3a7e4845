package org.joulebench.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.fixtures.Records;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging a folder by hand, without Slurm (never submitted, so nothing is asked of it): four shards,
 * two done on different hosts, one failed without a record, one missing. Two systems come out, the
 * failed and missing shards are listed by id with their exit codes, nothing measured is dropped.
 */
class ShardMergerTest {
    @Test
    void oneRecordPerSystemAndEveryBadShardListed(@TempDir Path folder) throws Exception {
        RunRecord golden = Fixtures.goldenRun();
        plan(folder, "sub-1", "triad", "noop", "gemm", "gemv");
        Files.createDirectories(folder.resolve("shards"));
        Files.write(folder.resolve("shards/shard-0-run-0.json"), Json.toBytes(Records.onHost(golden, "node-a")));
        Files.write(folder.resolve("shards/shard-3-run-0.json"), Json.toBytes(Records.onHost(golden, "node-b")));
        log(folder, 0, 0, "node-a");
        log(folder, 1, 137, "node-a");
        log(folder, 3, 0, "node-b");

        MergeReport r = ShardMerger.merge(folder, new SlurmClient(null));

        assertThat(r.complete()).isFalse();
        assertThat(r.missingOrFailed()).containsExactly(1, 2);
        assertThat(r.shards())
                .extracting(ShardState::state)
                .containsExactly(
                        ShardState.Status.DONE,
                        ShardState.Status.FAILED,
                        ShardState.Status.MISSING,
                        ShardState.Status.DONE);
        assertThat(r.shards().get(1).exitCode()).isEqualTo(137);
        assertThat(r.systems()).hasSize(2);
        assertThat(r.systems()).extracting(MergeReport.SystemRecord::shards).containsExactly(List.of(0), List.of(3));
        for (MergeReport.SystemRecord s : r.systems()) {
            RunRecord merged = Json.mapper().readValue(folder.resolve(s.file()).toFile(), RunRecord.class);
            assertThat(merged.results()).hasSize(golden.results().size()).hasSize(s.results());
            assertThat(merged.warnings())
                    .contains(
                            "shard 1 FAILED (Slurm state unknown, exit code 137)",
                            "shard 2 MISSING (Slurm state unknown, exit code none)");
        }
        // the merged record validates exactly when the shard record it came from does (written either way)
        boolean goldenValid;
        try {
            Json.writeRunRecord(folder.resolve("golden-check.json"), golden);
            goldenValid = true;
        } catch (org.joulebench.results.json.InvalidJsonException e) {
            goldenValid = false;
        }
        boolean expectValid = goldenValid;
        assertThat(r.systems())
                .allSatisfy(s -> assertThat(s.schemaProblem() == null).isEqualTo(expectValid));
        assertThat(r.energyCheck().available()).isFalse();
        assertThat(r.energyCheck().reason()).isEqualTo("never submitted");
        assertThat(folder.resolve(MergeReport.FILE)).exists();

        var status = SlurmClusterTest.cli("slurm", "status", folder.toString());
        assertThat(status.code()).isEqualTo(SlurmCommand.FAILED_SHARDS);
        assertThat(status.out()).contains("4 shards: 0 pending, 0 running, 2 done, 1 failed, 1 missing");
    }

    /**
     * A shard whose completion log says exit 0 is DONE only when each of its runs left a readable record:
     * truncated, a link, a FIFO, over the size limit or absent, the shard fails by its id with the reason,
     * the merge is not complete, and nothing is read through the link or past the limit.
     */
    @Test
    void aShardThatExitedZeroWithoutAReadableRecordFailsTheMergeByItsId(@TempDir Path folder) throws Exception {
        byte[] good = Json.toBytes(Fixtures.goldenRun());
        plan(folder, "sub-2", "triad", "triad", "triad", "triad", "triad", "triad");
        Path dir = Files.createDirectories(folder.resolve("shards"));
        Files.write(dir.resolve("shard-0-run-0.json"), good);
        Files.write(dir.resolve("shard-1-run-0.json"), java.util.Arrays.copyOf(good, good.length / 2));
        Path outside = Files.write(folder.resolve("elsewhere.json"), good);
        Files.createSymbolicLink(dir.resolve("shard-2-run-0.json"), outside);
        try (var big =
                new java.io.RandomAccessFile(dir.resolve("shard-3-run-0.json").toFile(), "rw")) {
            big.setLength(Json.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        Process fifo =
                new ProcessBuilder("mkfifo", dir.resolve("shard-4-run-0.json").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        // shard 5 left no record at all
        for (int k = 0; k < 6; k++) {
            log(folder, k, 0, "node-a");
        }

        MergeReport r = ShardMerger.merge(folder, new SlurmClient(null));

        assertThat(r.complete()).isFalse();
        assertThat(r.missingOrFailed()).containsExactly(1, 2, 3, 4, 5);
        assertThat(r.shards().getFirst().state()).isEqualTo(ShardState.Status.DONE);
        assertThat(r.shards().stream().skip(1).map(ShardState::problem).toList())
                .containsExactly(
                        "record shard-1-run-0.json: truncated or malformed JSON (" + good.length / 2 + " bytes)",
                        "record shard-2-run-0.json: a symbolic link, not a plain file",
                        "record shard-3-run-0.json: larger than the limit of " + Json.MAX_FILE_BYTES + " bytes",
                        "record shard-4-run-0.json: a special file (FIFO, socket or device), not a plain file",
                        "exit 0 but no record shard-5-run-0.json");
        assertThat(r.systems())
                .singleElement()
                .satisfies(s -> assertThat(s.shards()).containsExactly(0));

        var merge = SlurmClusterTest.cli("slurm", "merge", folder.toString());
        assertThat(merge.code()).isEqualTo(SlurmCommand.FAILED_SHARDS);
        assertThat(merge.out())
                .contains(
                        "shard 2: FAILED (Slurm state unknown, exit code 0): record shard-2-run-0.json: a symbolic link")
                .contains("shard 5: FAILED (Slurm state unknown, exit code 0): exit 0 but no record");
        var status = SlurmClusterTest.cli("slurm", "status", folder.toString());
        assertThat(status.code()).isEqualTo(SlurmCommand.FAILED_SHARDS);
        assertThat(status.out()).contains("6 shards: 0 pending, 0 running, 1 done, 5 failed, 0 missing");
    }

    /**
     * A shard killed part-way (exit 137) leaves its record of the results that finished, marked unfinished: the
     * merge keeps them, and the merged record is unfinished too, naming the shard, so check never ranks it.
     */
    @Test
    void aKilledShardsFinishedResultsAreMergedIntoAnUnfinishedRecord(@TempDir Path folder) throws Exception {
        RunRecord golden = Records.onHost(Fixtures.goldenRun(), "node-a");
        plan(folder, "sub-3", "triad", "gemm");
        Files.createDirectories(folder.resolve("shards"));
        Files.write(folder.resolve("shards/shard-0-run-0.json"), Json.toBytes(golden));
        var killed = (tools.jackson.databind.node.ObjectNode) Json.mapper().readTree(Json.toBytes(golden));
        killed.put("runId", golden.runId() + "-1");
        killed.putObject("unfinished").put("plannedResults", 5).put("reason", "killed");
        Files.write(folder.resolve("shards/shard-1-run-0.json"), Json.mapper().writeValueAsBytes(killed));
        log(folder, 0, 0, "node-a");
        log(folder, 1, 137, "node-a");

        MergeReport r = ShardMerger.merge(folder, new SlurmClient(null));

        assertThat(r.complete()).isFalse();
        MergeReport.SystemRecord system = r.systems().getFirst();
        assertThat(system.shards()).containsExactly(0, 1);
        RunRecord merged = Json.mapper().readValue(folder.resolve(system.file()).toFile(), RunRecord.class);
        assertThat(merged.results()).hasSize(2 * golden.results().size());
        assertThat(merged.unfinished())
                .isEqualTo(new RunRecord.Unfinished(golden.results().size() + 5, "shard(s) [1] did not finish"));
    }

    /** A plan of one shard per kernel (size S, one run each), written into the folder. */
    static void plan(Path folder, String submissionId, String... kernels) throws Exception {
        List<Shard> shards = new java.util.ArrayList<>();
        for (int k = 0; k < kernels.length; k++) {
            shards.add(new Shard(k, 1, List.of(new ShardRun(List.of(), List.of(kernels[k]), List.of(), "S", null))));
        }
        Json.writeAtomically(
                folder.resolve(ShardPlan.FILE),
                Json.toBytes(new ShardPlan(submissionId, Instant.now(), "quick", List.of(), shards)));
    }

    static void log(Path folder, int k, int exit, String host) throws Exception {
        Json.writeAtomically(
                folder.resolve("tasks/shard-" + k + ".json"),
                Json.toBytes(new TaskLog(k, "9" + k, "9", host, exit, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z")));
    }
}
