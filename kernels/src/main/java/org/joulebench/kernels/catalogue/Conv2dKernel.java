package org.joulebench.kernels.catalogue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * {@code conv2d}: direct 2-D convolution (cross-correlation, as in deep-learning frameworks), NCHW input,
 * KCRS weights, zero padding, no bias. Note the dimension S is the filter width, unrelated to the size
 * class S.
 */
public final class Conv2dKernel extends AbstractKernel {
    private static final String WHERE = " where P=(H+2*PAD-R)/STRIDE+1, Q=(W+2*PAD-S)/STRIDE+1";

    public Conv2dKernel() {
        super(
                "conv2d",
                "2-D convolution in fp32, NCHW input, KCRS weights, zero padding (ResNet-50 layers)",
                List.of("N", "C", "H", "W", "K", "R", "S", "STRIDE", "PAD"),
                EnumSet.of(DType.FP32));
    }

    /** weight: the layer's weights (see {@link org.joulebench.kernels.Kernel#weightInputs()}). */
    @Override
    public List<String> weightInputs() {
        return List.of("weight");
    }

    @Override
    public String layout() {
        return "inputs input [N,C,H,W] F32 and weight [K,C,R,S] F32 (S is the filter width); output output"
                + " [N,K,P,Q] F32 with P=(H+2·PAD−R)/STRIDE+1, Q=(W+2·PAD−S)/STRIDE+1, output[n,k,p,q] = sum over"
                + " c,r,s of input[n,c,p·STRIDE−PAD+r,q·STRIDE−PAD+s]·weight[k,c,r,s], input outside the image"
                + " reads as 0 (zero padding), no bias; no scalars";
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        return new WorkFormulas("2*N*K*P*Q*C*R*S" + WHERE, "4*(N*C*H*W+K*C*R*S)", "4*N*K*P*Q" + WHERE);
    }

    @Override
    protected HeadlineUnit headline(DType dtype) {
        return HeadlineUnit.FLOP;
    }

    /** Like the default check, but PAD may be 0, and the padded image must hold at least one filter. */
    @Override
    public void validate(Shape shape) {
        if (!shape.dims().keySet().equals(new java.util.LinkedHashSet<>(dimensionNames()))) {
            throw new IllegalArgumentException("conv2d needs dimensions " + dimensionNames() + ", got "
                    + shape.dims().keySet());
        }
        shape.dims().forEach((k, v) -> {
            int min = k.equals("PAD") ? 0 : 1;
            if (v < min) {
                throw new IllegalArgumentException("conv2d dimension " + k + " must be >= " + min + ", got " + v);
            }
        });
        int h = shape.dim("H"), w = shape.dim("W"), r = shape.dim("R"), s = shape.dim("S");
        int pad = shape.dim("PAD");
        if ((long) h + 2L * pad < r) {
            throw new IllegalArgumentException("conv2d output would be empty: P=(H+2*PAD-R)/STRIDE+1 <= 0 because"
                    + " H+2*PAD=" + ((long) h + 2L * pad) + " < R=" + r);
        }
        if ((long) w + 2L * pad < s) {
            throw new IllegalArgumentException("conv2d output would be empty: Q=(W+2*PAD-S)/STRIDE+1 <= 0 because"
                    + " W+2*PAD=" + ((long) w + 2L * pad) + " < S=" + s);
        }
        int n = shape.dim("N"), c = shape.dim("C"), k = shape.dim("K");
        elements("input", n, c, h, w);
        elements("weight", k, c, r, s);
        elements("output", n, k, outputHeight(shape), outputWidth(shape));
    }

    /** P = (H + 2·PAD − R) / STRIDE + 1. */
    public static int outputHeight(Shape shape) {
        return Math.toIntExact(
                Math.floorDiv((long) shape.dim("H") + 2L * shape.dim("PAD") - shape.dim("R"), shape.dim("STRIDE")) + 1);
    }

    /** Q = (W + 2·PAD − S) / STRIDE + 1. */
    public static int outputWidth(Shape shape) {
        return Math.toIntExact(
                Math.floorDiv((long) shape.dim("W") + 2L * shape.dim("PAD") - shape.dim("S"), shape.dim("STRIDE")) + 1);
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int n = shape.dim("N"), c = shape.dim("C"), h = shape.dim("H"), w = shape.dim("W");
        int k = shape.dim("K"), r = shape.dim("R"), s = shape.dim("S");
        InputGenerator g = new InputGenerator(seed);
        var input = g.uniform("input", ElementType.F32, n, c, h, w);
        var weight = g.uniform("weight", ElementType.F32, k, c, r, s);
        return new KernelInputs(shape, dtype, seed, ordered(input, weight), Map.of(), ElementType.F32, new int[] {
            n, k, outputHeight(shape), outputWidth(shape)
        });
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        Shape shape = inputs.shape();
        int n = shape.dim("N"), c = shape.dim("C"), h = shape.dim("H"), w = shape.dim("W");
        int k = shape.dim("K"), r = shape.dim("R"), s = shape.dim("S");
        int stride = shape.dim("STRIDE"), pad = shape.dim("PAD");
        int p = outputHeight(shape), q = outputWidth(shape);
        float[] in = inputs.tensor("input").f32();
        float[] wt = inputs.tensor("weight").f32();
        double[] out = new double[n * k * p * q];
        // One (image, output channel) plane per task: independent, so the result does not depend on
        // the scheduling.
        IntStream.range(0, n * k).parallel().forEach(nk -> {
            int img = nk / k, oc = nk % k;
            int outBase = nk * p * q;
            for (int ch = 0; ch < c; ch++) {
                int inBase = (img * c + ch) * h * w;
                for (int fr = 0; fr < r; fr++) {
                    for (int fs = 0; fs < s; fs++) {
                        double weight = wt[((oc * c + ch) * r + fr) * s + fs];
                        for (int op = 0; op < p; op++) {
                            int y = op * stride - pad + fr;
                            if (y < 0 || y >= h) {
                                continue;
                            }
                            for (int oq = 0; oq < q; oq++) {
                                int x = oq * stride - pad + fs;
                                if (x >= 0 && x < w) {
                                    out[outBase + op * q + oq] += weight * in[inBase + y * w + x];
                                }
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * Each output is a length C·R·S fp32 dot product: the fp32 gemm budget. Direct, implicit-GEMM and
     * small-tile Winograd algorithms pass; TF32 (cuDNN's default on recent NVIDIA GPUs unless disabled)
     * fails, as for gemm, because it is a different precision.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-4, 1e-4);
    }
}
