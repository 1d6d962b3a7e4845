package org.joulebench.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * A prepared CPU kernel: its work is split into tiles that {@link TileRunner} spreads over the pool.
 * Subclasses hold the inputs in their storage representation, allocate output and per-worker scratch
 * in the constructor, and write every output element in {@link #tile}. A kernel may run phases before
 * its tiles (e.g. packing an operand); a run executes them in the order they were added, each
 * finishing before the next starts.
 */
abstract class CpuKernel implements PreparedKernel {
    private final String outputName;
    private final int[] outputDims;
    private final List<TileRunner> phases = new ArrayList<>();

    CpuKernel(String outputName, int[] outputDims) {
        this.outputName = outputName;
        this.outputDims = outputDims.clone();
    }

    /**
     * Call once from the subclass constructor, after any {@link #phase}s and before allocating
     * per-worker scratch; returns how many workers may run tiles at once.
     */
    final int tiles(CpuThreads pool, int tiles) {
        return phase(pool, tiles, this::tile);
    }

    /** Adds a phase that each run executes before every phase added so far. */
    final int phaseFirst(CpuThreads pool, int tiles, TileRunner.TileBody body) {
        TileRunner runner = new TileRunner(pool, tiles, body);
        phases.addFirst(runner);
        return runner.workers();
    }

    /** Adds a phase of {@code tiles} pieces of work that each run executes before the later phases. */
    final int phase(CpuThreads pool, int tiles, TileRunner.TileBody body) {
        TileRunner runner = new TileRunner(pool, tiles, body);
        phases.add(runner);
        return runner.workers();
    }

    abstract void tile(int tile, int worker);

    /** The output array (float[] or int[]), written in place by each run. */
    abstract Object outputData();

    /** Called by the calling thread at the start of each run, before any tile is handed out. */
    void beforeRun() {}

    @Override
    public final void run() {
        beforeRun();
        for (TileRunner phase : phases) {
            phase.run();
        }
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
