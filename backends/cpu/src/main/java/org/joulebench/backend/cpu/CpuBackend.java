package org.joulebench.backend.cpu;

import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * Every kernel of the catalogue (kernels/LAYOUTS.md) in plain Java on a pool of one thread per logical
 * core. Inputs are kept in their stored representation (fp16/bf16 bits, int8 bytes, packed int4) and
 * decoded inside {@code run()}, so the measured work includes reading the narrow types. Outputs and
 * scratch are allocated at prepare; a run allocates nothing.
 */
public final class CpuBackend implements Backend {

    static final Set<KernelVariant> SUPPORTED = Set.of(
            new KernelVariant("gemm", DType.FP32),
            new KernelVariant("gemm", DType.FP16),
            new KernelVariant("gemm", DType.BF16),
            new KernelVariant("gemm", DType.INT8),
            new KernelVariant("gemv", DType.FP32),
            new KernelVariant("qgemv", DType.INT8),
            new KernelVariant("qgemv", DType.INT4),
            new KernelVariant("conv2d", DType.FP32),
            new KernelVariant("attention", DType.FP32),
            new KernelVariant("attention-causal", DType.FP32),
            new KernelVariant("softmax", DType.FP32),
            new KernelVariant("layernorm", DType.FP32),
            new KernelVariant("rmsnorm", DType.FP32),
            new KernelVariant("gelu", DType.FP32),
            new KernelVariant("silu", DType.FP32),
            new KernelVariant("triad", DType.FP32),
            new KernelVariant("noop", DType.FP32));

    private final CpuThreads pool;
    private final DeviceInfo device;

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A backend using {@code threads} worker threads (tests use this to exercise the partitioning). */
    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.pool = new CpuThreads(threads, "joulebench-cpu-");
        this.device = CpuDevice.describe(threads);
    }

    @Override
    public String id() {
        return CpuBackendProvider.ID;
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(device);
    }

    /** Our portable kernels: plain Java and the Vector API, on every core. */
    static final String JAVA_IMPLEMENTATION = "java";

    /**
     * The same kernels with the catalogue's weight inputs laid out once while preparing, untimed, as an inference
     * engine does with constant weights (MLPerf allows it): GEMM's B as its panels, conv2d's filters as the
     * GEMM's packed A. A result of its own (its implementation id says so, and the record lists the pre-packed
     * inputs), never mixed with the per-call figures of {@value #JAVA_IMPLEMENTATION}.
     */
    static final String PREPACKED_IMPLEMENTATION = "java-prepacked";

    static final Set<KernelVariant> PREPACKED_SUPPORTED =
            Set.of(new KernelVariant("gemm", DType.FP32), new KernelVariant("conv2d", DType.FP32));

    static List<Implementation> implementationsOn(DeviceInfo device) {
        return List.of(
                new Implementation(
                        JAVA_IMPLEMENTATION,
                        ImplementationKind.PORTABLE,
                        "joulebench's Java kernels (Vector API where it pays), multi-threaded",
                        Availability.yes("Java " + Runtime.version().feature()),
                        SUPPORTED),
                new Implementation(
                        PREPACKED_IMPLEMENTATION,
                        ImplementationKind.PORTABLE,
                        "joulebench's Java kernels with weights pre-packed at prepare, untimed"
                                + " (GEMM's B panels, conv2d's filters)",
                        Availability.yes("Java " + Runtime.version().feature()),
                        PREPACKED_SUPPORTED),
                OpenBlasImplementation.describe());
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return implementationsOn(device);
    }

    @Override
    public PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException {
        if (!this.device.id().equals(device.id())) {
            throw new BackendException("cpu backend has no device " + device.id() + "; it has " + this.device.id());
        }
        if (pool.isShutdown()) {
            throw new BackendException("cpu backend is closed");
        }
        if (OpenBlasImplementation.ID.equals(implementationId)) {
            Implementation blas = OpenBlasImplementation.describe();
            if (!blas.availability().available()) {
                throw new BackendException("cpu backend's openblas implementation is unavailable: "
                        + blas.availability().reason());
            }
            return OpenBlasImplementation.prepare(
                    kernel.id(), new Inputs(kernel.id(), inputs), inputs.dtype(), pool.getParallelism());
        }
        boolean prePack = PREPACKED_IMPLEMENTATION.equals(implementationId);
        if (prePack) {
            KernelVariant v = new KernelVariant(kernel.id(), inputs.dtype());
            if (!PREPACKED_SUPPORTED.contains(v)) {
                throw new BackendException("cpu backend's " + PREPACKED_IMPLEMENTATION + " implementation does not"
                        + " implement " + v + "; it implements "
                        + PREPACKED_SUPPORTED.stream()
                                .map(KernelVariant::toString)
                                .sorted()
                                .toList());
            }
            Inputs in = new Inputs(kernel.id(), inputs);
            return kernel.id().equals("gemm") ? gemmF32(in, true) : conv2d(in, true);
        }
        if (!JAVA_IMPLEMENTATION.equals(implementationId)) {
            throw new BackendException("cpu backend has no implementation '" + implementationId + "'; it has "
                    + implementations(device).stream().map(Implementation::id).toList());
        }
        KernelVariant variant = new KernelVariant(kernel.id(), inputs.dtype());
        if (!SUPPORTED.contains(variant)) {
            throw new BackendException(
                    "cpu backend does not implement " + variant + "; it implements " + sortedSupported());
        }
        Inputs in = new Inputs(kernel.id(), inputs);
        return switch (kernel.id()) {
            case "gemm" -> gemm(in, inputs.dtype());
            case "gemv" -> {
                int m = in.dim("M"), k = in.dim("K");
                in.expectOutput(ElementType.F32, m);
                yield new Gemv(pool, m, k, in.f32("A", m, k), in.f32("x", k));
            }
            case "qgemv" -> qgemv(in, inputs.dtype() == DType.INT4);
            case "conv2d" -> conv2d(in, false);
            case "attention", "attention-causal" -> attention(in, kernel.id().equals("attention-causal"));
            case "softmax", "layernorm", "rmsnorm" -> rows(in, kernel.id());
            case "gelu", "silu", "triad" -> elementwise(in, kernel.id());
            case "noop" -> {
                int n = in.dim("N");
                in.expectOutput(ElementType.F32, n);
                yield new Noop(in.f32("X", n));
            }
            default -> throw new IllegalStateException("unreachable: " + variant);
        };
    }

    private static List<String> sortedSupported() {
        return SUPPORTED.stream().map(KernelVariant::toString).sorted().toList();
    }

    private PreparedKernel gemm(Inputs in, DType dtype) throws BackendException {
        int m = in.dim("M"), n = in.dim("N"), k = in.dim("K");
        return switch (dtype) {
            case FP32 -> gemmF32(in, false);
            case FP16, BF16 -> {
                ElementType t = dtype == DType.FP16 ? ElementType.F16 : ElementType.BF16;
                in.expectOutput(ElementType.F32, m, n);
                yield new GemmHalf(
                        pool,
                        dtype == DType.BF16,
                        m,
                        n,
                        k,
                        in.tensor("A", t, m, k).f16Bits(),
                        in.tensor("B", t, k, n).f16Bits());
            }
            case INT8 -> {
                in.expectOutput(ElementType.I32, m, n);
                yield new GemmI8(
                        pool,
                        m,
                        n,
                        k,
                        in.tensor("A", ElementType.I8, m, k).bytes(),
                        in.tensor("B", ElementType.I8, k, n).bytes());
            }
            case INT4 -> throw new IllegalStateException("unreachable");
        };
    }

    private PreparedKernel qgemv(Inputs in, boolean int4) throws BackendException {
        int m = in.dim("M"), k = in.dim("K"), g = in.dim("G");
        in.expectOutput(ElementType.F32, m);
        byte[] w = in.tensor("W", int4 ? ElementType.I4_PACKED : ElementType.I8, m, k)
                .bytes();
        float[] scales = in.f32("scales", m, CpuKernel.ceilDiv(k, g));
        return new Qgemv(pool, int4, m, k, g, w, scales, in.f32("x", k));
    }

    private PreparedKernel gemmF32(Inputs in, boolean prePackB) throws BackendException {
        int m = in.dim("M"), n = in.dim("N"), k = in.dim("K");
        in.expectOutput(ElementType.F32, m, n);
        return new GemmF32(pool, m, n, k, in.f32("A", m, k), in.f32("B", k, n), prePackB);
    }

    private PreparedKernel conv2d(Inputs in, boolean prePackWeight) throws BackendException {
        int n = in.dim("N"), c = in.dim("C"), h = in.dim("H"), w = in.dim("W");
        int k = in.dim("K"), r = in.dim("R"), s = in.dim("S"), stride = in.dim("STRIDE");
        int pad = in.dimOrZero("PAD");
        int p = Math.floorDiv(h + 2 * pad - r, stride) + 1, q = Math.floorDiv(w + 2 * pad - s, stride) + 1;
        if (p < 1 || q < 1) {
            throw new BackendException(in.what() + ": the filter is larger than the padded input");
        }
        in.expectOutput(ElementType.F32, n, k, p, q);
        return new Conv2d(
                pool,
                n,
                c,
                h,
                w,
                k,
                r,
                s,
                stride,
                pad,
                p,
                q,
                in.f32("input", n, c, h, w),
                in.f32("weight", k, c, r, s),
                prePackWeight);
    }

    private PreparedKernel attention(Inputs in, boolean causal) throws BackendException {
        int b = in.dim("B"), h = in.dim("H"), l = in.dim("L"), d = in.dim("D");
        in.expectOutput(ElementType.F32, b, h, l, d);
        float scale = (float) in.scalar("scale", 1.0 / Math.sqrt(d));
        return new Attention(
                pool,
                causal,
                b,
                h,
                l,
                d,
                scale,
                in.f32("Q", b, h, l, d),
                in.f32("K", b, h, l, d),
                in.f32("V", b, h, l, d));
    }

    private PreparedKernel rows(Inputs in, String id) throws BackendException {
        int r = in.dim("R"), c = in.dim("C");
        in.expectOutput(ElementType.F32, r, c);
        float[] x = in.f32("X", r, c);
        return switch (id) {
            case "softmax" -> new RowKernel(pool, RowKernel.Op.SOFTMAX, r, c, x, null, null, 0);
            case "layernorm" ->
                new RowKernel(
                        pool,
                        RowKernel.Op.LAYERNORM,
                        r,
                        c,
                        x,
                        in.f32("gamma", c),
                        in.f32("beta", c),
                        in.scalar("eps", 1e-5));
            default ->
                new RowKernel(pool, RowKernel.Op.RMSNORM, r, c, x, in.f32("gamma", c), null, in.scalar("eps", 1e-6));
        };
    }

    private PreparedKernel elementwise(Inputs in, String id) throws BackendException {
        int n = in.dim("N");
        in.expectOutput(ElementType.F32, n);
        return switch (id) {
            case "gelu" -> new Elementwise(pool, Elementwise.Op.GELU, "Y", n, in.f32("X", n), null, 0);
            case "silu" -> new Elementwise(pool, Elementwise.Op.SILU, "Y", n, in.f32("X", n), null, 0);
            default ->
                new Elementwise(
                        pool, Elementwise.Op.TRIAD, "a", n, in.f32("b", n), in.f32("c", n), in.scalar("alpha", 3.0));
        };
    }

    /** The worker pool, for kernels made outside {@link #prepare} (the ratio benchmark's copy stream). */
    CpuThreads pool() {
        return pool;
    }

    /** Stops the worker threads; prepared kernels of this backend must not be run afterwards. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
