package org.joulebench.backend.tornadovm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.catalogue.Conv2dKernel;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** TornadoVM opened inside a JVM started with its arguments: task graphs of {@link TornadoKernels}. */
final class TornadoVmBackend implements Backend {
    private final List<DeviceRow> rows;
    private final List<DeviceInfo> devices;
    private volatile boolean closed;

    TornadoVmBackend() throws BackendException {
        if (!DeviceLister.launchedWithTornadoVm()) {
            throw new BackendException("not launched with TornadoVM's JVM arguments: start java with"
                    + " @$TORNADOVM_HOME/tornado-argfile (joulebench's forks get it from the provider)");
        }
        try {
            this.rows = DeviceLister.rows();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("TornadoVM's runtime did not start: " + e, e);
        }
        if (rows.isEmpty()) {
            throw new BackendException("TornadoVM found no device");
        }
        this.devices =
                rows.stream().map(r -> r.toDeviceInfo(Path.of("/proc/cpuinfo"))).toList();
    }

    @Override
    public String id() {
        return TornadoVmProvider.ID;
    }

    @Override
    public List<DeviceInfo> devices() {
        return devices;
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return TornadoVmImplementation.all(device);
    }

    @Override
    public PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException {
        if (closed) {
            throw new BackendException("tornadovm backend is closed");
        }
        boolean tiled = TornadoVmImplementation.TILED_ID.equals(implementationId);
        if (!tiled && !TornadoVmImplementation.ID.equals(implementationId)) {
            throw new BackendException("tornadovm has no implementation '" + implementationId + "'; it has ["
                    + TornadoVmImplementation.ID + ", " + TornadoVmImplementation.TILED_ID + "]");
        }
        DeviceRow row = rows.stream()
                .filter(r -> r.id().equals(device.id()))
                .findFirst()
                .orElseThrow(() -> new BackendException("tornadovm has no device " + device.id() + "; it has "
                        + rows.stream().map(DeviceRow::id).toList()));
        KernelVariant variant = new KernelVariant(kernel.id(), inputs.dtype());
        if (tiled && !TornadoVmImplementation.TILED_SUPPORTED.contains(variant)) {
            throw new BackendException("tornadovm implementation " + TornadoVmImplementation.TILED_ID
                    + " does not implement " + variant + "; it implements gemm/fp32 only");
        }
        if (!TornadoVmImplementation.SUPPORTED.contains(variant)) {
            throw new BackendException("tornadovm does not implement " + variant + "; it implements "
                    + TornadoVmImplementation.SUPPORTED.stream()
                            .map(KernelVariant::toString)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + (kernel.id().equals("gemm") ? " (" + TornadoVmImplementation.UNSUPPORTED + ")" : ""));
        }
        TornadoDevice dev = DeviceLister.device(row);
        String g = "jb";
        String caseId = kernel.id().equals("gemm") && inputs.dtype() == DType.INT8 ? "gemm-int8" : kernel.id();
        return switch (caseId) {
            case "triad" -> {
                int n = dim(inputs, "N");
                expectOutput(inputs, n);
                FloatArray b = f32(inputs, "b", n), c = f32(inputs, "c", n), a = new FloatArray(n);
                float alpha = (float) inputs.scalar("alpha");
                TaskSpec spec = new TaskSpec(
                        List.of(b, c), a, (tg, t) -> tg.task(t, TornadoKernels::triad, b, c, a, alpha), null);
                yield new TornadoPrepared(g, "a", inputs.outputDims(), spec, dev);
            }
            case "gelu", "silu" -> {
                int n = dim(inputs, "N");
                expectOutput(inputs, n);
                FloatArray x = f32(inputs, "X", n), y = new FloatArray(n);
                TaskSpec spec = kernel.id().equals("gelu")
                        ? new TaskSpec(List.of(x), y, (tg, t) -> tg.task(t, TornadoKernels::gelu, x, y), null)
                        : new TaskSpec(List.of(x), y, (tg, t) -> tg.task(t, TornadoKernels::silu, x, y), null);
                yield new TornadoPrepared(g, "Y", inputs.outputDims(), spec, dev);
            }
            case "gemm" -> {
                int m = dim(inputs, "M"), n = dim(inputs, "N"), k = dim(inputs, "K");
                expectOutput(inputs, m, n);
                FloatArray a = f32(inputs, "A", m * k), b = f32(inputs, "B", k * n), c = new FloatArray(m * n);
                TaskSpec spec;
                if (tiled) {
                    KernelContext ctx = new KernelContext();
                    WorkerGrid2D wg = new WorkerGrid2D(roundUp(n), roundUp(m));
                    wg.setLocalWork(TornadoKernels.TILE, TornadoKernels.TILE, 1);
                    spec = new TaskSpec(
                            List.of(a, b),
                            c,
                            (tg, t) -> tg.task(t, TornadoKernels::gemmTiled, ctx, a, b, c, m, n, k),
                            wg);
                } else {
                    spec = new TaskSpec(
                            List.of(a, b), c, (tg, t) -> tg.task(t, TornadoKernels::gemm, a, b, c, m, n, k), null);
                }
                yield new TornadoPrepared(g, "C", inputs.outputDims(), spec, dev);
            }
            case "softmax" -> {
                int r = dim(inputs, "R"), cols = dim(inputs, "C");
                expectOutput(inputs, r, cols);
                FloatArray x = f32(inputs, "X", r * cols), y = new FloatArray(r * cols);
                TaskSpec spec = rowGroups()
                        ? new TaskSpec(
                                List.of(x),
                                y,
                                (tg, t) -> tg.task(t, TornadoKernels::softmaxGroup, new KernelContext(), x, y, cols),
                                rowGrid(r))
                        : new TaskSpec(
                                List.of(x), y, (tg, t) -> tg.task(t, TornadoKernels::softmax, x, y, r, cols), null);
                yield new TornadoPrepared(g, "Y", inputs.outputDims(), spec, dev);
            }
            case "gemv" -> {
                int m = dim(inputs, "M"), k = dim(inputs, "K");
                expectOutput(inputs, m);
                FloatArray a = f32(inputs, "A", m * k), x = f32(inputs, "x", k), y = new FloatArray(m);
                TaskSpec spec = new TaskSpec(
                        List.of(a, x), y, (tg, t) -> tg.task(t, TornadoKernels::gemv, a, x, y, m, k), null);
                yield new TornadoPrepared(g, "y", inputs.outputDims(), spec, dev);
            }
            case "layernorm" -> {
                int r = dim(inputs, "R"), cols = dim(inputs, "C");
                expectOutput(inputs, r, cols);
                FloatArray x = f32(inputs, "X", r * cols), gamma = f32(inputs, "gamma", cols);
                FloatArray beta = f32(inputs, "beta", cols), y = new FloatArray(r * cols);
                float eps = (float) inputs.scalar("eps");
                TaskSpec spec = rowGroups()
                        ? new TaskSpec(
                                List.of(x, gamma, beta),
                                y,
                                (tg, t) -> tg.task(
                                        t,
                                        TornadoKernels::layernormGroup,
                                        new KernelContext(),
                                        x,
                                        gamma,
                                        beta,
                                        y,
                                        cols,
                                        eps),
                                rowGrid(r))
                        : new TaskSpec(
                                List.of(x, gamma, beta),
                                y,
                                (tg, t) -> tg.task(t, TornadoKernels::layernorm, x, gamma, beta, y, r, cols, eps),
                                null);
                yield new TornadoPrepared(g, "Y", inputs.outputDims(), spec, dev);
            }
            case "rmsnorm" -> {
                int r = dim(inputs, "R"), cols = dim(inputs, "C");
                expectOutput(inputs, r, cols);
                FloatArray x = f32(inputs, "X", r * cols), gamma = f32(inputs, "gamma", cols);
                FloatArray y = new FloatArray(r * cols);
                float eps = (float) inputs.scalar("eps");
                TaskSpec spec = rowGroups()
                        ? new TaskSpec(
                                List.of(x, gamma),
                                y,
                                (tg, t) -> tg.task(
                                        t, TornadoKernels::rmsnormGroup, new KernelContext(), x, gamma, y, cols, eps),
                                rowGrid(r))
                        : new TaskSpec(
                                List.of(x, gamma),
                                y,
                                (tg, t) -> tg.task(t, TornadoKernels::rmsnorm, x, gamma, y, r, cols, eps),
                                null);
                yield new TornadoPrepared(g, "Y", inputs.outputDims(), spec, dev);
            }
            case "noop" -> {
                int n = dim(inputs, "N");
                expectOutput(inputs, n);
                Tensor x = inputs.tensor("X");
                if (x.type() != ElementType.F32 || x.elementCount() != n) {
                    throw new BackendException("input X must be F32 with " + n + " elements, is " + x.type() + " "
                            + Arrays.toString(x.dims()));
                }
                yield new NoopPrepared(x);
            }
            case "gemm-int8" -> {
                int m = dim(inputs, "M"), n = dim(inputs, "N"), k = dim(inputs, "K");
                expectOutput(inputs, ElementType.I32, m, n);
                ByteArray a = i8(inputs, "A", m * k), b = i8(inputs, "B", k * n);
                IntArray c = new IntArray(m * n);
                TaskSpec spec = new TaskSpec(
                        List.of(a, b), c, (tg, t) -> tg.task(t, TornadoKernels::gemmInt8, a, b, c, m, n, k), null);
                yield new TornadoPrepared(g, "C", inputs.outputDims(), spec, dev);
            }
            case "qgemv" -> {
                int m = dim(inputs, "M"), k = dim(inputs, "K"), gs = dim(inputs, "G");
                expectOutput(inputs, m);
                boolean int4 = inputs.dtype() == DType.INT4;
                ByteArray w = i8(inputs, "W", int4 ? m * ((k + 1) / 2) : m * k);
                FloatArray scales = f32(inputs, "scales", m * ((k + gs - 1) / gs)), x = f32(inputs, "x", k);
                FloatArray y = new FloatArray(m);
                TaskSpec spec = int4
                        ? new TaskSpec(
                                List.of(w, scales, x),
                                y,
                                (tg, t) -> tg.task(t, TornadoKernels::qgemvInt4, w, scales, x, y, m, k, gs),
                                null)
                        : new TaskSpec(
                                List.of(w, scales, x),
                                y,
                                (tg, t) -> tg.task(t, TornadoKernels::qgemvInt8, w, scales, x, y, m, k, gs),
                                null);
                yield new TornadoPrepared(g, "y", inputs.outputDims(), spec, dev);
            }
            case "conv2d" -> {
                var sh = inputs.shape();
                int n = dim(inputs, "N"), c = dim(inputs, "C"), h = dim(inputs, "H"), w = dim(inputs, "W");
                int ko = dim(inputs, "K"), r = dim(inputs, "R"), s = dim(inputs, "S");
                int stride = dim(inputs, "STRIDE"), pad = dim(inputs, "PAD");
                int p = Conv2dKernel.outputHeight(sh), q = Conv2dKernel.outputWidth(sh);
                expectOutput(inputs, n, ko, p, q);
                FloatArray in = f32(inputs, "input", n * c * h * w), wt = f32(inputs, "weight", ko * c * r * s);
                FloatArray out = new FloatArray(n * ko * p * q);
                TaskSpec spec = new TaskSpec(
                        List.of(in, wt),
                        out,
                        (tg, t) -> tg.task(
                                t, TornadoKernels::conv2d, in, wt, out, n, c, h, w, ko, r, s, stride, pad, p, q),
                        null);
                yield new TornadoPrepared(g, "output", inputs.outputDims(), spec, dev);
            }
            case "attention", "attention-causal" -> {
                int b = dim(inputs, "B"), h = dim(inputs, "H"), l = dim(inputs, "L"), d = dim(inputs, "D");
                expectOutput(inputs, b, h, l, d);
                int len = b * h * l * d;
                FloatArray qa = f32(inputs, "Q", len), ka = f32(inputs, "K", len), va = f32(inputs, "V", len);
                FloatArray o = new FloatArray(len);
                float scale = (float) inputs.scalar("scale");
                int causal = kernel.id().equals("attention-causal") ? 1 : 0;
                int rows = b * h * l;
                TaskSpec spec = new TaskSpec(
                        List.of(qa, ka, va),
                        o,
                        (tg, t) -> tg.task(t, TornadoKernels::attention, qa, ka, va, o, rows, l, d, scale, causal),
                        null);
                yield new TornadoPrepared(g, "O", inputs.outputDims(), spec, dev);
            }
            default -> throw new IllegalStateException("unreachable: " + variant);
        };
    }

    /** The null workload: {@code run()} does nothing, the output is the input (no TornadoVM call at all). */
    private record NoopPrepared(Tensor x) implements PreparedKernel {
        @Override
        public void run() {}

        @Override
        public Tensor output() {
            return new Tensor("Y", x.type(), x.dims(), x.f32().clone());
        }
    }

    /** The host input as a TornadoVM byte array (int8 values, or packed int4 pairs), copied once. */
    private static ByteArray i8(KernelInputs in, String name, int length) throws BackendException {
        Tensor t = in.tensor(name);
        byte[] bytes = t.bytes();
        if (bytes.length != length) {
            throw new BackendException("input " + name + " must hold " + length + " bytes, has " + bytes.length);
        }
        return ByteArray.fromArray(bytes);
    }

    /** Row-wise kernels as a work-group per row with local-memory reductions ({@value #ROW_GROUPS_PROPERTY}). */
    static final String ROW_GROUPS_PROPERTY = "joulebench.tornadovm.rowGroups";

    private static boolean rowGroups() {
        return Boolean.getBoolean(ROW_GROUPS_PROPERTY);
    }

    /** One work-group of {@link TornadoKernels#ROW_GROUP} work-items per row. */
    private static WorkerGrid rowGrid(int rows) {
        WorkerGrid1D wg = new WorkerGrid1D(rows * TornadoKernels.ROW_GROUP);
        wg.setLocalWork(TornadoKernels.ROW_GROUP, 1, 1);
        return wg;
    }

    private static int roundUp(int v) {
        return (v + TornadoKernels.TILE - 1) / TornadoKernels.TILE * TornadoKernels.TILE;
    }

    private static int dim(KernelInputs in, String name) throws BackendException {
        Integer v = in.shape().dims().get(name);
        if (v == null) {
            throw new BackendException("shape " + in.shape() + " has no dimension " + name);
        }
        return v;
    }

    private static void expectOutput(KernelInputs in, int... dims) throws BackendException {
        expectOutput(in, ElementType.F32, dims);
    }

    private static void expectOutput(KernelInputs in, ElementType type, int... dims) throws BackendException {
        if (in.outputType() != type || !Arrays.equals(in.outputDims(), dims)) {
            throw new BackendException("expected an " + type + " output " + Arrays.toString(dims)
                    + ", the inputs ask for " + in.outputType() + " " + Arrays.toString(in.outputDims()));
        }
    }

    /** The host input as a TornadoVM off-heap array (copied once, at prepare). */
    private static FloatArray f32(KernelInputs in, String name, int length) throws BackendException {
        Tensor t = in.tensor(name);
        if (t.type() != ElementType.F32 || t.elementCount() != length) {
            throw new BackendException("input " + name + " must be F32 with " + length + " elements, is " + t.type()
                    + " " + Arrays.toString(t.dims()));
        }
        return FloatArray.fromArray(t.f32());
    }

    /**
     * Refuses further prepares. TornadoVM's runtime (and its bounded daemon compile pool) is one per JVM and
     * outlives the backend; each prepared kernel frees its own device memory on close.
     */
    @Override
    public void close() {
        closed = true;
    }
}
