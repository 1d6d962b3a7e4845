package org.joulebench.backend.cuda;

import java.util.List;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelInputs;

/**
 * One of our CUDA kernels: where its PTX is, the entry point, the order of its pointer arguments (the
 * output first, then the named input tensors), its scalar arguments and its launch geometry for a shape.
 *
 * @param kernelId the catalogue id
 * @param dtype the precision variant
 * @param ptxName the PTX file under {@code org/joulebench/backend/cuda/ptx/}, without {@code .ptx}
 * @param function the {@code extern "C"} entry point
 * @param inputNames the input tensors copied to the device and passed after the output pointer, in order
 * @param passThrough the null workload: the inputs are copied to the device but not passed, there is no
 *     output buffer, and the output is the first input read back
 * @param scalars the scalar arguments after the pointers
 * @param geometry the launch geometry for given inputs
 * @param implementationId the implementation it belongs to ({@code ours}, or {@code ours-wmma} for the first
 *     tensor-core GEMM kept as a fallback)
 * @param minimumTarget the oldest architecture (75 = sm_75) whose PTX has the entry
 */
public record CudaKernelSpec(
        String kernelId,
        DType dtype,
        String ptxName,
        String function,
        List<String> inputNames,
        boolean passThrough,
        ScalarArgs scalars,
        Geometry geometry,
        String implementationId,
        int minimumTarget) {

    /** Computes the scalar arguments (as boxed Integer, Long or Float, in order) from the inputs. */
    @FunctionalInterface
    public interface ScalarArgs {
        List<Number> of(KernelInputs inputs);
    }

    /** Computes the launch geometry from the inputs. */
    @FunctionalInterface
    public interface Geometry {
        LaunchGeometry of(KernelInputs inputs);
    }

    public CudaKernelSpec {
        inputNames = List.copyOf(inputNames);
    }

    /**
     * One of {@code ours}, on every target whose hardware has what it needs: bf16 tensor cores come with sm_80
     * (Ampere), everything else with Turing.
     */
    public CudaKernelSpec(
            String kernelId,
            DType dtype,
            String ptxName,
            String function,
            List<String> inputNames,
            boolean passThrough,
            ScalarArgs scalars,
            Geometry geometry) {
        this(
                kernelId,
                dtype,
                ptxName,
                function,
                inputNames,
                passThrough,
                scalars,
                geometry,
                CudaBackendProvider.OURS,
                dtype == DType.BF16 ? 80 : PtxTargets.TARGETS.getFirst());
    }

    /** This spec for another implementation and minimum architecture (the same entry point and layout). */
    CudaKernelSpec as(String implementation, int minimum) {
        return new CudaKernelSpec(
                kernelId,
                dtype,
                ptxName,
                function,
                inputNames,
                passThrough,
                scalars,
                geometry,
                implementation,
                minimum);
    }

    /** Resource path of the PTX for a target architecture (75 for sm_75) on the class path. */
    public String ptxResource(int target) {
        return PtxTargets.resource(target, ptxName);
    }

    /** What the architectures before {@link #minimumTarget()} lack, for the refusal. */
    String minimumReason() {
        return dtype == DType.BF16 ? "bf16 tensor cores" : "cp.async and mma.sync m16n8k16";
    }
}
