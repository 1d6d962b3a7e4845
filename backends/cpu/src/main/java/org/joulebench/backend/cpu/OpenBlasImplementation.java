package org.joulebench.backend.cpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.joulebench.backend.cpu.openblas.OpenBlas;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * The machine's OpenBLAS as a vendor-library implementation on the CPU device: GEMM through sgemm and GEMV
 * through sgemv, threads set explicitly to the backend's. It is a leaderboard row of its own and the
 * baseline our GEMM is compared with. Listing it is cheap (is the library file there?); the library is
 * loaded only when a kernel is prepared, inside the benchmark fork.
 */
final class OpenBlasImplementation {
    static final String ID = "openblas";

    static final Set<KernelVariant> SUPPORTED =
            Set.of(new KernelVariant("gemm", DType.FP32), new KernelVariant("gemv", DType.FP32));

    private OpenBlasImplementation() {}

    /** Cheap: the first candidate library file that exists; nothing is loaded here. */
    static Implementation describe() {
        Optional<Path> found =
                OpenBlas.candidates().stream().filter(Files::isRegularFile).findFirst();
        // environment variables that force its kernel choice are inherited by the forks: said here, so every run
        // record's environment carries them beside the implementation
        List<String> forced = OpenBlas.environmentWarnings();
        String note = forced.isEmpty() ? "" : "; " + String.join("; ", forced);
        Availability a = found.map(p -> Availability.yes("OpenBLAS at " + p + " (loaded in the benchmark fork)" + note))
                .orElseGet(() -> Availability.no("no OpenBLAS library found (install Debian's libopenblas0, or set -D"
                        + OpenBlas.PATH_PROPERTY + " or " + OpenBlas.PATH_ENV + ")"));
        return new Implementation(
                ID,
                ImplementationKind.VENDOR_LIBRARY,
                "OpenBLAS sgemm/sgemv through the FFM API, threads set to the backend's",
                a,
                SUPPORTED);
    }

    static PreparedKernel prepare(String kernelId, Inputs in, DType dtype, int threads) throws BackendException {
        KernelVariant variant = new KernelVariant(kernelId, dtype);
        if (!SUPPORTED.contains(variant)) {
            throw new BackendException("cpu backend's openblas implementation does not implement " + variant
                    + "; it implements [gemm/fp32, gemv/fp32]");
        }
        OpenBlas blas;
        try {
            blas = OpenBlas.get();
        } catch (IllegalStateException e) {
            throw new BackendException(e.getMessage(), e);
        }
        blas.setNumThreads(threads);
        if (kernelId.equals("gemm")) {
            int m = in.dim("M"), n = in.dim("N"), k = in.dim("K");
            in.expectOutput(ElementType.F32, m, n);
            float[] a = in.f32("A", m, k), b = in.f32("B", k, n);
            float[] c = new float[m * n];
            return new Call(() -> blas.sgemm(m, n, k, a, b, c), "C", c, new int[] {m, n});
        }
        int m = in.dim("M"), k = in.dim("K");
        in.expectOutput(ElementType.F32, m);
        float[] a = in.f32("A", m, k), x = in.f32("x", k);
        float[] y = new float[m];
        return new Call(() -> blas.sgemv(m, k, a, x, y), "y", y, new int[] {m});
    }

    /** One library call per invocation; synchronous, so the default batch loop is right. */
    private static final class Call implements PreparedKernel {
        private final Runnable call;
        private final String outputName;
        private final float[] out;
        private final int[] dims;

        Call(Runnable call, String outputName, float[] out, int[] dims) {
            this.call = call;
            this.outputName = outputName;
            this.out = out;
            this.dims = dims;
        }

        @Override
        public void run() {
            call.run();
        }

        @Override
        public Tensor output() {
            return Tensor.f32(outputName, out.clone(), dims);
        }
    }
}
