package org.joulebench.harness.slurm;

import java.time.Instant;
import java.util.List;

/**
 * What a merge found ({@code merge-report.json}).
 *
 * @param submissionId the plan's id
 * @param mergedAt when
 * @param complete every shard DONE
 * @param shards every shard's state
 * @param missingOrFailed indices of shards that are not DONE
 * @param systems one merged record per system
 * @param energyCheck Slurm's accounted energy beside joulebench's own figures
 */
public record MergeReport(
        String submissionId,
        Instant mergedAt,
        boolean complete,
        List<ShardState> shards,
        List<Integer> missingOrFailed,
        List<SystemRecord> systems,
        EnergyCheck energyCheck) {
    public static final String FILE = "merge-report.json";

    /**
     * @param system the grouping key: host name, CPU model and devices
     * @param file the merged record, relative to the folder
     * @param shards shards that contributed
     * @param results results in it
     * @param schemaProblem why the merged record does not validate against the run-record schema (it is
     *     written all the same), or {@code null} when it does
     */
    public record SystemRecord(String system, String file, List<Integer> shards, int results, String schemaProblem) {}

    /**
     * An independent cross-check, never replacing joulebench's figures.
     *
     * @param available whether Slurm accounted energy for any task
     * @param reason why not, when not (e.g. accounting storage disabled)
     * @param perShard per shard: Slurm's joules for the whole task and joulebench's measured joules
     */
    public record EnergyCheck(boolean available, String reason, List<ShardEnergy> perShard) {}

    /**
     * @param shard index
     * @param slurmJoules {@code ConsumedEnergyRaw} of the task (whole node, whole task, JVM start included)
     * @param joulebenchJoules sum of the energy joulebench measured in the task's results (measurement
     *     windows only), or null when it measured none
     * @param ratio slurm / joulebench: at least 1 when both see the same domains, since the task spans
     *     the windows; how far above 1 is start-up, idle and domains joulebench did not read
     */
    public record ShardEnergy(int shard, Double slurmJoules, Double joulebenchJoules, Double ratio) {}
}
