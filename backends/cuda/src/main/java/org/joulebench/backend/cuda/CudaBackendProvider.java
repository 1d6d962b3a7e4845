package org.joulebench.backend.cuda;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * NVIDIA GPUs through CUDA: our CUDA C kernels (committed PTX) launched with JCuda's driver API, and cuBLAS
 * beside them. Everything but {@link #create()} reads files only ({@code /proc/driver/nvidia}, library
 * folders, the class path), so listing and planning work on machines with no GPU and load no native code.
 */
public final class CudaBackendProvider implements BackendProvider {
    public static final String ID = "cuda";
    /** Our kernels. */
    public static final String OURS = "ours";
    /**
     * Our first tensor-core GEMM (wmma, 64x64 tiles), kept beside {@code ours}' tuned mma.sync one on sm_80+ as a
     * fallback: a tuned kernel that fails verification on a new chip still leaves a verified row of ours.
     */
    public static final String OURS_WMMA = "ours-wmma";
    /** NVIDIA's cuBLAS. */
    public static final String CUBLAS = "cublas";
    /** Every implementation, in the order listed. */
    static final List<String> IMPLEMENTATION_IDS = List.of(OURS, CUBLAS, OURS_WMMA);
    /** The JCuda release whose driver-API natives we use. */
    static final String JCUDA_VERSION = "12.6.0";

    /** What {@code list} and the availability say about the stand-in driver. */
    static final String STAND_IN_NOTE = "STAND-IN driver: kernels execute on the CPU, nothing timed is a measurement"
            + " and check rejects its records";

    private static final Pattern DRIVER_MAJOR = Pattern.compile("([0-9]+)\\..*");

    private final CudaEnvironment env;

    /** The real machine (what {@link java.util.ServiceLoader} makes). */
    public CudaBackendProvider() {
        this(CudaEnvironment.fromSystem());
    }

    public CudaBackendProvider(CudaEnvironment env) {
        this.env = env;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "NVIDIA GPUs: our CUDA C kernels (PTX for " + PtxInfo.arch() + ") through JCuda's driver API, cuBLAS"
                + " beside them";
    }

    @Override
    public Availability availability() {
        Optional<java.nio.file.Path> libcuda = LibraryFinder.findExact(
                "libcuda.so.1",
                java.util.stream.Stream.concat(env.ldLibraryPath().stream(), env.systemLibraryDirs().stream())
                        .toList());
        if (libcuda.isEmpty()) {
            return Availability.no("no NVIDIA driver: libcuda.so.1 not found in LD_LIBRARY_PATH or "
                    + env.systemLibraryDirs().size() + " system library folders");
        }
        NvidiaProcfs procfs = new NvidiaProcfs(env.procNvidia());
        if (!procfs.present()) {
            return Availability.no("NVIDIA kernel module not loaded: no " + env.procNvidia());
        }
        Optional<String> driver = procfs.driverVersion();
        if (driver.isPresent()) {
            Matcher m = DRIVER_MAJOR.matcher(driver.get());
            PtxTargets.Isa oldest = PtxTargets.oldestIsa();
            if (m.matches() && Integer.parseInt(m.group(1)) < oldest.driverBranch()) {
                return Availability.no("NVIDIA driver " + driver.get() + " is too old: our oldest PTX (ISA "
                        + oldest.text() + ") needs CUDA " + oldest.cuda() + ", driver " + oldest.driverBranch()
                        + " or newer");
            }
        }
        if (procfs.gpus().isEmpty()) {
            return Availability.no("no NVIDIA GPU: " + env.procNvidia().resolve("gpus") + " lists none");
        }
        VisibleDevices.Selection selection = selection(procfs);
        if (selection.refusal().isPresent()) {
            return Availability.no(selection.refusal().get());
        }
        List<DeviceInfo> devices = procfs.describe(selection.visible());
        if (devices.isEmpty()) {
            return Availability.no("CUDA_VISIBLE_DEVICES=" + env.cudaVisibleDevices() + " hides every GPU ("
                    + procfs.gpus().size() + " installed)");
        }
        String natives = nativesResource();
        if (CudaBackendProvider.class.getResource(natives) == null) {
            return Availability.no("JCuda " + JCUDA_VERSION + " has no driver-API natives for " + env.jcudaPlatform()
                    + " on the class path (" + natives + ")");
        }
        boolean standIn = devices.stream().anyMatch(d -> d.properties().containsKey(NvidiaProcfs.STAND_IN_PROPERTY));
        return Availability.yes((standIn ? STAND_IN_NOTE + "; " : "") + devices.size() + " GPU(s), driver "
                + driver.orElse("of unknown version") + ", " + libcuda.get());
    }

    /** The class-path resource of JCuda's driver-API native library for this platform. */
    String nativesResource() {
        return "/lib/libJCudaDriver-" + JCUDA_VERSION + "-" + env.jcudaPlatform() + ".so";
    }

    /** The GPUs this process's CUDA will see, in its ordinal order (CUDA_VISIBLE_DEVICES, CUDA_DEVICE_ORDER). */
    @Override
    public List<DeviceInfo> devices() {
        NvidiaProcfs procfs = new NvidiaProcfs(env.procNvidia());
        return procfs.describe(selection(procfs).visible());
    }

    private VisibleDevices.Selection selection(NvidiaProcfs procfs) {
        return VisibleDevices.select(procfs.gpus(), env.cudaVisibleDevices(), env.cudaDeviceOrder());
    }

    CudaEnvironment environment() {
        return env;
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        Availability here = availability();
        OptionalInt sm = computeCapability(device);
        int arch = sm.orElse(PtxTargets.TARGETS.getLast());
        Availability oursHere = here;
        if (here.available()
                && sm.isPresent()
                && PtxTargets.targetFor(sm.getAsInt()).isEmpty()) {
            oursHere = Availability.no(device.name() + " is sm_" + sm.getAsInt() + ": " + PtxTargets.VOLTA_REASON);
        }
        Implementation ours = new Implementation(
                OURS,
                ImplementationKind.PORTABLE,
                "our CUDA C kernels, PTX for " + PtxInfo.arch() + " (" + PtxInfo.nvccVersion() + "); gemm fp16/bf16"
                        + " on sm_80+: mma.sync m16n8k16, ldmatrix, 3-stage cp.async, 128x128 tiles",
                oursHere,
                CudaKernels.supported(OURS, arch));
        Availability wmmaHere = oursHere;
        if (oursHere.available() && arch < CudaKernels.GEMM_MMA_MINIMUM_TARGET) {
            wmmaHere = Availability.no(device.name() + " is sm_" + arch + ": ours' fp16 GEMM is this wmma kernel"
                    + " there (the tuned one needs sm_80's cp.async and bf16 mma.sync)");
        }
        Implementation wmma = new Implementation(
                OURS_WMMA,
                ImplementationKind.PORTABLE,
                "our first CUDA tensor-core GEMM (wmma 16x16x16, 64x64 tiles, no cp.async), kept as a fallback"
                        + " beside ours' tuned one",
                wmmaHere,
                CudaKernels.supported(OURS_WMMA, arch));
        Set<KernelVariant> cublasPairs = new java.util.LinkedHashSet<>();
        cublasPairs.add(new KernelVariant("gemv", DType.FP32));
        cublasPairs.add(new KernelVariant("gemm", DType.FP32));
        cublasPairs.add(new KernelVariant("gemm", DType.FP16));
        if (arch >= 80) {
            cublasPairs.add(new KernelVariant("gemm", DType.BF16));
        }
        CublasLocator locator = new CublasLocator(env);
        Optional<CublasLocator.Found> found = locator.find();
        // int8 GEMM is cublasLtMatmul (int32 accumulation): listed where libcublasLt.so.N is beside libcublas
        boolean lt = found.flatMap(f -> CublasLt.besides(f.library())).isPresent();
        if (lt) {
            cublasPairs.add(new KernelVariant("gemm", DType.INT8));
        }
        String description = found.map(f -> "cuBLAS " + f.majorVersion() + " (" + f.library() + ", via " + f.foundVia()
                        + "): cublasGemmEx with fp32 accumulation (CUBLAS_COMPUTE_32F, no TF32), cublasSgemv"
                        + (lt
                                ? ", cublasLtMatmul int8 (CUBLAS_COMPUTE_32I)"
                                : "; no gemm/int8: " + CublasLt.missingReason(f.library())))
                .orElse("cuBLAS (not found)");
        Availability cublas;
        if (!here.available()) {
            cublas = here;
        } else if (found.isEmpty()) {
            cublas = Availability.no(locator.notFoundReason());
        } else if (sm.isPresent() && PtxTargets.targetFor(sm.getAsInt()).isEmpty()) {
            cublas = Availability.no(device.name() + " is sm_" + sm.getAsInt() + ": " + PtxTargets.VOLTA_REASON);
        } else {
            cublas = Availability.yes(
                    "found " + found.get().library() + " (via " + found.get().foundVia() + ")");
        }
        return List.of(
                ours,
                new Implementation(CUBLAS, ImplementationKind.VENDOR_LIBRARY, description, cublas, cublasPairs),
                wmma);
    }

    /**
     * The device's compute capability (major*10+minor): what the driver said where the backend opened it, else
     * known from the model name for the pre-Ampere GPUs the listing must treat differently; empty otherwise.
     */
    static OptionalInt computeCapability(DeviceInfo device) {
        String cc = device.properties().get("computeCapability");
        if (cc != null && cc.matches("[0-9]+\\.[0-9]")) {
            return OptionalInt.of(Integer.parseInt(cc.replace(".", "")));
        }
        return PtxTargets.computeCapabilityOfModel(device.name());
    }

    @Override
    public Backend create() throws BackendException {
        Availability a = availability();
        if (!a.available()) {
            throw new BackendException("cuda is not available: " + a.reason());
        }
        return CudaBackend.open(this);
    }
}
