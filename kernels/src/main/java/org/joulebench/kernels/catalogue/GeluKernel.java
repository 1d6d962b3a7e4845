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

/** {@code gelu}: the tanh approximation of GELU (GPT-2, BERT), element-wise; memory-bound. */
public final class GeluKernel extends AbstractKernel {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    public GeluKernel() {
        super(
                "gelu",
                "GELU activation (tanh approximation) in fp32, element-wise",
                List.of("N"),
                EnumSet.of(DType.FP32));
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
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("8*N", "4*N", "4*N");
    }

    @Override
    protected WorkUnit headline(DType dtype) {
        return WorkUnit.BYTE;
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int n = shape.dim("N");
        var x = new InputGenerator(seed).uniform("X", ElementType.F32, n);
        return new KernelInputs(shape, dtype, seed, ordered(x), Map.of(), ElementType.F32, new int[] {n});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        float[] x = inputs.tensor("X").f32();
        double[] y = new double[x.length];
        IntStream.range(0, x.length).parallel().forEach(i -> y[i] = gelu(x[i]));
        return y;
    }

    /**
     * A handful of fp32 roundings and a tanh accurate to a few ulp: ~1e-6 relative. 1e-5 allows libm
     * differences; an approximate hardware tanh (e.g. PTX tanh.approx, ~2^-11) fails, on purpose.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-5, 1e-6);
    }
}
