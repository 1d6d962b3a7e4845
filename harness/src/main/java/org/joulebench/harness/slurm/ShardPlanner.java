package org.joulebench.harness.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;

/**
 * Splits the benchmark matrix (backend x size x dtype x kernel) into shards of nearly equal cell
 * counts. Cells are ordered so that kernels vary fastest: a contiguous chunk then collapses into few
 * cartesian {@link ShardRun}s (usually one).
 */
public final class ShardPlanner {
    private ShardPlanner() {}

    /** One cell of the matrix; {@code null} backend/dtype mean "the run's default". */
    record Cell(String backend, String sizeOrShape, boolean isShape, String dtype, String kernel) {}

    /**
     * @param backends backend ids (empty: the nodes' available ones, one dimension value)
     * @param kernels kernel ids (empty: the whole catalogue)
     * @param dtypes dtype ids (empty: every dtype of each kernel, one dimension value)
     * @param sizes size ids (empty: S); ignored when {@code shape} is set
     * @param shape custom shape dims, or {@code null}
     * @param shardCount shards wanted; fewer when the matrix has fewer cells
     */
    public static List<Shard> plan(
            KernelCatalogue catalogue,
            List<String> backends,
            List<String> kernels,
            List<String> dtypes,
            List<String> sizes,
            String shape,
            int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, got " + shardCount);
        }
        List<String> kernelIds = kernels.isEmpty()
                ? catalogue.kernels().stream().map(k -> k.id()).toList()
                : kernels.stream().map(k -> catalogue.kernel(k).id()).toList();
        List<String> backendDim = backends.isEmpty() ? nullList() : backends;
        List<String> dtypeDim = dtypes.isEmpty()
                ? nullList()
                : dtypes.stream().map(d -> DType.parse(d).id()).toList();
        List<String> sizeDim = shape != null ? List.of(shape) : sizes.isEmpty() ? List.of("S") : sizes;
        List<Cell> cells = new ArrayList<>();
        for (String b : backendDim) {
            for (String s : sizeDim) {
                for (String d : dtypeDim) {
                    for (String k : kernelIds) {
                        if (d != null && catalogue.kernel(k).dtypes().stream().noneMatch(t -> t.id().equals(d))) {
                            continue; // this dtype is not defined for this kernel
                        }
                        cells.add(new Cell(b, s, shape != null, d, k));
                    }
                }
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("the selection has no (kernel, dtype) cell to run");
        }
        int n = Math.min(shardCount, cells.size());
        List<Shard> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Cell> chunk = cells.subList(i * cells.size() / n, (i + 1) * cells.size() / n);
            shards.add(new Shard(i, chunk.size(), runs(chunk)));
        }
        return shards;
    }

    private static List<ShardRun> runs(List<Cell> chunk) {
        Map<List<Object>, List<String>> byGroup = new LinkedHashMap<>();
        Map<List<Object>, Cell> first = new LinkedHashMap<>();
        for (Cell c : chunk) {
            List<Object> key = java.util.Arrays.asList(c.backend(), c.sizeOrShape(), c.dtype());
            byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(c.kernel());
            first.putIfAbsent(key, c);
        }
        List<ShardRun> runs = new ArrayList<>();
        byGroup.forEach((key, ks) -> {
            Cell c = first.get(key);
            runs.add(new ShardRun(
                    c.backend() == null ? List.of() : List.of(c.backend()),
                    ks,
                    c.dtype() == null ? List.of() : List.of(c.dtype()),
                    c.isShape() ? null : c.sizeOrShape(),
                    c.isShape() ? c.sizeOrShape() : null));
        });
        return runs;
    }

    private static List<String> nullList() {
        List<String> l = new ArrayList<>();
        l.add(null);
        return l;
    }
}
