package org.joulebench.harness.slurm;

import java.util.List;

/**
 * One array task: the runs it makes, one after the other, on one exclusive node.
 *
 * @param index the Slurm array index ({@code SLURM_ARRAY_TASK_ID})
 * @param cells how many matrix cells (backend x kernel x dtype x size) it covers
 * @param runs the {@code joulebench run} calls, each writing one record
 */
public record Shard(int index, int cells, List<ShardRun> runs) {
    public Shard {
        runs = List.copyOf(runs);
    }
}
