package org.joulebench.harness.slurm;

import java.util.List;

/**
 * Where one shard stands.
 *
 * @param index array index
 * @param state PENDING or RUNNING (in the queue), DONE (exit 0), FAILED (non-zero exit) or MISSING
 *     (neither queued nor logged: cancelled, node failure, killed before its log)
 * @param slurmState the state Slurm reports (squeue or sacct), or {@code null} when it reports none
 * @param exitCode the shard's exit code from its completion log, or {@code null}
 * @param host the node, from the completion log
 * @param arrayJobId the newest array job that ran it
 * @param records record files it left in {@code shards/}
 * @param slurmJoules energy Slurm accounted for the task ({@code ConsumedEnergyRaw}, joules), or null
 * @param problem why a shard whose log says exit 0 is FAILED all the same (a record missing, truncated, a
 *     link or over the size limit; a log that is not a plain file), or {@code null}
 */
public record ShardState(
        int index,
        Status state,
        String slurmState,
        Integer exitCode,
        String host,
        String arrayJobId,
        List<String> records,
        Double slurmJoules,
        String problem) {
    public ShardState {
        records = List.copyOf(records);
    }

    public enum Status {
        PENDING,
        RUNNING,
        DONE,
        FAILED,
        MISSING;

        boolean finishedBadly() {
            return this == FAILED || this == MISSING;
        }
    }
}
