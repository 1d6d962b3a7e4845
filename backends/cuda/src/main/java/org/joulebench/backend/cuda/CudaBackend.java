package org.joulebench.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceGetPCIBusId;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.HardwareIds;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * The opened CUDA backend (inside the fork): the driver initialised through JCuda, one retained primary
 * context per device, and per prepared kernel a module, stream, two events and the device buffers, each
 * registered in a {@link ResourceStack} as it is made so that close (or a failure half-way) frees them all.
 */
final class CudaBackend implements Backend {
    private final CudaBackendProvider provider;
    private final List<DeviceInfo> devices;
    private final Map<String, CUcontext> contexts = new LinkedHashMap<>();
    private final ResourceStack resources = new ResourceStack();
    // device bytes held by this backend's prepared kernels (cuMemAlloc minus cuMemFree), for the leak check
    private final AtomicLong deviceBytes = new AtomicLong();
    private boolean closed;
    private int driverVersion;
    // kernels still open: the backend closes them before it releases their context
    private final java.util.Set<CudaPreparedKernel> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private CudaBackend(CudaBackendProvider provider, List<DeviceInfo> devices) {
        this.provider = provider;
        this.devices = devices;
    }

    /** Initialises the driver and lists the devices with what only the driver knows. */
    static CudaBackend open(CudaBackendProvider provider) throws BackendException {
        JCudaNatives.load(provider.environment());
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] version = new int[1];
            cuDriverGetVersion(version);
            String driver = "CUDA " + cudaText(version[0]);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                throw new BackendException("the CUDA driver lists no device");
            }
            Map<String, DeviceInfo> cheap = new LinkedHashMap<>();
            provider.devices().forEach(d -> cheap.put(d.hardwareId(), d));
            List<DeviceInfo> list = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                list.add(describe(i, driver, cheap));
            }
            // the provider's order (CUDA's ordinals as CUDA_VISIBLE_DEVICES/CUDA_DEVICE_ORDER give them)
            List<String> order = List.copyOf(cheap.keySet());
            list.sort(java.util.Comparator.comparingInt(d -> {
                int i = order.indexOf(d.hardwareId());
                return i < 0 ? Integer.MAX_VALUE : i;
            }));
            CudaBackend backend = new CudaBackend(provider, List.copyOf(list));
            backend.driverVersion = version[0];
            return backend;
        } catch (CudaException | LinkageError e) {
            throw new BackendException("CUDA could not be opened: " + e.getMessage(), e);
        }
    }

    private static DeviceInfo describe(int ordinal, String driver, Map<String, DeviceInfo> cheap) {
        CUdevice dev = new CUdevice();
        cuDeviceGet(dev, ordinal);
        byte[] nameBytes = new byte[256];
        cuDeviceGetName(nameBytes, nameBytes.length, dev);
        String name = new String(nameBytes, StandardCharsets.US_ASCII)
                .replace("\0", "")
                .strip();
        String[] bus = new String[1];
        cuDeviceGetPCIBusId(bus, 64, dev);
        String busId = HardwareIds.normalize(bus[0]);
        long[] mem = new long[1];
        cuDeviceTotalMem(mem, dev);
        Map<String, String> props = new LinkedHashMap<>();
        DeviceInfo fromProc = cheap.get(busId);
        if (fromProc != null) {
            props.putAll(fromProc.properties());
        }
        props.put(DeviceInfo.PCI_BUS_ID, busId);
        props.put(
                "computeCapability",
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) + "."
                        + attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR));
        props.put(
                "multiprocessors",
                String.valueOf(attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)));
        props.put("memoryBytes", String.valueOf(mem[0]));
        props.put("clockKHz", String.valueOf(attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE)));
        props.put(
                "memoryClockKHz",
                String.valueOf(attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE)));
        props.put("cudaOrdinal", String.valueOf(ordinal));
        props.put("l2CacheBytes", String.valueOf(attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE)));
        int sm = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) * 10
                + attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        PtxTargets.targetFor(sm)
                .ifPresentOrElse(
                        t -> {
                            props.put("ptxTarget", PtxTargets.name(t));
                            props.put("ptxNeeds", PtxTargets.needs(t));
                        },
                        () -> props.put("ptxTarget", "none: " + PtxTargets.VOLTA_REASON));
        if (NvidiaProcfs.isStandIn(name) || (fromProc != null && NvidiaProcfs.isStandIn(fromProc.name()))) {
            props.put(NvidiaProcfs.STAND_IN_PROPERTY, "true");
        }
        String kernelDriver = fromProc != null && fromProc.driver() != null ? fromProc.driver() + ", " : "";
        String id = fromProc != null ? fromProc.id() : "cuda:" + ordinal;
        return new DeviceInfo(id, name, DeviceKind.GPU, busId, kernelDriver + driver, props);
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] v = new int[1];
        cuDeviceGetAttribute(v, attribute, dev);
        return v[0];
    }

    @Override
    public String id() {
        return CudaBackendProvider.ID;
    }

    @Override
    public List<DeviceInfo> devices() {
        return devices;
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return provider.implementations(device);
    }

    @Override
    public CudaPreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException {
        if (closed) {
            throw new BackendException("cuda backend is closed");
        }
        boolean cublas = CudaBackendProvider.CUBLAS.equals(implementationId);
        Implementation impl = implementations(device).stream()
                .filter(i -> i.id().equals(implementationId))
                .findFirst()
                .orElseThrow(() -> new BackendException("cuda has no implementation '" + implementationId + "'; it has "
                        + String.join(", ", CudaBackendProvider.IMPLEMENTATION_IDS)));
        if (!impl.availability().available()) {
            throw new BackendException("cuda implementation '" + implementationId + "' cannot run: "
                    + impl.availability().reason());
        }
        // cuBLAS takes the layout (tensors, order, dims) of ours' kernels, which every candidate shares
        List<CudaKernelSpec> candidates = CudaKernels.candidates(
                cublas ? CudaBackendProvider.OURS : implementationId, kernel.id(), inputs.dtype());
        if (candidates.isEmpty() || cublas && !impl.supports(kernel.id(), inputs.dtype())) {
            throw new BackendException("cuda/" + implementationId + " does not implement " + kernel.id() + "/"
                    + inputs.dtype().id() + "; it implements " + impl.supportedText());
        }
        CudaLayout.check(candidates.getFirst(), inputs);
        DeviceInfo opened = opened(device);
        CudaKernelSpec spec = chosen(opened, candidates);
        int target = target(opened, spec);
        byte[] ptx = null;
        if (!cublas) {
            ptx = ptx(spec, target);
            int isa = PtxTargets.isaOf(new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII));
            if (isa > PtxTargets.isaOfDriver(driverVersion)) {
                throw new BackendException(opened.id() + ": the driver (CUDA " + cudaText(driverVersion)
                        + ") is too old: " + PtxTargets.needs(target));
            }
        }
        ResourceStack owned = new ResourceStack();
        try {
            CUcontext ctx = context(device);
            cuCtxSetCurrent(ctx);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
            owned.push("stream", () -> cuStreamDestroy(stream));
            CUevent start = event(owned, "start event");
            CUevent end = event(owned, "end event");
            long outputBytes = outputBytes(inputs);
            long largest = outputBytes;
            for (String name : spec.inputNames()) {
                largest = Math.max(largest, inputs.tensor(name).storageBytes());
            }
            // pinned host staging: copies from it are real DMA, queued on the kernel's stream (so ordered
            // before its launches); reused by the output's copy back
            PinnedStaging staging = pinned(owned, Math.min(largest, PinnedStaging.MAX_BYTES));
            long workingSet = outputBytes;
            for (String name : spec.inputNames()) {
                workingSet += inputs.tensor(name).storageBytes();
            }
            InputSets sets = InputSets.choose(
                    kernel.work(inputs.shape(), inputs.dtype()).headline() == HeadlineUnit.BYTE,
                    spec.passThrough(),
                    inputs.shape().size(),
                    workingSet,
                    l2Bytes(opened));
            List<List<CUdeviceptr>> inputBuffers = new ArrayList<>();
            List<CUdeviceptr> outputs = new ArrayList<>();
            for (int set = 0; set < sets.count(); set++) {
                String copy = sets.count() > 1 ? " (set " + (set + 1) + " of " + sets.count() + ")" : "";
                List<CUdeviceptr> buffers = new ArrayList<>();
                for (String name : spec.inputNames()) {
                    Tensor t = inputs.tensor(name);
                    CUdeviceptr buf = alloc(owned, "input " + name + copy, t.storageBytes());
                    staging.upload(t.data(), buf, t.storageBytes(), stream);
                    buffers.add(buf);
                }
                inputBuffers.add(buffers);
                outputs.add(spec.passThrough() ? buffers.getFirst() : alloc(owned, "output" + copy, outputBytes));
            }
            cuStreamSynchronize(stream);
            List<Runnable> launches = new ArrayList<>();
            List<BackendMetric> details = new ArrayList<>();
            List<String> prePacked = List.of();
            if (cublas) {
                CublasCall call = cublasCall(owned, spec, inputs, stream, inputBuffers, outputs, staging);
                launches.addAll(call.launches());
                details.addAll(call.details());
                prePacked = call.prePackedWeights();
            } else {
                CUmodule module = new CUmodule();
                cuModuleLoadData(module, ptx);
                owned.push("module " + spec.ptxName(), () -> cuModuleUnload(module));
                CUfunction function = new CUfunction();
                cuModuleGetFunction(function, module, spec.function());
                LaunchGeometry geometry = spec.geometry().of(inputs);
                // which of the implementation's kernels this architecture ran (ours' GEMM differs by generation)
                details.add(BackendMetric.once(
                        "block-threads",
                        "threads",
                        geometry.blockX(),
                        spec.function() + " (" + spec.ptxName() + ".ptx for " + PtxTargets.name(target) + ")"));
                List<Number> scalars = spec.scalars().of(inputs);
                for (int set = 0; set < sets.count(); set++) {
                    List<Pointer> args = new ArrayList<>();
                    if (!spec.passThrough()) {
                        args.add(Pointer.to(outputs.get(set)));
                        inputBuffers.get(set).forEach(b -> args.add(Pointer.to(b)));
                        scalars.forEach(n -> args.add(HostArrays.scalar(n)));
                    }
                    Pointer params = args.isEmpty() ? null : Pointer.to(args.toArray(Pointer[]::new));
                    launches.add(() -> JCudaQueue.launch(function, geometry, stream, params));
                }
            }
            details.add(BackendMetric.once("input-sets", "copies", sets.count(), sets.reason()));
            Rotation rotation = new Rotation(launches, outputs);
            JCudaQueue queue = new JCudaQueue(
                    ctx, stream, rotation::launch, start, end, rotation::lastOutput, outputBytes, staging);
            CudaPreparedKernel prepared = new CudaPreparedKernel(
                    kernel.id() + "/" + inputs.dtype().id() + " on " + device.id(),
                    spec.passThrough() ? spec.inputNames().getFirst() : "out",
                    queue,
                    owned,
                    inputs.outputType(),
                    inputs.outputDims());
            prepared.details(details);
            prepared.prePackedWeights(prePacked);
            open.add(prepared);
            prepared.onClose(() -> open.remove(prepared));
            return prepared;
        } catch (CudaException | IllegalArgumentException | IllegalStateException | BackendException e) {
            BackendException failure =
                    new BackendException("cuda could not prepare " + kernel.id() + ": " + e.getMessage(), e);
            try {
                owned.close();
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
    }

    /** The launches of a prepared kernel, one per input set, taken in turn; the output is the last one's. */
    private static final class Rotation {
        private final List<Runnable> launches;
        private final List<CUdeviceptr> outputs;
        private int next;
        private int last;

        Rotation(List<Runnable> launches, List<CUdeviceptr> outputs) {
            this.launches = List.copyOf(launches);
            this.outputs = List.copyOf(outputs);
        }

        void launch() {
            last = next;
            launches.get(next).run();
            next = (next + 1) % launches.size();
        }

        CUdeviceptr lastOutput() {
            return outputs.get(last);
        }
    }

    /** The device's L2 size in bytes from the opened listing (0: unknown). */
    static long l2Bytes(DeviceInfo device) {
        String v = device.properties().get("l2CacheBytes");
        return v == null || !v.matches("[0-9]+") ? 0 : Long.parseLong(v);
    }

    private record CublasCall(List<Runnable> launches, List<BackendMetric> details, List<String> prePackedWeights) {
        CublasCall(List<Runnable> launches, List<BackendMetric> details) {
            this(launches, details, List.of());
        }
    }

    /**
     * cuBLAS on the kernel's stream: a handle with our workspace (size known, recorded), the default math mode;
     * the launch is one cublasGemmEx (fp32 compute, no TF32) or cublasSgemv. The library's version, math mode
     * and workspace go into the record once per result as backend metrics.
     */
    private CublasCall cublasCall(
            ResourceStack owned,
            CudaKernelSpec spec,
            KernelInputs inputs,
            CUstream stream,
            List<List<CUdeviceptr>> inputSets,
            List<CUdeviceptr> outputs,
            PinnedStaging staging)
            throws BackendException {
        java.nio.file.Path library = new CublasLocator(provider.environment())
                .find()
                .orElseThrow(() -> new BackendException(
                        "cuBLAS is gone: " + new CublasLocator(provider.environment()).notFoundReason()))
                .library();
        CUdeviceptr workspace = alloc(owned, "cuBLAS workspace", Cublas.WORKSPACE_BYTES);
        if (spec.dtype() == org.joulebench.kernels.DType.INT8) {
            if (inputSets.size() != 1) {
                throw new IllegalStateException("int8 GEMM is compute-bound: one input set");
            }
            return cublasLtInt8(
                    owned,
                    library,
                    inputs,
                    stream,
                    inputSets.getFirst().get(0),
                    outputs.getFirst(),
                    workspace,
                    staging);
        }
        Cublas cublas = Cublas.load(library);
        java.lang.foreign.MemorySegment handle =
                cublas.open(NativeAddress.of(stream), NativeAddress.of(workspace), Cublas.WORKSPACE_BYTES);
        owned.push("cuBLAS handle", () -> cublas.close(handle));
        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
        owned.push("cuBLAS scalars", arena::close);
        java.lang.foreign.MemorySegment one = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, 1f);
        java.lang.foreign.MemorySegment zero = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0f);
        List<Runnable> launches = new ArrayList<>();
        for (int set = 0; set < inputSets.size(); set++) {
            List<CUdeviceptr> in = inputSets.get(set);
            long a = NativeAddress.of(in.get(0)),
                    b = NativeAddress.of(in.get(1)),
                    c = NativeAddress.of(outputs.get(set));
            if (spec.kernelId().equals("gemv")) {
                int m = inputs.shape().dim("M"), k = inputs.shape().dim("K");
                launches.add(() -> cublas.gemv(handle, m, k, a, b, c, one, zero));
            } else {
                int m = inputs.shape().dim("M"),
                        n = inputs.shape().dim("N"),
                        k = inputs.shape().dim("K");
                int type = switch (spec.dtype()) {
                    case FP32 -> Cublas.R_32F;
                    case FP16 -> Cublas.R_16F;
                    case BF16 -> Cublas.R_16BF;
                    default ->
                        throw new BackendException("cuda/cublas does not implement gemm/"
                                + spec.dtype().id());
                };
                launches.add(() -> cublas.gemm(handle, type, m, n, k, a, b, c, one, zero));
            }
        }
        String version = cublas.version();
        int mode = cublas.mathMode(handle);
        String source = "cuBLAS " + version + " (" + library + ")";
        List<BackendMetric> details = List.of(
                BackendMetric.once("cublas-version", "major*10000+minor*100+patch", versionNumber(version), source),
                BackendMetric.once(
                        "cublas-math-mode",
                        "cublasMath_t",
                        mode,
                        "cublasGetMathMode: "
                                + (mode == Cublas.DEFAULT_MATH ? "CUBLAS_DEFAULT_MATH" : "mode " + mode)
                                + "; GEMM compute CUBLAS_COMPUTE_32F (no TF32), algorithm CUBLAS_GEMM_DEFAULT"),
                BackendMetric.once("cublas-workspace", "bytes", Cublas.WORKSPACE_BYTES, "cublasSetWorkspace_v2"));
        return new CublasCall(launches, details);
    }

    /**
     * int8 GEMM through cublasLtMatmul (CUBLAS_COMPUTE_32I, int32 output): B, a weight, goes up transposed once
     * here (the "TN" form the int8 tensor-core kernels want); the heuristic's first algorithm for this shape, or
     * cuBLASLt's refusal as the reason. Recorded once: the library's version, the compute type and the workspace.
     */
    private CublasCall cublasLtInt8(
            ResourceStack owned,
            java.nio.file.Path cublasLibrary,
            KernelInputs inputs,
            CUstream stream,
            CUdeviceptr a,
            CUdeviceptr output,
            CUdeviceptr workspace,
            PinnedStaging staging)
            throws BackendException {
        java.nio.file.Path ltLibrary = CublasLt.besides(cublasLibrary)
                .orElseThrow(() -> new BackendException("cuBLASLt (int8 GEMM) is not beside " + cublasLibrary + ": "
                        + CublasLt.missingReason(cublasLibrary)));
        CublasLt lt = CublasLt.load(ltLibrary);
        int m = inputs.shape().dim("M"),
                n = inputs.shape().dim("N"),
                k = inputs.shape().dim("K");
        byte[] b = (byte[]) inputs.tensor("B").data();
        byte[] bt = new byte[b.length];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                bt[c * k + r] = b[r * n + c];
            }
        }
        CUdeviceptr btDevice = alloc(owned, "B transposed for cuBLASLt", bt.length);
        staging.upload(bt, btDevice, bt.length, stream);
        cuStreamSynchronize(stream);
        CublasLt.Int8Gemm gemm = lt.prepareInt8(m, n, k, Cublas.WORKSPACE_BYTES);
        owned.push("cuBLASLt int8 GEMM", () -> lt.close(gemm));
        java.lang.foreign.MemorySegment one = gemm.arena().allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, 1);
        java.lang.foreign.MemorySegment zero = gemm.arena().allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, 0);
        long aAddress = NativeAddress.of(a), btAddress = NativeAddress.of(btDevice), c = NativeAddress.of(output);
        long ws = NativeAddress.of(workspace), streamAddress = NativeAddress.of(stream);
        Runnable launch =
                () -> lt.matmul(gemm, one, zero, aAddress, btAddress, c, ws, Cublas.WORKSPACE_BYTES, streamAddress);
        long version = lt.version();
        String versionText = version / 10000 + "." + (version / 100) % 100 + "." + version % 100;
        List<BackendMetric> details = List.of(
                BackendMetric.once(
                        "cublas-version",
                        "major*10000+minor*100+patch",
                        version,
                        "cuBLASLt " + versionText + " (" + ltLibrary + "), cublasLtGetVersion"),
                BackendMetric.once(
                        "cublas-compute-type",
                        "cublasComputeType_t",
                        CublasLt.COMPUTE_32I,
                        "cublasLtMatmul CUBLAS_COMPUTE_32I, scale CUDA_R_32I, int8 A and B, int32 C; TN (B transposed"
                                + " once at prepare); cublasLtMatmulAlgoGetHeuristic's first algorithm (needs "
                                + gemm.algoWorkspaceBytes() + " B of workspace); cuBLASLt has no math mode"),
                BackendMetric.once(
                        "cublas-workspace",
                        "bytes",
                        Cublas.WORKSPACE_BYTES,
                        "CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES and cublasLtMatmul's workspace"));
        return new CublasCall(List.of(launch), details, List.of("B"));
    }

    /**
     * Calibration's copy roof: cuMemcpyDtoDAsync of {@code bytes} between two device buffers on a stream of its
     * own, timed by events around rounds of copies (each round at least ~10 ms of copying), the best round;
     * 2 x bytes moved per copy (one read, one write, as the kernels' working sets count them).
     */
    @Override
    public java.util.OptionalDouble copyBytesPerSecond(DeviceInfo device, long bytes, long millis)
            throws BackendException {
        if (closed) {
            throw new BackendException("cuda backend is closed");
        }
        if (bytes < 1) {
            throw new BackendException("copy size must be >= 1 byte, got " + bytes);
        }
        ResourceStack owned = new ResourceStack();
        try {
            CUcontext ctx = context(device);
            cuCtxSetCurrent(ctx);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
            owned.push("stream", () -> cuStreamDestroy(stream));
            CUevent start = event(owned, "start event");
            CUevent end = event(owned, "end event");
            CUdeviceptr src = alloc(owned, "copy source", bytes);
            CUdeviceptr dst = alloc(owned, "copy destination", bytes);
            int copies = 1;
            double best = 0;
            long deadline = System.nanoTime() + Math.max(1, millis) * 1_000_000L;
            for (int round = 0; round < 3 || System.nanoTime() < deadline; round++) {
                jcuda.driver.JCudaDriver.cuEventRecord(start, stream);
                for (int i = 0; i < copies; i++) {
                    jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync(dst, src, bytes, stream);
                }
                jcuda.driver.JCudaDriver.cuEventRecord(end, stream);
                cuStreamSynchronize(stream);
                float[] ms = new float[1];
                jcuda.driver.JCudaDriver.cuEventElapsedTime(ms, start, end);
                double seconds = Math.max(ms[0], 1e-4f) / 1e3;
                best = Math.max(best, 2.0 * bytes * copies / seconds);
                if (ms[0] < 10 && copies < 1 << 20) {
                    copies *= 2; // short rounds are dominated by the event resolution
                }
            }
            return java.util.OptionalDouble.of(best);
        } catch (CudaException | IllegalArgumentException | IllegalStateException e) {
            throw new BackendException("cuda copy of " + bytes + " B on " + device.id() + ": " + e.getMessage(), e);
        } finally {
            owned.close();
        }
    }

    static double versionNumber(String version) {
        String[] p = version.split("\\.");
        return Integer.parseInt(p[0]) * 10000 + Integer.parseInt(p[1]) * 100 + Integer.parseInt(p[2]);
    }

    static long outputBytes(KernelInputs inputs) {
        int bits = inputs.outputType().bits();
        long elements = Tensor.storageLength(inputs.outputType(), inputs.outputDims());
        return bits >= 8 ? elements * (bits / 8) : elements;
    }

    /** The opened device with the same hardware id (the planner may pass the provider's cheap listing). */
    DeviceInfo opened(DeviceInfo device) throws BackendException {
        return devices.stream()
                .filter(d -> d.hardwareId().equals(device.hardwareId()))
                .findFirst()
                .orElseThrow(() -> new BackendException("device " + device.id() + " (" + device.hardwareId()
                        + ") is not among the devices the CUDA driver lists: "
                        + devices.stream().map(DeviceInfo::hardwareId).toList()));
    }

    private CUcontext context(DeviceInfo requested) throws BackendException {
        DeviceInfo device = opened(requested);
        CUcontext existing = contexts.get(device.id());
        if (existing != null) {
            return existing;
        }
        String ordinal = device.properties().get("cudaOrdinal");
        CUdevice dev = new CUdevice();
        cuDeviceGet(dev, Integer.parseInt(ordinal));
        CUcontext ctx = new CUcontext();
        cuDevicePrimaryCtxRetain(ctx, dev);
        resources.push("primary context of " + device.id(), () -> cuDevicePrimaryCtxRelease(dev));
        contexts.put(device.id(), ctx);
        return ctx;
    }

    private static PinnedStaging pinned(ResourceStack owned, long bytes) {
        jcuda.Pointer host = new jcuda.Pointer();
        long size = Math.max(1, bytes);
        cuMemAllocHost(host, size);
        owned.push("pinned staging (" + size + " B)", () -> cuMemFreeHost(host));
        return new PinnedStaging(host, size);
    }

    private static CUevent event(ResourceStack owned, String what) {
        CUevent e = new CUevent();
        cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT);
        owned.push(what, () -> cuEventDestroy(e));
        return e;
    }

    private CUdeviceptr alloc(ResourceStack owned, String what, long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        long size = Math.max(1, bytes);
        cuMemAlloc(p, size);
        deviceBytes.addAndGet(size);
        owned.push(what + " (" + bytes + " B)", () -> {
            cuMemFree(p);
            deviceBytes.addAndGet(-size);
        });
        return p;
    }

    /** Device memory held by this backend's prepared kernels, bytes. */
    @Override
    public OptionalLong allocatedDeviceBytes() {
        return OptionalLong.of(deviceBytes.get());
    }

    /**
     * The kernel a device runs of an implementation's candidates (preferred first): the first its architecture
     * has; refused with the reason where it has none (bf16 tensor cores before sm_80).
     */
    static CudaKernelSpec chosen(DeviceInfo device, List<CudaKernelSpec> candidates) throws BackendException {
        int sm = computeCapability(device);
        if (PtxTargets.targetFor(sm).isEmpty()) {
            throw new BackendException(
                    device.id() + " (" + device.name() + ") is sm_" + sm + ": " + PtxTargets.VOLTA_REASON);
        }
        for (CudaKernelSpec c : candidates) {
            if (sm >= c.minimumTarget()) {
                return c;
            }
        }
        CudaKernelSpec least = candidates.getLast();
        throw new BackendException("cuda/" + least.implementationId() + " " + least.kernelId() + "/"
                + least.dtype().id() + " needs "
                + PtxTargets.name(least.minimumTarget()) + " or newer (" + least.minimumReason() + "); "
                + device.id() + " (" + device.name() + ") is sm_" + sm);
    }

    /**
     * The PTX target a device runs a kernel from: the newest not newer than its compute capability; refused
     * with the reason before Turing, and for a kernel the architecture lacks (bf16 tensor cores before sm_80).
     */
    static int target(DeviceInfo device, CudaKernelSpec spec) throws BackendException {
        int sm = computeCapability(device);
        int target = PtxTargets.targetFor(sm)
                .orElseThrow(() -> new BackendException(
                        device.id() + " (" + device.name() + ") is sm_" + sm + ": " + PtxTargets.VOLTA_REASON));
        if (sm < spec.minimumTarget()) {
            throw new BackendException("cuda/" + spec.implementationId() + " " + spec.kernelId() + "/"
                    + spec.dtype().id() + " needs " + PtxTargets.name(spec.minimumTarget()) + " or newer ("
                    + spec.minimumReason() + "); " + device.id() + " (" + device.name() + ") is sm_" + sm);
        }
        return target;
    }

    private static int computeCapability(DeviceInfo device) throws BackendException {
        return CudaBackendProvider.computeCapability(device)
                .orElseThrow(() -> new BackendException(device.id() + ": compute capability unknown"));
    }

    static String cudaText(int driverVersion) {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }

    /** The committed PTX text for a target, NUL-terminated as cuModuleLoadData wants it. */
    static byte[] ptx(CudaKernelSpec spec, int target) throws BackendException {
        String resource = spec.ptxResource(target);
        try (InputStream in = CudaBackend.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BackendException("PTX " + resource + " is missing from the jar");
            }
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new BackendException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the kernels still open (their buffers, modules and streams belong to the contexts released next;
     * freeing them after that would fail), then releases the contexts. A kernel closed later does nothing.
     */
    @Override
    public void close() {
        closed = true;
        RuntimeException first = null;
        for (CudaPreparedKernel k : List.copyOf(open)) {
            try {
                k.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        contexts.clear();
        try {
            resources.close();
        } catch (RuntimeException e) {
            if (first != null) {
                e.addSuppressed(first);
            }
            throw e;
        }
        if (first != null) {
            throw first;
        }
    }
}
