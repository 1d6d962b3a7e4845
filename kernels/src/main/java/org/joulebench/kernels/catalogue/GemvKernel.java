package org.joulebench.kernels.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;

/** {@code gemv}: y[M] = A[M,K]·x[K] in fp32; memory-bound, quoted in bytes. */
public final class GemvKernel extends AbstractKernel {

    public GemvKernel() {
        super(
                "gemv",
                "Matrix-vector multiply y = A·x in fp32 (LLM decode, memory-bound)",
                List.of("M", "K"),
                EnumSet.of(DType.FP32));
    }

    /** A: the layer's weights (see {@link org.joulebench.kernels.Kernel#weightInputs()}). */
    @Override
    public List<String> weightInputs() {
        return List.of("A");
    }

    @Override
    public String layout() {
        return "inputs A [M,K] F32 row-major and x [K] F32; output y [M] F32, y[m] = sum over k of A[m,k]·x[k];"
                + " no scalars";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("2*M*K", "4*(M*K+K)", "4*M");
    }

    @Override
    protected HeadlineUnit headline(DType dtype) {
        return HeadlineUnit.BYTE;
    }

    @Override
    protected void checkShape(Shape shape) {
        elements("A", shape.dim("M"), shape.dim("K"));
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int m = shape.dim("M"), k = shape.dim("K");
        InputGenerator g = new InputGenerator(seed);
        var a = g.uniform("A", ElementType.F32, m, k);
        var x = g.uniform("x", ElementType.F32, k);
        return new KernelInputs(shape, dtype, seed, ordered(a, x), Map.of(), ElementType.F32, new int[] {m});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        int m = inputs.shape().dim("M"), k = inputs.shape().dim("K");
        float[] a = inputs.tensor("A").f32();
        float[] x = inputs.tensor("x").f32();
        return parallelOutputs(m, i -> {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += (double) a[i * k + j] * x[j];
            }
            return sum;
        });
    }

    /** A length-K fp32 dot product per output: the same error budget as fp32 gemm (see there). */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-4, 1e-4);
    }
}
