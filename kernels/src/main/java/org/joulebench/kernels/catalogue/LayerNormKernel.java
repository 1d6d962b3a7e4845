package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/** {@code layernorm}: per-row layer normalization with biased variance, gamma and beta; memory-bound. */
public final class LayerNormKernel extends RowwiseKernel {
    public static final double EPS = 1e-5;

    public LayerNormKernel() {
        super(
                "layernorm",
                "Layer normalization of each row in fp32: (x-mean)/sqrt(var+eps)·gamma+beta",
                List.of("gamma", "beta"),
                Map.of("eps", EPS),
                new WorkFormulas("8*R*C", "4*(R*C+2*C)", "4*R*C"),
                // Two length-C fp32 reductions and an rsqrt: errors of ~2^-24·sqrt(C) relative to the row's spread
                // (about 1e-6 at C=12288). Outputs near 0 (x near the mean, or gamma·x̂ cancelling beta) need the
                // rms-relative part.
                new Tolerance(1e-5, 1e-5));
    }

    @Override
    public String layout() {
        return "inputs X [R,C] F32 row-major, gamma [C] F32, beta [C] F32; scalar eps = 1e-5; output Y [R,C]"
                + " F32, Y[r,c] = (X[r,c]−mean_r)/sqrt(var_r+eps)·gamma[c]+beta[c] with mean_r and the biased"
                + " variance var_r (divided by C) of row r";
    }

    @Override
    protected RowReference rowReference(KernelInputs inputs) {
        double eps = inputs.scalar("eps");
        float[] gamma = inputs.tensor("gamma").f32();
        float[] beta = inputs.tensor("beta").f32();
        return (x, base, c, y) -> {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += x[base + j];
            }
            double mean = sum / c;
            double sq = 0;
            for (int j = 0; j < c; j++) {
                double dev = x[base + j] - mean;
                sq += dev * dev;
            }
            double inv = 1 / Math.sqrt(sq / c + eps);
            for (int j = 0; j < c; j++) {
                y[base + j] = (x[base + j] - mean) * inv * gamma[j] + beta[j];
            }
        };
    }
}
