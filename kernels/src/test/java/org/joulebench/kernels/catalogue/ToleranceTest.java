package org.joulebench.kernels.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.VerificationResult;
import org.junit.jupiter.api.Test;

/**
 * The tolerances against plain fp32 implementations (naive sequential float accumulation, the least
 * accurate honest order): they must pass, and a different precision or formula must fail.
 */
class ToleranceTest {

    private static VerificationResult check(Kernel k, KernelInputs in, float[] out) {
        return k.verify(in, Tensor.f32("out", out, in.outputDims()));
    }

    /** C = A·B with float products and a float running sum; {@code tf32} first rounds inputs to 10 bits. */
    private static float[] gemm(KernelInputs in, boolean tf32) {
        int m = in.shape().dim("M"), n = in.shape().dim("N"), kk = in.shape().dim("K");
        double[] a = in.tensor("A").toDoubles(), b = in.tensor("B").toDoubles();
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int t = 0; t < kk; t++) {
                    float x = (float) a[i * kk + t], y = (float) b[t * n + j];
                    if (tf32) {
                        x = toTf32(x);
                        y = toTf32(y);
                    }
                    sum += x * y;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    private static float toTf32(float v) {
        int bits = Float.floatToRawIntBits(v);
        return Float.intBitsToFloat((bits + 0x1000) & 0xffffe000); // round to 10 mantissa bits
    }

    @Test
    void gemmFp32AndHalvesPassButTf32Fails() {
        var k = new GemmKernel();
        Shape shape = Shape.of("gemm", "M", 16, "N", 16, "K", 2048);
        for (DType d : new DType[] {DType.FP32, DType.FP16, DType.BF16}) {
            KernelInputs in = k.inputs(shape, d, 11);
            assertThat(check(k, in, gemm(in, false)).passed()).as(d.id()).isTrue();
        }
        KernelInputs in = k.inputs(shape, DType.FP32, 11);
        VerificationResult tf32 = check(k, in, gemm(in, true));
        assertThat(tf32.passed()).as(tf32.message()).isFalse();
    }

    @Test
    void gemmInt8MustBeExact() {
        var k = new GemmKernel();
        KernelInputs in = k.inputs(Shape.of("gemm", "M", 4, "N", 4, "K", 64), DType.INT8, 2);
        double[] ref = k.reference(in);
        int[] c = new int[ref.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) ref[i];
        }
        Tensor exact = new Tensor("C", in.outputType(), in.outputDims(), c);
        assertThat(k.verify(in, exact).passed()).isTrue();
        c[5] += 1;
        assertThat(k.verify(in, new Tensor("C", in.outputType(), in.outputDims(), c))
                        .worstIndex())
                .isEqualTo(5);
    }

    @Test
    void attentionInFloatPassesAndWithoutTheScaleFails() {
        for (AttentionKernel k : new AttentionKernel[] {AttentionKernel.full(), AttentionKernel.causal()}) {
            KernelInputs in = k.inputs(Shape.of(k.id(), "B", 1, "H", 2, "L", 64, "D", 64), DType.FP32, 4);
            assertThat(check(k, in, attention(in, k.isCausal(), (float) in.scalar("scale")))
                            .passed())
                    .as(k.id())
                    .isTrue();
            assertThat(check(k, in, attention(in, k.isCausal(), 1f)).passed()).isFalse();
        }
    }

    private static float[] attention(KernelInputs in, boolean causal, float scale) {
        int heads = in.shape().dim("B") * in.shape().dim("H"),
                l = in.shape().dim("L"),
                d = in.shape().dim("D");
        float[] q = in.tensor("Q").f32(),
                kk = in.tensor("K").f32(),
                v = in.tensor("V").f32();
        float[] o = new float[q.length];
        for (int h = 0; h < heads; h++) {
            int base = h * l * d;
            for (int i = 0; i < l; i++) {
                int keys = causal ? i + 1 : l;
                float[] p = new float[keys];
                float max = Float.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < keys; j++) {
                    float dot = 0;
                    for (int t = 0; t < d; t++) dot += q[base + i * d + t] * kk[base + j * d + t];
                    p[j] = dot * scale;
                    max = Math.max(max, p[j]);
                }
                for (int j = 0; j < keys; j++) sum += p[j] = (float) Math.exp(p[j] - max);
                for (int j = 0; j < keys; j++)
                    for (int t = 0; t < d; t++) o[base + i * d + t] += p[j] / sum * v[base + j * d + t];
            }
        }
        return o;
    }

    @Test
    void normsAndSoftmaxInFloatPass() {
        Shape rc = Shape.of("softmax", "R", 4, "C", 4096);
        var softmax = new SoftmaxKernel();
        KernelInputs in = softmax.inputs(rc, DType.FP32, 8);
        float[] x = in.tensor("X").f32();
        float[] y = new float[x.length];
        for (int r = 0; r < 4; r++) {
            float max = Float.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < 4096; c++) max = Math.max(max, x[r * 4096 + c]);
            for (int c = 0; c < 4096; c++) sum += y[r * 4096 + c] = (float) Math.exp(x[r * 4096 + c] - max);
            for (int c = 0; c < 4096; c++) y[r * 4096 + c] /= sum;
        }
        assertThat(check(softmax, in, y).passed()).isTrue();

        var ln = new LayerNormKernel();
        KernelInputs lin = ln.inputs(Shape.of("layernorm", "R", 4, "C", 4096), DType.FP32, 8);
        assertThat(check(ln, lin, layernorm(lin, 1e-5f)).passed()).isTrue();
        // a different eps (1e-3) shifts every output by ~0.15 %: caught
        assertThat(check(ln, lin, layernorm(lin, 1e-3f)).passed()).isFalse();

        var rms = new RmsNormKernel();
        KernelInputs rin = rms.inputs(Shape.of("rmsnorm", "R", 4, "C", 4096), DType.FP32, 8);
        float[] rx = rin.tensor("X").f32(), g = rin.tensor("gamma").f32(), ry = new float[rx.length];
        for (int r = 0; r < 4; r++) {
            float sq = 0;
            for (int c = 0; c < 4096; c++) sq += rx[r * 4096 + c] * rx[r * 4096 + c];
            float inv = (float) (1 / Math.sqrt(sq / 4096 + 1e-6f));
            for (int c = 0; c < 4096; c++) ry[r * 4096 + c] = rx[r * 4096 + c] * inv * g[c];
        }
        assertThat(check(rms, rin, ry).passed()).isTrue();
    }

    private static float[] layernorm(KernelInputs in, float eps) {
        int c = in.shape().dim("C");
        float[] x = in.tensor("X").f32(),
                g = in.tensor("gamma").f32(),
                b = in.tensor("beta").f32();
        float[] y = new float[x.length];
        for (int r = 0; r < in.shape().dim("R"); r++) {
            float sum = 0, sq = 0;
            for (int j = 0; j < c; j++) sum += x[r * c + j];
            float mean = sum / c;
            for (int j = 0; j < c; j++) sq += (x[r * c + j] - mean) * (x[r * c + j] - mean);
            float inv = (float) (1 / Math.sqrt(sq / c + eps));
            for (int j = 0; j < c; j++) y[r * c + j] = (x[r * c + j] - mean) * inv * g[j] + b[j];
        }
        return y;
    }

    @Test
    void activationsInFloatPassAndTheErfGeluFails() {
        var gelu = new GeluKernel();
        KernelInputs in = gelu.inputs(Shape.of("gelu", "N", 10_000), DType.FP32, 5);
        float[] x = in.tensor("X").f32();
        float[] tanhForm = new float[x.length], erfForm = new float[x.length], silu = new float[x.length];
        float c = (float) Math.sqrt(2 / Math.PI);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            tanhForm[i] = 0.5f * v * (1 + (float) Math.tanh(c * (v + 0.044715f * v * v * v)));
            erfForm[i] = (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
            silu[i] = v / (1 + (float) Math.exp(-v));
        }
        assertThat(check(gelu, in, tanhForm).passed()).isTrue();
        assertThat(check(gelu, in, erfForm).passed()).isFalse();
        var siluKernel = new SiluKernel();
        KernelInputs sin = siluKernel.inputs(Shape.of("silu", "N", 10_000), DType.FP32, 5);
        assertThat(sin.tensor("X")).isEqualTo(in.tensor("X")); // same seed, same single-tensor stream
        assertThat(check(siluKernel, sin, silu).passed()).isTrue();
    }

    /** erf by Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): far closer to erf than the tanh form is. */
    private static double erf(double z) {
        double t = 1 / (1 + 0.3275911 * Math.abs(z));
        double y = 1
                - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * Math.exp(-z * z);
        return Math.signum(z) * y;
    }

    @Test
    void convQgemvAndTriadInFloatPass() {
        var conv = new Conv2dKernel();
        Shape cs = Shape.of("conv2d", "N", 1, "C", 32, "H", 8, "W", 8, "K", 4, "R", 3, "S", 3, "STRIDE", 2, "PAD", 1);
        KernelInputs cin = conv.inputs(cs, DType.FP32, 6);
        double[] ref = conv.reference(cin);
        float[] rounded = new float[ref.length];
        for (int i = 0; i < ref.length; i++) rounded[i] = (float) ref[i];
        assertThat(check(conv, cin, rounded).passed()).isTrue();
        rounded[7] *= 1.001f;
        assertThat(check(conv, cin, rounded).worstIndex()).isEqualTo(7);

        var q = new QuantizedGemvKernel();
        for (DType d : q.dtypes()) {
            KernelInputs in = q.inputs(Shape.of("qgemv", "M", 8, "K", 4096, "G", 32), d, 6);
            double[] w = in.tensor("W").toDoubles();
            float[] s = in.tensor("scales").f32(), x = in.tensor("x").f32(), y = new float[8];
            for (int m = 0; m < 8; m++) {
                float sum = 0;
                for (int k = 0; k < 4096; k++) sum += (float) w[m * 4096 + k] * s[m * 128 + k / 32] * x[k];
                y[m] = sum;
            }
            assertThat(check(q, in, y).passed()).as(d.id()).isTrue();
            // forgetting the scales is caught
            float[] unscaled = y.clone();
            unscaled[3] = y[3] * (d == DType.INT8 ? 127 : 7);
            assertThat(check(q, in, unscaled).passed()).isFalse();
        }
    }
}
