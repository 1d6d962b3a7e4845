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

/** {@code triad}: the STREAM triad a = b + alpha·c, the memory-bandwidth reference. */
public final class TriadKernel extends AbstractKernel {
    public static final double ALPHA = 3.0;

    public TriadKernel() {
        super(
                "triad",
                "STREAM triad a = b + alpha·c in fp32 (memory-bandwidth reference)",
                List.of("N"),
                EnumSet.of(DType.FP32));
    }

    @Override
    public String layout() {
        return "inputs b [N] F32 and c [N] F32; scalar alpha = 3.0; output a [N] F32, a[i] = b[i] + alpha·c[i]";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        // 12 bytes per element: two reads and one write (STREAM's count, without write-allocate traffic).
        return new WorkFormulas("2*N", "8*N", "4*N");
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
        InputGenerator g = new InputGenerator(seed);
        var b = g.uniform("b", ElementType.F32, n);
        var c = g.uniform("c", ElementType.F32, n);
        return new KernelInputs(
                shape, dtype, seed, ordered(b, c), Map.of("alpha", ALPHA), ElementType.F32, new int[] {n});
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        double alpha = inputs.scalar("alpha");
        float[] b = inputs.tensor("b").f32();
        float[] c = inputs.tensor("c").f32();
        double[] a = new double[b.length];
        IntStream.range(0, b.length).parallel().forEach(i -> a[i] = b[i] + alpha * c[i]);
        return a;
    }

    /**
     * One or two fp32 roundings (with or without FMA): at most ~1.5 ulp of |alpha·c| + |b|, which is
     * below 1e-6 of the output's rms even where b and alpha·c cancel.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-6, 1e-6);
    }
}
