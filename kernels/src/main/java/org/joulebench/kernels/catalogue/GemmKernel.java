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
import org.joulebench.vocabulary.HeadlineUnit;

/** {@code gemm}: C[M,N] = A[M,K]·B[K,N] in fp32, fp16/bf16 (fp32 accumulate) and int8 (int32 accumulate). */
public final class GemmKernel extends AbstractKernel {
    /** The largest K for which an int8 dot product cannot overflow int32: K·127·127 <= 2^31-1. */
    public static final int INT8_MAX_K = Integer.MAX_VALUE / (127 * 127);

    public GemmKernel() {
        super(
                "gemm",
                "Dense matrix multiply C = A·B (fp32; fp16/bf16 with fp32 accumulate; int8 with int32 accumulate)",
                List.of("M", "N", "K"),
                EnumSet.of(DType.FP32, DType.FP16, DType.BF16, DType.INT8));
    }

    /** B: the layer's weights (see {@link org.joulebench.kernels.Kernel#weightInputs()}). */
    @Override
    public List<String> weightInputs() {
        return List.of("B");
    }

    @Override
    public String layout() {
        return "inputs A [M,K] and B [K,N], row-major, stored as E(dtype) (F32, F16, BF16 or I8); output C [M,N]"
                + " = A·B, F32 (I32 for int8); fp16/bf16 products are accumulated in fp32, int8 in int32;"
                + " no scalars";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        int e = bytesPerElement(requireDtype(dtype));
        return new WorkFormulas("2*M*N*K", e + "*(M*K+K*N)", "4*M*N");
    }

    @Override
    protected HeadlineUnit operationUnit(DType dtype) {
        return dtype == DType.INT8 ? HeadlineUnit.INT_OP : HeadlineUnit.FLOP;
    }

    @Override
    protected HeadlineUnit headline(DType dtype) {
        return operationUnit(dtype);
    }

    @Override
    protected void checkShape(Shape shape) {
        int m = shape.dim("M"), n = shape.dim("N"), k = shape.dim("K");
        elements("A", m, k);
        elements("B", k, n);
        elements("C", m, n);
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int m = shape.dim("M"), n = shape.dim("N"), k = shape.dim("K");
        if (dtype == DType.INT8 && k > INT8_MAX_K) {
            throw new IllegalArgumentException(
                    "gemm int8 with K=" + k + " could overflow the int32 accumulator;" + " K must be <= " + INT8_MAX_K);
        }
        InputGenerator g = new InputGenerator(seed);
        ElementType e = storage(dtype);
        var a = dtype == DType.INT8 ? g.integers("A", e, m, k) : g.uniform("A", e, m, k);
        var b = dtype == DType.INT8 ? g.integers("B", e, k, n) : g.uniform("B", e, k, n);
        return new KernelInputs(
                shape,
                dtype,
                seed,
                ordered(a, b),
                Map.of(),
                dtype == DType.INT8 ? ElementType.I32 : ElementType.F32,
                new int[] {m, n});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        Shape shape = inputs.shape();
        int m = shape.dim("M"), n = shape.dim("N"), k = shape.dim("K");
        double[] a = inputs.tensor("A").toDoubles();
        double[] b = inputs.tensor("B").toDoubles();
        double[] c = new double[m * n];
        // Rows are independent, so the parallel result is the same on every run; for int8 every partial
        // sum is an integer below 2^53, so the double result is exact.
        IntStream.range(0, m).parallel().forEach(i -> {
            int row = i * n;
            for (int kk = 0; kk < k; kk++) {
                double aik = a[i * k + kk];
                int bRow = kk * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += aik * b[bRow + j];
                }
            }
        });
        return c;
    }

    /**
     * fp32: true fp32 arithmetic is required. With inputs in [-1,1) a length-K fp32 dot product has a
     * typical error of about 2^-24·sqrt(K) of the output's rms (~3e-6 at K=4096, a few times that at the
     * worst of millions of outputs), so 1e-4·|ref| + 1e-4·rms passes any honest fp32 order of summation.
     * TF32 (10-bit mantissa inputs) gives ~4e-4·rms per element and fails, on purpose: it is a
     * different precision. fp16/bf16: the inputs are exact, their products are exact in fp32 (11+11 and
     * 8+8 significant bits), so only the fp32 accumulation errs, as for fp32; the absolute part is
     * doubled for tensor-core accumulators that truncate instead of rounding. int8: integer arithmetic
     * must be exact.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        return switch (requireDtype(dtype)) {
            case FP32 -> new Tolerance(1e-4, 1e-4);
            case FP16, BF16 -> new Tolerance(1e-4, 2e-4);
            default -> Tolerance.EXACT;
        };
    }
}
