package org.joulebench.kernels.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Int4;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * {@code qgemv}: weight-quantised matrix-vector multiply of LLM decode. Weights are int8 or int4 with
 * one fp32 scale per group of G consecutive columns of a row; activations and output are fp32.
 */
public final class QuantizedGemvKernel extends AbstractKernel {

    public QuantizedGemvKernel() {
        super(
                "qgemv",
                "Weight-quantised matrix-vector multiply (int8/int4 weights, per-group fp32 scales, fp32 x and y)",
                List.of("M", "K", "G"),
                EnumSet.of(DType.INT8, DType.INT4));
    }

    /** W/scales: the layer's weights (see {@link org.joulebench.kernels.Kernel#weightInputs()}). */
    @Override
    public List<String> weightInputs() {
        return List.of("W", "scales");
    }

    @Override
    public String layout() {
        return "inputs W [M,K] I8 (int8) or I4_PACKED (int4: each row packed into ceil(K/2) bytes, low nibble"
                + " first), scales [M,ceil(K/G)] F32 (one scale per group of G consecutive columns of a row),"
                + " x [K] F32; output y [M] F32, y[m] = sum over k of W[m,k]·scales[m,k/G]·x[k]; no scalars";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        String weightBytes = requireDtype(dtype) == DType.INT8 ? "M*K" : "M*ceil(K/2)";
        return new WorkFormulas("2*M*K", weightBytes + "+4*M*ceil(K/G)+4*K", "4*M");
    }

    @Override
    protected HeadlineUnit headline(DType dtype) {
        return HeadlineUnit.BYTE;
    }

    @Override
    protected void checkShape(Shape shape) {
        elements("W", shape.dim("M"), shape.dim("K"));
    }

    /** Number of scale groups per row, ceil(K/G). */
    public static int groups(int k, int g) {
        return (k + g - 1) / g;
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int m = shape.dim("M"), k = shape.dim("K"), groups = groups(k, shape.dim("G"));
        InputGenerator g = new InputGenerator(seed);
        var w = g.integers("W", storage(dtype), m, k);
        // Scales bring the quantised weights back to about [-1, 1]: 127 (int8) or 7 (int4) levels.
        double levels = dtype == DType.INT8 ? 127 : 7;
        var scales = g.uniform("scales", ElementType.F32, 0.5 / levels, 1.5 / levels, m, groups);
        var x = g.uniform("x", ElementType.F32, k);
        return new KernelInputs(shape, dtype, seed, ordered(w, scales, x), Map.of(), ElementType.F32, new int[] {m});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        int m = inputs.shape().dim("M"),
                k = inputs.shape().dim("K"),
                gSize = inputs.shape().dim("G");
        int groups = groups(k, gSize);
        boolean int4 = inputs.dtype() == DType.INT4;
        byte[] w = inputs.tensor("W").bytes();
        float[] scales = inputs.tensor("scales").f32();
        float[] x = inputs.tensor("x").f32();
        int rowBytes = int4 ? (k + 1) / 2 : k;
        return parallelOutputs(m, i -> {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                int q = int4 ? Int4.get(w, i * rowBytes, j) : w[i * rowBytes + j];
                sum += q * (double) scales[i * groups + j / gSize] * x[j];
            }
            return sum;
        });
    }

    /**
     * A length-K fp32 dot product per output whose dequantised weights (q·scale) are exact in double and
     * one rounding away in fp32: the error budget of fp32 gemv.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-4, 1e-4);
    }
}
