package org.joulebench.harness.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code joulebench run} call inside a shard: a cartesian slice of the matrix. An empty list means
 * "the run command's default" (e.g. every backend available on the node that runs the shard).
 *
 * @param backends backend ids (empty: every available one on the node)
 * @param kernels kernel ids (never empty)
 * @param dtypes dtype ids (empty: every dtype of each kernel)
 * @param size size id S, M or L ({@code null} when {@code shape} is set)
 * @param shape custom shape dims for {@code --shape} ({@code null} when {@code size} is set)
 */
public record ShardRun(List<String> backends, List<String> kernels, List<String> dtypes, String size, String shape) {
    public ShardRun {
        backends = List.copyOf(backends);
        kernels = List.copyOf(kernels);
        dtypes = List.copyOf(dtypes);
    }

    /** The selection options of {@code joulebench run} for this slice. */
    public List<String> selectionArgs() {
        List<String> a = new ArrayList<>();
        if (!backends.isEmpty()) {
            a.add("--backend=" + String.join(",", backends));
        }
        a.add("--kernel=" + String.join(",", kernels));
        if (!dtypes.isEmpty()) {
            a.add("--dtype=" + String.join(",", dtypes));
        }
        if (shape != null) {
            a.add("--shape=" + shape);
        } else {
            a.add("--size=" + size);
        }
        return a;
    }
}
