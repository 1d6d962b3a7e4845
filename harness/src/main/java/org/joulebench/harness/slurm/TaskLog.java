package org.joulebench.harness.slurm;

/**
 * The completion log one array task writes last ({@code tasks/shard-<K>.json}).
 *
 * @param shard array index
 * @param jobId the task's own Slurm job id
 * @param arrayJobId the array job's id
 * @param host the node it ran on
 * @param exitCode the shard's exit code: 0 when every run succeeded, else the last failing run's
 *     (70 when a run wrote no record)
 * @param startedAt ISO-8601 UTC
 * @param endedAt ISO-8601 UTC
 */
public record TaskLog(
        int shard, String jobId, String arrayJobId, String host, int exitCode, String startedAt, String endedAt) {}
