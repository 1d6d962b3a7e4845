package org.joulebench.kernels.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.kernels.WorkUnit;

/** {@code layernorm}: per-row layer normalisation with biased variance, gamma and beta; memory-bound. */
public final class LayerNormKernel extends AbstractKernel {
    public static final double EPS = 1e-5;

    public LayerNormKernel() {
        super(
                "layernorm",
                "Layer normalisation of each row in fp32: (x-mean)/sqrt(var+eps)·gamma+beta",
                List.of("R", "C"),
                EnumSet.of(DType.FP32));
    }

    @Override
    public String layout() {
        return "inputs X [R,C] F32 row-major, gamma [C] F32, beta [C] F32; scalar eps = 1e-5; output Y [R,C]"
                + " F32, Y[r,c] = (X[r,c]−mean_r)/sqrt(var_r+eps)·gamma[c]+beta[c] with mean_r and the biased"
                + " variance var_r (divided by C) of row r";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("8*R*C", "4*(R*C+2*C)", "4*R*C");
    }

    @Override
    protected WorkUnit headline(DType dtype) {
        return WorkUnit.BYTE;
    }

    @Override
    protected void checkShape(Shape shape) {
        elements("X", shape.dim("R"), shape.dim("C"));
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int r = shape.dim("R"), c = shape.dim("C");
        InputGenerator g = new InputGenerator(seed);
        var x = g.uniform("X", ElementType.F32, r, c);
        var gamma = g.uniform("gamma", ElementType.F32, c);
        var beta = g.uniform("beta", ElementType.F32, c);
        return new KernelInputs(
                shape, dtype, seed, ordered(x, gamma, beta), Map.of("eps", EPS), ElementType.F32, new int[] {r, c});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        int r = inputs.shape().dim("R"), c = inputs.shape().dim("C");
        double eps = inputs.scalar("eps");
        float[] x = inputs.tensor("X").f32();
        float[] gamma = inputs.tensor("gamma").f32();
        float[] beta = inputs.tensor("beta").f32();
        double[] y = new double[r * c];
        IntStream.range(0, r).parallel().forEach(row -> {
            int base = row * c;
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
        });
        return y;
    }

    /**
     * Two length-C fp32 reductions and an rsqrt: errors of ~2^-24·sqrt(C) relative to the row's spread
     * (about 1e-6 at C=12288). Outputs near 0 (x near the mean, or gamma·x̂ cancelling beta) need the
     * rms-relative part.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-5, 1e-5);
    }
}
