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

/** {@code silu}: SiLU / swish activation x·sigmoid(x) (LLaMA MLP), element-wise; memory-bound. */
public final class SiluKernel extends AbstractKernel {

    public SiluKernel() {
        super("silu", "SiLU activation x/(1+e^-x) in fp32, element-wise", List.of("N"), EnumSet.of(DType.FP32));
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
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("4*N", "4*N", "4*N");
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
        IntStream.range(0, x.length).parallel().forEach(i -> y[i] = silu(x[i]));
        return y;
    }

    /** Well conditioned (no cancellation): an exp, an add and a divide, a few ulp; 1e-5 is ample. */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-5, 1e-6);
    }
}
