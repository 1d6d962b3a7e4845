package org.joulebench.harness.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A submission's plan, written as {@code plan.json} in its results folder: what every shard runs.
 * The merge checks the folder against it.
 *
 * @param submissionId id of the submission (names the folder's files and the Slurm jobs)
 * @param createdAt when it was planned (UTC)
 * @param profile the JMH profile every shard runs
 * @param commonRunArgs options every {@code joulebench run} gets besides its slice (profile, sensor, seed)
 * @param shards the shards, by array index
 */
public record ShardPlan(
        String submissionId, Instant createdAt, String profile, List<String> commonRunArgs, List<Shard> shards) {
    public ShardPlan {
        commonRunArgs = List.copyOf(commonRunArgs);
        shards = List.copyOf(shards);
    }

    public static final String FILE = "plan.json";
}
