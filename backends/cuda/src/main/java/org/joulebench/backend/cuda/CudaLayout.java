package org.joulebench.backend.cuda;

import java.util.Arrays;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.catalogue.Conv2dKernel;
import org.joulebench.kernels.spi.BackendException;

/**
 * The tensors our kernels read and write, as kernels/LAYOUTS.md gives them for a shape: checked before anything
 * goes to the device, because a kernel indexes by the shape and a smaller tensor would be read past its end (on
 * a GPU an illegal address that also poisons the context for every later result).
 */
final class CudaLayout {
    private CudaLayout() {}

    /** The dims of the input tensor {@code name} of {@code kernelId} for a shape. */
    static int[] inputDims(String kernelId, String name, Shape s) {
        return switch (kernelId + "." + name) {
            case "noop.X", "gelu.X", "silu.X", "triad.b", "triad.c" -> new int[] {s.dim("N")};
            case "softmax.X", "layernorm.X", "rmsnorm.X" -> new int[] {s.dim("R"), s.dim("C")};
            case "layernorm.gamma", "layernorm.beta", "rmsnorm.gamma" -> new int[] {s.dim("C")};
            case "gemv.A", "gemm.A" -> new int[] {s.dim("M"), s.dim("K")};
            case "gemv.x" -> new int[] {s.dim("K")};
            case "gemm.B" -> new int[] {s.dim("K"), s.dim("N")};
            case "qgemv.W" -> new int[] {s.dim("M"), s.dim("K")};
            case "qgemv.scales" -> new int[] {s.dim("M"), (s.dim("K") + s.dim("G") - 1) / s.dim("G")};
            case "qgemv.x" -> new int[] {s.dim("K")};
            case "conv2d.input" -> new int[] {s.dim("N"), s.dim("C"), s.dim("H"), s.dim("W")};
            case "conv2d.weight" -> new int[] {s.dim("K"), s.dim("C"), s.dim("R"), s.dim("S")};
            case "attention.Q",
                    "attention.K",
                    "attention.V",
                    "attention-causal.Q",
                    "attention-causal.K",
                    "attention-causal.V" -> new int[] {s.dim("B"), s.dim("H"), s.dim("L"), s.dim("D")};
            default -> throw new IllegalArgumentException("no layout for input " + name + " of " + kernelId);
        };
    }

    /**
     * The element type of an input tensor: the dtype's, except the norms' fp32 gamma and beta and qgemv's fp32
     * scales and activations (its dtype is the weights').
     */
    static ElementType inputType(String kernelId, String name, DType dtype) {
        if (name.equals("gamma") || name.equals("beta") || (kernelId.equals("qgemv") && !name.equals("W"))) {
            return ElementType.F32;
        }
        return switch (dtype) {
            case FP32 -> ElementType.F32;
            case FP16 -> ElementType.F16;
            case BF16 -> ElementType.BF16;
            case INT8 -> ElementType.I8;
            case INT4 -> ElementType.I4_PACKED;
        };
    }

    /** The output our kernel writes: fp32 (int32 for int8 GEMM) with the dims of the layout. */
    static int[] outputDims(String kernelId, Shape s) {
        return switch (kernelId) {
            case "noop", "gelu", "silu", "triad" -> new int[] {s.dim("N")};
            case "softmax", "layernorm", "rmsnorm" -> new int[] {s.dim("R"), s.dim("C")};
            case "gemv" -> new int[] {s.dim("M")};
            case "gemm" -> new int[] {s.dim("M"), s.dim("N")};
            case "qgemv" -> new int[] {s.dim("M")};
            case "conv2d" ->
                new int[] {s.dim("N"), s.dim("K"), Conv2dKernel.outputHeight(s), Conv2dKernel.outputWidth(s)};
            case "attention", "attention-causal" -> new int[] {s.dim("B"), s.dim("H"), s.dim("L"), s.dim("D")};
            default -> throw new IllegalArgumentException("no layout for the output of " + kernelId);
        };
    }

    /**
     * Checks every dimension is at least 1, each input tensor has the layout's type and dims for the shape, and
     * the inputs ask for the output the kernel writes; the message names the tensor and both dims.
     */
    static void check(CudaKernelSpec spec, KernelInputs in) throws BackendException {
        String what = spec.kernelId() + "/" + in.dtype().id() + " " + in.shape().dimsText();
        try {
            in.shape().dims().forEach((name, v) -> {
                int min = name.equals("PAD") ? 0 : 1; // conv2d's zero padding may be 0
                if (v < min) {
                    throw new IllegalArgumentException("dimension " + name + " must be >= " + min + ", got " + v);
                }
            });
            if (spec.kernelId().equals("conv2d")) {
                // P, Q >= 1 (the catalogue's rule): the output dims below follow from it
                org.joulebench.kernels.KernelCatalogue.standard()
                        .kernel("conv2d")
                        .validate(in.shape());
            }
            if (spec.kernelId().startsWith("attention") && in.shape().dim("D") > CudaKernels.ATTENTION_MAX_D) {
                throw new IllegalArgumentException("cuda/ours attention supports head sizes D <= "
                        + CudaKernels.ATTENTION_MAX_D + " (a warp's lanes hold a query row's output, 4 columns each),"
                        + " got D=" + in.shape().dim("D"));
            }
            for (String name : spec.inputNames()) {
                Tensor t = in.tensors().get(name);
                if (t == null) {
                    throw new IllegalArgumentException("missing input tensor " + name + "; have "
                            + in.tensors().keySet());
                }
                int[] dims = inputDims(spec.kernelId(), name, in.shape());
                ElementType type = inputType(spec.kernelId(), name, in.dtype());
                if (t.type() != type || !Arrays.equals(t.dims(), dims)) {
                    throw new IllegalArgumentException(
                            "input " + name + " must be " + type + " " + Arrays.toString(dims) + " for this shape, got "
                                    + t.type() + " " + Arrays.toString(t.dims()));
                }
            }
            if (!spec.passThrough()) {
                ElementType out =
                        spec.kernelId().equals("gemm") && in.dtype() == DType.INT8 ? ElementType.I32 : ElementType.F32;
                int[] dims = outputDims(spec.kernelId(), in.shape());
                if (in.outputType() != out || !Arrays.equals(in.outputDims(), dims)) {
                    throw new IllegalArgumentException("the kernel writes " + out + " " + Arrays.toString(dims)
                            + ", the inputs describe " + in.outputType() + " " + Arrays.toString(in.outputDims()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BackendException(what + ": " + e.getMessage(), e);
        }
    }
}
