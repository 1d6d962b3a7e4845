package org.joulebench.harness.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.function.Consumer;
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
import org.joulebench.results.record.BandwidthPoint;
import org.joulebench.results.record.DeviceCeilings;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * An accelerator's roofs through the backend SPI, for {@code calibrate}: the device-to-device copy bandwidth at
 * growing sizes ({@link Backend#copyBytesPerSecond}) and the vendor library's GEMM rate per dtype (its
 * VENDOR_LIBRARY implementation's {@code gemm}, verified against the reference at the catalogue's M shape (S below
 * 1024-cubed test sizes) before a large square one is timed; a wrong answer gives no rate). Every device that is not a CPU, of every available
 * backend on the class path. A stand-in device's figures are kept only labelled {@code standIn}: the roofline
 * never uses them and check rejects a record that carries them.
 *
 * @param copyBytes the copy sizes, smallest first
 * @param copyMillis about how long each copy size is repeated
 * @param gemmSize the square GEMM (n x n x n) timed per dtype
 * @param gemmMillis at least how long one timed batch of GEMMs lasts
 */
public record DeviceCeilingsMeasurer(
        List<BackendProvider> providers, List<Long> copyBytes, long copyMillis, int gemmSize, long gemmMillis) {
    static final List<DType> GEMM_DTYPES = List.of(DType.FP32, DType.FP16, DType.BF16, DType.INT8);

    public DeviceCeilingsMeasurer {
        providers = List.copyOf(providers);
        copyBytes = List.copyOf(copyBytes);
    }

    /** The full calibration's: copies of 1 MiB to 1 GiB (x4), 8192-cubed GEMMs. */
    public static DeviceCeilingsMeasurer full(List<BackendProvider> providers) {
        return new DeviceCeilingsMeasurer(providers, sizes(1L << 20, 1L << 30), 200, 8192, 100);
    }

    /** The short one's: 1, 16 and 256 MiB copies, 2048-cubed GEMMs. */
    public static DeviceCeilingsMeasurer quick(List<BackendProvider> providers) {
        return new DeviceCeilingsMeasurer(providers, List.of(1L << 20, 16L << 20, 256L << 20), 50, 2048, 20);
    }

    static List<Long> sizes(long from, long to) {
        List<Long> s = new ArrayList<>();
        for (long b = from; b <= to; b *= 4) {
            s.add(b);
        }
        return s;
    }

    /** The providers on the class path. */
    public static List<BackendProvider> discovered() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        return found;
    }

    /** Every available accelerator's roofs; {@code progress} gets a line per figure. */
    public List<DeviceCeilings> measure(Consumer<String> progress) {
        List<DeviceCeilings> all = new ArrayList<>();
        for (BackendProvider p : providers) {
            if (!p.availability().available() || p.devices().stream().allMatch(d -> d.kind() == DeviceKind.CPU)) {
                continue;
            }
            try (Backend backend = p.create()) {
                for (DeviceInfo d : backend.devices()) {
                    if (d.kind() != DeviceKind.CPU) {
                        all.add(measure(p, backend, d, progress));
                    }
                }
            } catch (Exception | LinkageError e) {
                progress.accept(p.id() + ": no device roofs: " + e.getMessage());
            }
        }
        return all;
    }

    private DeviceCeilings measure(BackendProvider p, Backend backend, DeviceInfo d, Consumer<String> progress) {
        List<String> notes = new ArrayList<>();
        List<BandwidthPoint> curve = new ArrayList<>();
        for (long bytes : copyBytes) {
            try {
                OptionalDouble bw = backend.copyBytesPerSecond(d, bytes, copyMillis);
                if (bw.isEmpty()) {
                    notes.add(p.id() + " has no device-to-device copy: no memory roof");
                    break;
                }
                curve.add(new BandwidthPoint(2 * bytes, bw.getAsDouble()));
                progress.accept(String.format(
                        Locale.ROOT, "%s copy %d MiB: %.1f GB/s", d.id(), bytes >> 20, bw.getAsDouble() / 1e9));
            } catch (Exception e) {
                notes.add("copy of " + bytes + " B failed: " + e.getMessage());
            }
        }
        if (!curve.isEmpty()) {
            notes.add("copy: device-to-device copies of " + (copyBytes.getFirst() >> 20) + " MiB to "
                    + (copyBytes.getLast() >> 20) + " MiB (x4), each repeated about " + copyMillis + " ms, best round"
                    + " by the device's timer; a copy moves 2 x its size (one read, one write)");
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, String> basis = new LinkedHashMap<>();
        for (DType dtype : GEMM_DTYPES) {
            Implementation vendor = backend.implementations(d).stream()
                    .filter(i -> i.kind() == ImplementationKind.VENDOR_LIBRARY
                            && i.availability().available()
                            && i.supports("gemm", dtype))
                    .findFirst()
                    .orElse(null);
            if (vendor == null) {
                notes.add("gemm " + dtype.id() + ": no available vendor-library implementation on " + d.id());
                continue;
            }
            try {
                double rate = gemmRate(backend, d, vendor, dtype);
                rates.put(dtype.id(), rate);
                basis.put(
                        dtype.id(),
                        p.id() + "/" + vendor.id() + " gemm " + dtype.id() + " " + gemmSize + "^3, verified at the"
                                + " catalogue's " + (gemmSize >= 1024 ? "M" : "S")
                                + " shape first, best of batches of at least " + gemmMillis + " ms");
                progress.accept(String.format(
                        Locale.ROOT,
                        "%s %s/%s gemm %s %d^3: %.1f %s",
                        d.id(),
                        p.id(),
                        vendor.id(),
                        dtype.id(),
                        gemmSize,
                        rate / 1e12,
                        dtype == DType.INT8 ? "TOP/s" : "TFLOP/s"));
            } catch (Exception e) {
                notes.add("gemm " + dtype.id() + " with " + p.id() + "/" + vendor.id() + ": " + e.getMessage());
            }
        }
        boolean standIn = "true".equalsIgnoreCase(d.properties().get("standIn"));
        if (standIn) {
            notes.add("STAND-IN device: these figures are the CPU's, never a roof (check rejects a record with them)");
        }
        return new DeviceCeilings(d.id(), d.name(), d.hardwareId(), p.id(), standIn, curve, rates, basis, notes);
    }

    /** Verified at M, then the best rate of batches of n x n x n GEMMs lasting at least {@code gemmMillis}. */
    private double gemmRate(Backend backend, DeviceInfo d, Implementation impl, DType dtype) throws Exception {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel gemm = catalogue.kernel("gemm");
        // the catalogue's M shape; S for a test-sized calibration (the stand-in executes GEMMs on the CPU)
        Size verifyAt = gemmSize >= 1024 ? Size.M : Size.S;
        KernelInputs small = gemm.inputs(catalogue.shape("gemm", verifyAt), dtype, 42);
        try (PreparedKernel k = backend.prepare(gemm, small, d, impl.id())) {
            k.run();
            var check = gemm.verify(small, k.output());
            if (!check.passed()) {
                throw new IllegalStateException(
                        "wrong answer at " + verifyAt + " against the reference: " + check.message());
            }
        }
        Shape big =
                new Shape("gemm", Size.L, "calibration-square", Map.of("M", gemmSize, "N", gemmSize, "K", gemmSize));
        KernelInputs inputs = gemm.inputs(big, dtype, 42);
        double ops = 2.0 * gemmSize * gemmSize * gemmSize;
        try (PreparedKernel k = backend.prepare(gemm, inputs, d, impl.id())) {
            k.run();
            int n = 1;
            double best = 0;
            long deadline = System.nanoTime() + 3 * gemmMillis * 1_000_000L;
            for (int round = 0; round < 3 || System.nanoTime() < deadline; round++) {
                long t0 = System.nanoTime();
                k.runBatch(n);
                double seconds = Math.max(1, System.nanoTime() - t0) / 1e9;
                if (seconds * 1e3 < gemmMillis && n < 1 << 16) {
                    n *= 2;
                    round--; // too short to time: longer batches until one lasts gemmMillis
                    continue;
                }
                best = Math.max(best, ops * n / seconds);
            }
            return best;
        }
    }
}
