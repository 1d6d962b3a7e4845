package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * A prepared CPU kernel: its work is split into tiles that {@link TileRunner} spreads over the pool.
 * Subclasses hold the inputs in their storage representation, allocate output and per-worker scratch
 * in the constructor, and write every output element in {@link #tile}.
 */
abstract class CpuKernel implements PreparedKernel {
    private final String outputName;
    private final int[] outputDims;
    private TileRunner runner;

    CpuKernel(String outputName, int[] outputDims) {
        this.outputName = outputName;
        this.outputDims = outputDims.clone();
    }

    /** Call once from the subclass constructor, before allocating per-worker scratch. */
    final int tiles(ForkJoinPool pool, int tiles) {
        runner = new TileRunner(pool, tiles, this::tile);
        return runner.workers();
    }

    abstract void tile(int tile, int worker);

    /** The output array (float[] or int[]), written in place by each run. */
    abstract Object outputData();

    @Override
    public final void run() {
        runner.run();
    }

    @Override
    public final Tensor output() {
        Object data = outputData();
        if (data instanceof int[] ints) {
            return new Tensor(outputName, ElementType.I32, outputDims, ints.clone());
        }
        return new Tensor(outputName, ElementType.F32, outputDims, ((float[]) data).clone());
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
