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

/** {@code rmsnorm}: per-row RMS normalisation with gamma (LLaMA); memory-bound. */
public final class RmsNormKernel extends AbstractKernel {
    public static final double EPS = 1e-6;

    public RmsNormKernel() {
        super(
                "rmsnorm",
                "RMS normalisation of each row in fp32: x/sqrt(mean(x²)+eps)·gamma",
                List.of("R", "C"),
                EnumSet.of(DType.FP32));
    }

    @Override
    public String layout() {
        return "inputs X [R,C] F32 row-major, gamma [C] F32; scalar eps = 1e-6; output Y [R,C] F32, Y[r,c] ="
                + " X[r,c]/sqrt(ms_r+eps)·gamma[c] with ms_r the mean of X[r,·]² over the C columns";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("4*R*C", "4*(R*C+C)", "4*R*C");
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
        return new KernelInputs(
                shape, dtype, seed, ordered(x, gamma), Map.of("eps", EPS), ElementType.F32, new int[] {r, c});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        int r = inputs.shape().dim("R"), c = inputs.shape().dim("C");
        double eps = inputs.scalar("eps");
        float[] x = inputs.tensor("X").f32();
        float[] gamma = inputs.tensor("gamma").f32();
        double[] y = new double[r * c];
        IntStream.range(0, r).parallel().forEach(row -> {
            int base = row * c;
            double sq = 0;
            for (int j = 0; j < c; j++) {
                sq += (double) x[base + j] * x[base + j];
            }
            double inv = 1 / Math.sqrt(sq / c + eps);
            for (int j = 0; j < c; j++) {
                y[base + j] = x[base + j] * inv * gamma[j];
            }
        });
        return y;
    }

    /** One length-C fp32 sum of squares (no cancellation) and an rsqrt; as layernorm, with margin. */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-5, 1e-5);
    }
}
