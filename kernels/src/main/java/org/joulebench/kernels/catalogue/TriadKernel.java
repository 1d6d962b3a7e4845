package org.joulebench.kernels.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;

/** {@code triad}: the STREAM triad a = b + alpha·c, the memory-bandwidth reference. */
public final class TriadKernel extends ElementwiseKernel {
    public static final double ALPHA = 3.0;

    public TriadKernel() {
        super(
                "triad",
                "STREAM triad a = b + alpha·c in fp32 (memory-bandwidth reference)",
                List.of("b", "c"),
                Map.of("alpha", ALPHA),
                // 12 bytes per element: two reads and one write (STREAM's count, without write-allocate traffic).
                new WorkFormulas("2*N", "8*N", "4*N"),
                // One or two fp32 roundings (with or without FMA): at most ~1.5 ulp of |alpha·c| + |b|, which is below
                // 1e-6 of the output's rms even where b and alpha·c cancel.
                new Tolerance(1e-6, 1e-6));
    }

    @Override
    public String layout() {
        return "inputs b [N] F32 and c [N] F32; scalar alpha = 3.0; output a [N] F32, a[i] = b[i] + alpha·c[i]";
    }

    @Override
    protected IntToDoubleFunction elementReference(KernelInputs inputs) {
        double alpha = inputs.scalar("alpha");
        float[] b = inputs.tensor("b").f32();
        float[] c = inputs.tensor("c").f32();
        return i -> b[i] + alpha * c[i];
    }
}
