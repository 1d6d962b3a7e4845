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
 * {@code attention} and {@code attention-causal}: scaled dot-product attention per batch and head, O =
 * softmax(Q·Kᵀ·scale)·V with scale = 1/sqrt(D); the causal variant lets query i attend to keys j <= i.
 */
public final class AttentionKernel extends AbstractKernel {
    private final boolean causal;

    private AttentionKernel(boolean causal) {
        super(
                causal ? "attention-causal" : "attention",
                (causal ? "Causal scaled dot-product attention" : "Scaled dot-product attention")
                        + " softmax(Q·Kᵀ/sqrt(D))·V in fp32, per batch and head",
                List.of("B", "H", "L", "D"),
                EnumSet.of(DType.FP32));
        this.causal = causal;
    }

    /** Every query attends to every key. */
    public static AttentionKernel full() {
        return new AttentionKernel(false);
    }

    /** Query i attends to keys 0..i. */
    public static AttentionKernel causal() {
        return new AttentionKernel(true);
    }

    public boolean isCausal() {
        return causal;
    }

    @Override
    public String layout() {
        return "inputs Q, K, V [B,H,L,D] F32 row-major; scalar scale = 1/sqrt(D); output O [B,H,L,D] F32, for"
                + " each batch b and head h O = softmax(Q·Kᵀ·scale)·V with the softmax along the key axis"
                + (causal ? ", query i attending only to keys j <= i" : ", every query attending to all L keys");
    }

    @Override
    public WorkFormulas formulas(DType dtype) {
        requireDtype(dtype);
        // Two L×L×D products (Q·Kᵀ and P·V); the causal variant does the L·(L+1)/2 pairs j <= i.
        return new WorkFormulas(causal ? "2*B*H*D*L*(L+1)" : "4*B*H*L*L*D", "12*B*H*L*D", "4*B*H*L*D");
    }

    @Override
    protected HeadlineUnit headline(DType dtype) {
        return HeadlineUnit.FLOP;
    }

    @Override
    protected void checkShape(Shape shape) {
        elements("Q", shape.dim("B"), shape.dim("H"), shape.dim("L"), shape.dim("D"));
    }

    @Override
    public KernelInputs inputs(Shape shape, DType dtype, long seed) {
        validate(shape);
        requireDtype(dtype);
        int b = shape.dim("B"), h = shape.dim("H"), l = shape.dim("L"), d = shape.dim("D");
        InputGenerator g = new InputGenerator(seed);
        var q = g.uniform("Q", ElementType.F32, b, h, l, d);
        var k = g.uniform("K", ElementType.F32, b, h, l, d);
        var v = g.uniform("V", ElementType.F32, b, h, l, d);
        return new KernelInputs(
                shape, dtype, seed, ordered(q, k, v), Map.of("scale", 1.0 / Math.sqrt(d)), ElementType.F32, new int[] {
                    b, h, l, d
                });
    }

    @Override
    public double[] reference(KernelInputs inputs) {
        Shape shape = inputs.shape();
        int b = shape.dim("B"), h = shape.dim("H"), l = shape.dim("L"), d = shape.dim("D");
        double scale = inputs.scalar("scale");
        float[] q = inputs.tensor("Q").f32();
        float[] k = inputs.tensor("K").f32();
        float[] v = inputs.tensor("V").f32();
        double[] out = new double[b * h * l * d];
        // One query row per task; rows are independent.
        IntStream.range(0, b * h * l).parallel().forEach(row -> {
            int head = row / l, i = row % l;
            int base = head * l * d;
            int keys = causal ? i + 1 : l;
            double[] p = new double[keys];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < keys; j++) {
                double dot = 0;
                for (int t = 0; t < d; t++) {
                    dot += (double) q[base + i * d + t] * k[base + j * d + t];
                }
                p[j] = dot * scale;
                max = Math.max(max, p[j]);
            }
            double sum = 0;
            for (int j = 0; j < keys; j++) {
                p[j] = Math.exp(p[j] - max);
                sum += p[j];
            }
            int o = base + i * d;
            for (int j = 0; j < keys; j++) {
                double weight = p[j] / sum;
                for (int t = 0; t < d; t++) {
                    out[o + t] += weight * v[base + j * d + t];
                }
            }
        });
        return out;
    }

    /**
     * Two fp32 reductions (length D, then length L) around an exp: the fp32 gemm budget covers them, and
     * the few-ulp error of a fast exp or of online-softmax rescaling (flash attention) is far below it.
     * The output is an average of V rows that cancels towards 0, hence the rms-relative part.
     */
    @Override
    public Tolerance tolerance(DType dtype) {
        requireDtype(dtype);
        return new Tolerance(1e-4, 1e-4);
    }
}
