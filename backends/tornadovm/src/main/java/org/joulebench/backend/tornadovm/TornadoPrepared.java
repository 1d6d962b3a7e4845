package org.joulebench.backend.tornadovm;

import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A task graph on its device: inputs were transferred once (first execution) and stay there, the kernel
 * was compiled and run once at prepare, so {@link #run()} is the kernel and its completion wait only; the
 * output is copied back on demand by {@link #output()}.
 */
final class TornadoPrepared implements PreparedKernel {
    private final String outputName;
    private final int[] outputDims;
    private final FloatArray out;
    private final TornadoExecutionPlan plan;
    private TornadoExecutionResult last;

    TornadoPrepared(
            String outputName,
            int[] outputDims,
            TaskGraph graph,
            FloatArray out,
            TornadoDevice device,
            GridScheduler grid) {
        this.outputName = outputName;
        this.outputDims = outputDims.clone();
        this.out = out;
        this.plan = new TornadoExecutionPlan(graph.snapshot());
        plan.withDevice(device);
        if (grid != null) {
            plan.withGridScheduler(grid);
        }
        // first execution: JIT-compiles the task for the device and copies the inputs over, before timing
        this.last = plan.execute();
    }

    @Override
    public void run() {
        last = plan.execute();
    }

    @Override
    public Tensor output() {
        last.transferToHost(out);
        return new Tensor(outputName, ElementType.F32, outputDims, out.toHeapArray());
    }

    @Override
    public void close() {
        try {
            plan.freeDeviceMemory();
            plan.close();
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("TornadoVM could not release its execution plan: " + e.getMessage(), e);
        }
    }
}
