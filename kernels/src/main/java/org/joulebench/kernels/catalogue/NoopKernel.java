package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/**
 * {@code noop}: the null workload (as MLPerf loadgen's null SUT). A backend's {@code run()} does nothing and
 * its output is its input, so timing it measures the harness's own overhead per invocation and per batch.
 * It has no work, is never submitted or ranked, and {@code run} excludes it unless asked by name.
 */
public final class NoopKernel extends ElementwiseKernel {
    public static final String ID = "noop";

    public NoopKernel() {
        super(
                ID,
                "null workload: does nothing; measures the harness's own overhead (never ranked)",
                List.of("X"),
                Map.of(),
                new WorkFormulas("0", "0", "0"),
                new Tolerance(0, 0));
    }

    @Override
    public String layout() {
        return "input X [N] F32; output Y [N] F32 = X (a backend may hand back X itself; run() does no work)";
    }

    @Override
    public boolean ranked() {
        return false;
    }

    @Override
    protected IntToDoubleFunction elementReference(KernelInputs inputs) {
        float[] x = inputs.tensor("X").f32();
        return i -> x[i];
    }
}
