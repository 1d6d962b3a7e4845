package org.joulebench.backend.tornadovm;

import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * A task graph on its device: the inputs were transferred once (first execution) and stay there, and the
 * kernel was compiled and run once at prepare, so {@link #run()} is the kernel and its completion wait
 * only; the output is copied back on demand by {@link #output()}.
 *
 * <p>Batches: TornadoVM waits for completion at the end of every plan execution, so a second plan holds
 * {@value #BATCH_COPIES} back-to-back copies of the task in one graph (one wait per {@value #BATCH_COPIES}
 * invocations). It is built and compiled on the first batch of at least that size (the harness's first
 * batch is a warm-up call).
 */
final class TornadoPrepared implements PreparedKernel {
    static final int BATCH_COPIES = 16;

    private final String graphName;
    private final String outputName;
    private final int[] outputDims;
    private final TaskSpec spec;
    private final TornadoDevice device;
    private final TornadoExecutionPlan single;
    private TornadoExecutionPlan batch;
    private TornadoExecutionResult last;

    TornadoPrepared(String graphName, String outputName, int[] outputDims, TaskSpec spec, TornadoDevice device) {
        this.graphName = graphName;
        this.outputName = outputName;
        this.outputDims = outputDims.clone();
        this.spec = spec;
        this.device = device;
        this.single = plan(graphName, 1);
        // first execution: JIT-compiles the task for the device and copies the inputs over, before timing
        this.last = single.execute();
    }

    private TornadoExecutionPlan plan(String name, int copies) {
        TornadoExecutionPlan p =
                new TornadoExecutionPlan(spec.graph(name, copies).snapshot());
        p.withDevice(device);
        GridScheduler grid = spec.grid(name, copies);
        if (grid != null) {
            p.withGridScheduler(grid);
        }
        return p;
    }

    @Override
    public void run() {
        last = single.execute();
    }

    @Override
    public void runBatch(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
        }
        int graphs = invocations / BATCH_COPIES;
        if (graphs > 0 && batch == null) {
            batch = plan(graphName + "x" + BATCH_COPIES, BATCH_COPIES);
        }
        for (int i = 0; i < graphs; i++) {
            last = batch.execute();
        }
        for (int i = graphs * BATCH_COPIES; i < invocations; i++) {
            last = single.execute();
        }
    }

    @Override
    public Tensor output() {
        last.transferToHost(spec.output());
        return new Tensor(outputName, ElementType.F32, outputDims, spec.output().toHeapArray());
    }

    @Override
    public void close() {
        try {
            for (TornadoExecutionPlan p :
                    batch == null ? new TornadoExecutionPlan[] {single} : new TornadoExecutionPlan[] {single, batch}) {
                p.freeDeviceMemory();
                p.close();
            }
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("TornadoVM could not release its execution plan: " + e.getMessage(), e);
        }
    }
}
