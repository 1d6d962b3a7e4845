package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/** {@code silu}: SiLU / swish activation x·sigmoid(x) (LLaMA MLP), element-wise; memory-bound. */
public final class SiluKernel extends ElementwiseKernel {

    public SiluKernel() {
        super(
                "silu",
                "SiLU activation x/(1+e^-x) in fp32, element-wise",
                List.of("X"),
                Map.of(),
                new WorkFormulas("4*N", "4*N", "4*N"),
                // Well conditioned (no cancellation): an exp, an add and a divide, a few ulp; 1e-5 is ample.
                new Tolerance(1e-5, 1e-6));
    }

    /** x / (1 + e^−x), in double. */
    public static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    @Override
    public String layout() {
        return "input X [N] F32; output Y [N] F32, Y[i] = x/(1+e^−x) with x = X[i]; no scalars";
    }

    @Override
    protected IntToDoubleFunction elementReference(KernelInputs inputs) {
        float[] x = inputs.tensor("X").f32();
        return i -> silu(x[i]);
    }
}
