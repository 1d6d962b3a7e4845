package org.joulebench.harness.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * The vendor GEMM rate through the backend SPI: the first available vendor-library implementation of fp32 gemm on a
 * CPU device (the CPU backend's {@code openblas}; it sets its own threads, all cores), run on a catalogue gemm shape and verified against the
 * reference before it is timed (a wrong answer gives no rate). Found through {@link ServiceLoader}, so calibration
 * needs no compile-time link to any backend.
 */
public final class BackendVendorGemm implements VendorGemm {
    static final String KERNEL = "gemm";
    private final List<BackendProvider> providers;

    public BackendVendorGemm(List<BackendProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers on the class path. */
    public static BackendVendorGemm discovered() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        return new BackendVendorGemm(found);
    }

    @Override
    public Rate measure(Size size, long millis) {
        List<String> why = new ArrayList<>();
        for (BackendProvider p : providers) {
            if (!p.availability().available()) {
                continue;
            }
            for (DeviceInfo d : p.devices()) {
                if (d.kind() != DeviceKind.CPU) {
                    continue;
                }
                for (Implementation i : p.implementations(d)) {
                    if (i.kind() != ImplementationKind.VENDOR_LIBRARY || !i.supports(KERNEL, DType.FP32)) {
                        continue;
                    }
                    if (!i.availability().available()) {
                        why.add(p.id() + "/" + i.id() + ": " + i.availability().reason());
                        continue;
                    }
                    try {
                        return timed(p, d, i, size, millis);
                    } catch (Exception | LinkageError e) {
                        why.add(p.id() + "/" + i.id() + " failed: " + e.getMessage());
                    }
                }
            }
        }
        return Rate.unavailable(
                why.isEmpty()
                        ? "no vendor-library fp32 gemm implementation on a CPU device (the CPU backend's openblas"
                                + " needs the OpenBLAS library, Debian's libopenblas0)"
                        : String.join("; ", why));
    }

    private static Rate timed(BackendProvider p, DeviceInfo d, Implementation i, Size size, long millis)
            throws Exception {
        Kernel gemm = KernelCatalogue.standard().kernel(KERNEL);
        Shape shape = KernelCatalogue.standard().shape(KERNEL, size);
        KernelInputs inputs = gemm.inputs(shape, DType.FP32, 42);
        long flops = gemm.work(shape, DType.FP32).operations();
        try (Backend backend = p.create();
                PreparedKernel k = backend.prepare(gemm, inputs, d, i.id())) {
            k.run();
            var check = gemm.verify(inputs, k.output());
            if (!check.passed()) {
                throw new IllegalStateException("wrong answer against the reference: " + check.message());
            }
            double best = 0;
            long deadline = System.nanoTime() + millis * 1_000_000L;
            for (int round = 0; round < 3 || System.nanoTime() < deadline; round++) {
                long t0 = System.nanoTime();
                k.run();
                long nanos = Math.max(1, System.nanoTime() - t0);
                best = Math.max(best, flops / (nanos / 1e9));
            }
            String basis = p.id() + "/" + i.id() + " (" + i.description() + ") on " + d.name() + ", gemm fp32 " + size
                    + " (" + shape.dimsText() + ")" + ", verified, best single call";
            return new Rate(best, null, basis);
        }
    }
}
