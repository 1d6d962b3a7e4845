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
 */
public record CudaKernelSpec(
        String kernelId,
        DType dtype,
        String ptxName,
        String function,
        List<String> inputNames,
        boolean passThrough,
        ScalarArgs scalars,
        Geometry geometry) {

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

    /** Resource path of the PTX for a target architecture (75 for sm_75) on the class path. */
    public String ptxResource(int target) {
        return PtxTargets.resource(target, ptxName);
    }

    /** The oldest architecture with what the kernel needs: bf16 tensor cores come with sm_80 (Ampere). */
    public int minimumTarget() {
        return dtype == DType.BF16 ? 80 : PtxTargets.TARGETS.getFirst();
    }
}
