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
    /** gemm through the local-memory tiled KernelContext kernel (the default is the @Parallel one). */
    static final String TILED_GEMM_PROPERTY = "joulebench.tornadovm.tiledGemm";

    static final Set<KernelVariant> SUPPORTED = Set.of(
            new KernelVariant("triad", DType.FP32),
            new KernelVariant("gelu", DType.FP32),
            new KernelVariant("silu", DType.FP32),
            new KernelVariant("gemm", DType.FP32),
            new KernelVariant("softmax", DType.FP32),
            new KernelVariant("gemv", DType.FP32),
            new KernelVariant("layernorm", DType.FP32),
            new KernelVariant("rmsnorm", DType.FP32));

    static Implementation on(DeviceInfo device) {
        return new Implementation(
                ID,
                ImplementationKind.PORTABLE,
                "joulebench's kernels in TornadoVM's Java style, compiled by TornadoVM for "
                        + device.properties().getOrDefault("backend", "the device")
                        + "; fp32 only (fp16/bf16/int8/int4 not written for TornadoVM yet; PoCL's CPU device has"
                        + " no cl_khr_fp16)",
                Availability.yes("TornadoVM " + device.driver()),
                SUPPORTED);
    }
}
