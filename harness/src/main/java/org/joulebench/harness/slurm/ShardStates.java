package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joulebench.results.files.SafeFiles;

/**
 * Reads a results folder (plan, completion logs, record files) and asks Slurm about what is still
 * queued, giving every shard of the plan a {@link ShardState}. The completion logs decide DONE and
 * FAILED; the queue decides PENDING and RUNNING; sacct, where accounting is on, adds state and energy.
 */
public final class ShardStates {
    private ShardStates() {}

    /** All shards plus what sacct said (or why it said nothing). */
    public record Snapshot(
            ShardPlan plan, List<ShardState> shards, boolean accountingAvailable, String accountingReason) {
        public long count(ShardState.Status s) {
            return shards.stream().filter(x -> x.state() == s).count();
        }

        public List<ShardState> failedOrMissing() {
            return shards.stream().filter(x -> x.state().finishedBadly()).toList();
        }

        public boolean active() {
            return count(ShardState.Status.PENDING) + count(ShardState.Status.RUNNING) > 0;
        }
    }

    public static ShardPlan readPlan(Path folder) throws IOException {
        Path f = folder.resolve(ShardPlan.FILE);
        if (!Files.exists(f)) {
            throw new IOException("no " + ShardPlan.FILE + " in " + folder + ": not a joulebench slurm folder");
        }
        return ShardFiles.readJson(f, ShardFiles.MAX_SMALL_FILE_BYTES, ShardPlan.class);
    }

    public static Snapshot read(Path folder, SlurmClient slurm) throws IOException {
        ShardPlan plan = readPlan(folder);
        SubmissionLog subs = SubmissionLog.read(folder);
        Map<String, Map<Integer, String>> queues = new HashMap<>();
        Map<String, SlurmClient.Accounting> accounts = new HashMap<>();
        boolean accAvailable = false;
        String accReason = subs.entries().isEmpty() ? "never submitted" : null;
        List<ShardState> states = new ArrayList<>();
        for (Shard shard : plan.shards()) {
            int k = shard.index();
            SubmissionLog.Entry sub = subs.latestFor(k);
            String arrayId = sub == null ? null : sub.arrayJobId();
            TaskLog log;
            String problem = null;
            try {
                log = readLog(folder, k);
            } catch (IOException unreadable) {
                log = null;
                problem = "completion log " + unreadable.getMessage();
            }
            List<String> records = records(folder, k);
            String slurmState = null;
            Double joules = null;
            if (arrayId != null) {
                String queued = queues.computeIfAbsent(arrayId, slurm::queued).get(k);
                SlurmClient.Accounting acc = accounts.computeIfAbsent(arrayId, slurm::accounting);
                accAvailable |= acc.available();
                if (!acc.available()) {
                    accReason = acc.reason();
                }
                SlurmClient.TaskState t = acc.tasks().get(k);
                slurmState = queued != null ? queued : t != null ? t.state() : null;
                joules = t != null ? t.consumedJoules() : null;
            }
            boolean logIsCurrent = log != null && (arrayId == null || arrayId.equals(log.arrayJobId()));
            ShardState.Status status;
            if (slurmState != null && isQueued(slurmState) && !logIsCurrent) {
                status = "PENDING".equals(slurmState) ? ShardState.Status.PENDING : ShardState.Status.RUNNING;
            } else if (log != null) {
                status = log.exitCode() == 0 ? ShardState.Status.DONE : ShardState.Status.FAILED;
                if (status == ShardState.Status.DONE) {
                    // exit 0 promises one readable record per run of the shard: anything less fails it by id
                    problem = recordProblem(folder, shard, records);
                    if (problem != null) {
                        status = ShardState.Status.FAILED;
                    }
                }
            } else if (problem != null) {
                status = ShardState.Status.FAILED;
            } else {
                status = ShardState.Status.MISSING;
            }
            states.add(new ShardState(
                    k,
                    status,
                    slurmState,
                    log == null ? null : log.exitCode(),
                    log == null ? null : log.host(),
                    arrayId,
                    records,
                    joules,
                    problem));
        }
        return new Snapshot(plan, states, accAvailable, accAvailable ? null : accReason);
    }

    private static boolean isQueued(String slurmState) {
        return switch (slurmState) {
            case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED" -> true;
            default -> false;
        };
    }

    static TaskLog readLog(Path folder, int k) throws IOException {
        Path f = folder.resolve("tasks").resolve("shard-" + k + ".json");
        if (SafeFiles.kind(f) == SafeFiles.Kind.MISSING) {
            return null;
        }
        return ShardFiles.readJson(f, ShardFiles.MAX_SMALL_FILE_BYTES, TaskLog.class);
    }

    /** Why the records of a shard that exited 0 cannot be merged, or null when each run left a readable one. */
    static String recordProblem(Path folder, Shard shard, List<String> records) {
        for (int r = 0; r < shard.runs().size(); r++) {
            String name = "shard-" + shard.index() + "-run-" + r + ".json";
            if (!records.contains(name)) {
                return "exit 0 but no record " + name;
            }
            try {
                ShardFiles.readRecord(folder.resolve("shards").resolve(name));
            } catch (IOException bad) {
                return "record " + bad.getMessage();
            }
        }
        return null;
    }

    static List<String> records(Path folder, int k) throws IOException {
        Path dir = folder.resolve("shards");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = "shard-" + k + "-run-";
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }
}
