package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/** {@code gelu}: the tanh approximation of GELU (GPT-2, BERT), element-wise; memory-bound. */
public final class GeluKernel extends ElementwiseKernel {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    public GeluKernel() {
        super(
                "gelu",
                "GELU activation (tanh approximation) in fp32, element-wise",
                List.of("X"),
                Map.of(),
                new WorkFormulas("8*N", "4*N", "4*N"),
                // A handful of fp32 roundings and a tanh accurate to a few ulp: ~1e-6 relative. 1e-5 allows libm
                // differences; an approximate hardware tanh (e.g. PTX tanh.approx, ~2^-11) fails, on purpose.
                new Tolerance(1e-5, 1e-6));
    }

    /** 0.5·x·(1+tanh(sqrt(2/π)·(x+0.044715·x³))), in double. */
    public static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    @Override
    public String layout() {
        return "input X [N] F32; output Y [N] F32, Y[i] = 0.5·x·(1+tanh(sqrt(2/π)·(x+0.044715·x³))) with x ="
                + " X[i] (the tanh approximation, not the erf form); no scalars";
    }

    @Override
    protected IntToDoubleFunction elementReference(KernelInputs inputs) {
        float[] x = inputs.tensor("X").f32();
        return i -> gelu(x[i]);
    }
}
