package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/** {@code rmsnorm}: per-row RMS normalization with gamma (LLaMA); memory-bound. */
public final class RmsNormKernel extends RowwiseKernel {
    public static final double EPS = 1e-6;

    public RmsNormKernel() {
        super(
                "rmsnorm",
                "RMS normalization of each row in fp32: x/sqrt(mean(x²)+eps)·gamma",
                List.of("gamma"),
                Map.of("eps", EPS),
                new WorkFormulas("4*R*C", "4*(R*C+C)", "4*R*C"),
                // One length-C fp32 sum of squares (no cancellation) and an rsqrt; as layernorm, with margin. */
                new Tolerance(1e-5, 1e-5));
    }

    @Override
    public String layout() {
        return "inputs X [R,C] F32 row-major, gamma [C] F32; scalar eps = 1e-6; output Y [R,C] F32, Y[r,c] ="
                + " X[r,c]/sqrt(ms_r+eps)·gamma[c] with ms_r the mean of X[r,·]² over the C columns";
    }

    @Override
    protected RowReference rowReference(KernelInputs inputs) {
        double eps = inputs.scalar("eps");
        float[] gamma = inputs.tensor("gamma").f32();
        return (x, base, c, y) -> {
            double sq = 0;
            for (int j = 0; j < c; j++) {
                sq += (double) x[base + j] * x[base + j];
            }
            double inv = 1 / Math.sqrt(sq / c + eps);
            for (int j = 0; j < c; j++) {
                y[base + j] = x[base + j] * inv * gamma[j];
            }
        };
    }
}
