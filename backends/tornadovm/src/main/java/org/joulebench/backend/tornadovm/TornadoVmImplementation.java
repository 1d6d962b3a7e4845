package org.joulebench.backend.tornadovm;

import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * What the TornadoVM backend implements on a device. Free of TornadoVM classes: the provider answers from
 * it in the parent JVM, which has no TornadoVM on its class path.
 */
final class TornadoVmImplementation {
    private TornadoVmImplementation() {}

    static final String ID = "tornadovm";
    /** gemm through the local-memory tiled KernelContext kernel (the {@link #ID} one is @Parallel). */
    static final String TILED_ID = "tornadovm-tiled";

    static final Set<KernelVariant> TILED_SUPPORTED = Set.of(new KernelVariant("gemm", DType.FP32));

    static final Set<KernelVariant> SUPPORTED = Set.of(
            new KernelVariant("triad", DType.FP32),
            new KernelVariant("gelu", DType.FP32),
            new KernelVariant("silu", DType.FP32),
            new KernelVariant("gemm", DType.FP32),
            new KernelVariant("softmax", DType.FP32),
            new KernelVariant("gemv", DType.FP32),
            new KernelVariant("layernorm", DType.FP32),
            new KernelVariant("rmsnorm", DType.FP32),
            new KernelVariant("noop", DType.FP32),
            new KernelVariant("gemm", DType.INT8),
            new KernelVariant("qgemv", DType.INT8),
            new KernelVariant("qgemv", DType.INT4),
            new KernelVariant("conv2d", DType.FP32),
            new KernelVariant("attention", DType.FP32),
            new KernelVariant("attention-causal", DType.FP32));

    /** Why gemm fp16/bf16 are not offered (the reason a refusal quotes). */
    static final String UNSUPPORTED = "no gemm fp16: TornadoVM's HalfFloatArray compiles to OpenCL half, which needs"
            + " cl_khr_fp16, and the PoCL CPU device it was written on has none (clinfo: half n/a), so it could not"
            + " be verified; no gemm bf16: TornadoVM 5.2.1 compiles BFloat16Array for its CUDA backend only (its own"
            + " TestBFloat16 skips OpenCL, PTX and SPIR-V)";

    /** Both implementations: the @Parallel catalogue, then the tiled gemm. */
    static java.util.List<Implementation> all(DeviceInfo device) {
        return java.util.List.of(on(device), tiled(device));
    }

    static Implementation tiled(DeviceInfo device) {
        return new Implementation(
                TILED_ID,
                ImplementationKind.PORTABLE,
                "gemm fp32 with 16x16" // TornadoKernels.TILE, written out: no TornadoVM class in the parent JVM
                        + " tiles of A and B staged in local memory (TornadoVM KernelContext, barriers), compiled by"
                        + " TornadoVM for " + device.properties().getOrDefault("backend", "the device"),
                Availability.yes("TornadoVM " + device.driver()),
                TILED_SUPPORTED);
    }

    static Implementation on(DeviceInfo device) {
        return new Implementation(
                ID,
                ImplementationKind.PORTABLE,
                "joulebench's kernels in TornadoVM's Java style, compiled by TornadoVM for "
                        + device.properties().getOrDefault("backend", "the device")
                        + "; " + UNSUPPORTED,
                Availability.yes("TornadoVM " + device.driver()),
                SUPPORTED);
    }
}
