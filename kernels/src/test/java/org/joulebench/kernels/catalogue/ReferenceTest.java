package org.joulebench.kernels.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.joulebench.kernels.catalogue.Manual.dims;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Halfs;
import org.joulebench.kernels.Int4;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.junit.jupiter.api.Test;

/** Each reference against cases worked out by hand. */
class ReferenceTest {
    private static final double LN2 = Math.log(2);

    @Test
    void gemmFp32NonSquare() {
        var k = new GemmKernel();
        var in = Manual.with(
                k,
                Shape.of("gemm", "M", 2, "N", 2, "K", 3),
                DType.FP32,
                Manual.f32("A", dims(2, 3), 1, 2, 3, 4, 5, 6),
                Manual.f32("B", dims(3, 2), 7, 8, 9, 10, 11, 12));
        assertThat(k.reference(in)).containsExactly(58, 64, 139, 154);
        assertThat(in.outputType()).isEqualTo(ElementType.F32);
        assertThat(in.outputDims()).containsExactly(2, 2);
    }

    @Test
    void gemmInt8IsExactWithInt32Output() {
        var k = new GemmKernel();
        var in = Manual.with(
                k,
                Shape.of("gemm", "M", 2, "N", 2, "K", 2),
                DType.INT8,
                Manual.i8("A", dims(2, 2), 127, -127, 1, 2),
                Manual.i8("B", dims(2, 2), 127, 1, -127, 3));
        assertThat(k.reference(in)).containsExactly(32258, -254, -127, 7);
        assertThat(in.outputType()).isEqualTo(ElementType.I32);
    }

    @Test
    void gemmHalfPrecisionUsesTheStoredValues() {
        var k = new GemmKernel();
        Shape shape = Shape.of("gemm", "M", 1, "N", 1, "K", 1);
        // 1/3 is stored as bf16 0x3EAB = 0.333984375 and as fp16 0x3555 = 0.33325195...
        var bf = Manual.with(
                k, shape, DType.BF16, Manual.bf16("A", dims(1, 1), 1.0 / 3), Manual.bf16("B", dims(1, 1), 3));
        assertThat(k.reference(bf)).containsExactly(1.001953125);
        var half =
                Manual.with(k, shape, DType.FP16, Manual.f16("A", dims(1, 1), 1.0 / 3), Manual.f16("B", dims(1, 1), 3));
        assertThat(k.reference(half)).containsExactly(3 * 0.333251953125);
    }

    @Test
    void gemv() {
        var k = new GemvKernel();
        var in = Manual.with(
                k,
                Shape.of("gemv", "M", 3, "K", 2),
                DType.FP32,
                Manual.f32("A", dims(3, 2), 1, 2, 3, 4, 5, 6),
                Manual.f32("x", dims(2), 2, 1));
        assertThat(k.reference(in)).containsExactly(4, 10, 16);
    }

    @Test
    void qgemvInt8AppliesOneScalePerGroup() {
        var k = new QuantizedGemvKernel();
        var in = Manual.with(
                k,
                Shape.of("qgemv", "M", 1, "K", 4, "G", 2),
                DType.INT8,
                Manual.i8("W", dims(1, 4), 1, -2, 3, -4),
                Manual.f32("scales", dims(1, 2), 0.5, 0.25),
                Manual.f32("x", dims(4), 1, 1, 1, 2));
        // 0.5·(1−2) + 0.25·(3−8)
        assertThat(k.reference(in)).containsExactly(-1.75);
    }

    @Test
    void int4PacksNegativeValuesLowNibbleFirst() {
        Tensor w = Manual.i4("W", 2, 3, -8, 7, -1, 3, -3, 0);
        // row 0: (-8 -> 0x8) | (7 -> 0x7) << 4, then (-1 -> 0xF); row 1: 0x3 | (-3 -> 0xD) << 4, then 0
        assertThat(w.bytes()).containsExactly((byte) 0x78, (byte) 0x0F, (byte) 0xD3, (byte) 0x00);
        assertThat(w.toDoubles()).containsExactly(-8, 7, -1, 3, -3, 0);
        assertThat(Int4.get(w.bytes(), 0, 0)).isEqualTo(-8);
    }

    @Test
    void qgemvInt4WithOddKAndAPartialLastGroup() {
        var k = new QuantizedGemvKernel();
        var in = Manual.with(
                k,
                Shape.of("qgemv", "M", 2, "K", 3, "G", 2),
                DType.INT4,
                Manual.i4("W", 2, 3, -8, 7, -1, 3, -3, 0),
                Manual.f32("scales", dims(2, 2), 1, 2, 0.5, 1),
                Manual.f32("x", dims(3), 1, 2, 4));
        // row 0: 1·(−8·1 + 7·2) + 2·(−1·4) = −2; row 1: 0.5·(3·1 − 3·2) + 1·(0·4) = −1.5
        assertThat(k.reference(in)).containsExactly(-2, -1.5);
    }

    private static final double[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static Shape conv(int k, int c, int r, int s, int stride, int pad) {
        return Shape.of("conv2d", "N", 1, "C", c, "H", 3, "W", 3, "K", k, "R", r, "S", s, "STRIDE", stride, "PAD", pad);
    }

    @Test
    void conv2dZeroPaddingOnA3x3Image() {
        var k = new Conv2dKernel();
        var in = Manual.with(
                k,
                conv(1, 1, 3, 3, 1, 1),
                DType.FP32,
                Manual.f32("input", dims(1, 1, 3, 3), IMAGE),
                Manual.f32("weight", dims(1, 1, 3, 3), 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(in.outputDims()).containsExactly(1, 1, 3, 3);
        assertThat(k.reference(in)).containsExactly(12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    @Test
    void conv2dIsCrossCorrelationNotFlipped() {
        var k = new Conv2dKernel();
        // Only the top-left tap is 1: output[p,q] = input[p-1, q-1].
        var in = Manual.with(
                k,
                conv(1, 1, 3, 3, 1, 1),
                DType.FP32,
                Manual.f32("input", dims(1, 1, 3, 3), IMAGE),
                Manual.f32("weight", dims(1, 1, 3, 3), 1, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(k.reference(in)).containsExactly(0, 0, 0, 0, 1, 2, 0, 4, 5);
    }

    @Test
    void conv2dStride2() {
        var k = new Conv2dKernel();
        var in = Manual.with(
                k,
                conv(1, 1, 3, 3, 2, 1),
                DType.FP32,
                Manual.f32("input", dims(1, 1, 3, 3), IMAGE),
                Manual.f32("weight", dims(1, 1, 3, 3), 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(in.outputDims()).containsExactly(1, 1, 2, 2);
        assertThat(k.reference(in)).containsExactly(12, 16, 24, 28);
    }

    @Test
    void conv2dSumsOverChannelsPerOutputChannel() {
        var k = new Conv2dKernel();
        double[] twoChannels = new double[18];
        for (int i = 0; i < 9; i++) {
            twoChannels[i] = IMAGE[i];
            twoChannels[9 + i] = 10 * IMAGE[i];
        }
        // 1x1 filters: out channel 0 = ch0 + ch1, out channel 1 = 2·ch0 − ch1 / 10
        var in = Manual.with(
                k,
                conv(2, 2, 1, 1, 1, 0),
                DType.FP32,
                Manual.f32("input", dims(1, 2, 3, 3), twoChannels),
                Manual.f32("weight", dims(2, 2, 1, 1), 1, 1, 2, -0.1));
        double[] out = k.reference(in);
        assertThat(out[0]).isEqualTo(11);
        assertThat(out[8]).isEqualTo(99);
        assertThat(out[9]).isCloseTo(2 - 10 * (double) (float) 0.1, within(1e-12));
    }

    private static KernelInputs tinyAttention(AttentionKernel k) {
        // L=2, D=1, scale=1: query 0 = 1 sees scores [0, ln2] -> weights [1/3, 2/3]; query 1 = 0 sees [0, 0].
        return Manual.with(
                k,
                Shape.of(k.id(), "B", 1, "H", 1, "L", 2, "D", 1),
                DType.FP32,
                Manual.f32("Q", dims(1, 1, 2, 1), 1, 0),
                Manual.f32("K", dims(1, 1, 2, 1), 0, LN2),
                Manual.f32("V", dims(1, 1, 2, 1), 3, 6));
    }

    @Test
    void attentionByHand() {
        var in = tinyAttention(AttentionKernel.full());
        assertThat(in.scalar("scale")).isEqualTo(1.0);
        double[] o = AttentionKernel.full().reference(in);
        assertThat(o[0]).isCloseTo(3.0 / 3 + 6 * 2.0 / 3, within(1e-7));
        assertThat(o[1]).isEqualTo(4.5);
    }

    @Test
    void causalAttentionRowZeroIsV0() {
        var k = AttentionKernel.causal();
        double[] o = k.reference(tinyAttention(k));
        assertThat(o).containsExactly(3, 4.5);
        // and at a generated shape with several heads: every head's row 0 is that head's V[0]
        var in = k.inputs(Shape.of(k.id(), "B", 2, "H", 3, "L", 5, "D", 4), DType.FP32, 7);
        double[] out = k.reference(in);
        float[] v = in.tensor("V").f32();
        for (int head = 0; head < 6; head++) {
            for (int t = 0; t < 4; t++) {
                assertThat(out[head * 20 + t]).isEqualTo(v[head * 20 + t]);
            }
        }
    }

    @Test
    void attentionScaleIsOneOverSqrtD() {
        var k = AttentionKernel.full();
        var in = k.inputs(Shape.of(k.id(), "B", 1, "H", 1, "L", 3, "D", 16), DType.FP32, 3);
        assertThat(in.scalar("scale")).isEqualTo(0.25);
    }

    @Test
    void softmaxOfZeroAndLn2() {
        var k = new SoftmaxKernel();
        var in = Manual.with(
                k, Shape.of("softmax", "R", 2, "C", 2), DType.FP32, Manual.f32("X", dims(2, 2), 0, LN2, 1000, 1000));
        double[] y = k.reference(in);
        assertThat(y[0]).isCloseTo(1.0 / 3, within(1e-7));
        assertThat(y[1]).isCloseTo(2.0 / 3, within(1e-7));
        // the max is subtracted, so large logits do not overflow
        assertThat(y[2]).isEqualTo(0.5);
        assertThat(y[3]).isEqualTo(0.5);
    }

    @Test
    void layernormOfAKnownRow() {
        var k = new LayerNormKernel();
        var in = Manual.with(
                k,
                Shape.of("layernorm", "R", 1, "C", 4),
                DType.FP32,
                Manual.f32("X", dims(1, 4), 1, 2, 3, 4),
                Manual.f32("gamma", dims(4), 1, 2, 1, 1),
                Manual.f32("beta", dims(4), 0, 0, 0, 1));
        assertThat(in.scalar("eps")).isEqualTo(1e-5);
        // mean 2.5, biased variance 1.25
        double inv = 1 / Math.sqrt(1.25 + 1e-5);
        assertThat(k.reference(in)).containsExactly(-1.5 * inv, -0.5 * inv * 2, 0.5 * inv, 1.5 * inv + 1);
    }

    @Test
    void rmsnormOfAKnownRow() {
        var k = new RmsNormKernel();
        var in = Manual.with(
                k,
                Shape.of("rmsnorm", "R", 1, "C", 2),
                DType.FP32,
                Manual.f32("X", dims(1, 2), 3, 4),
                Manual.f32("gamma", dims(2), 1, -2));
        assertThat(in.scalar("eps")).isEqualTo(1e-6);
        double inv = 1 / Math.sqrt(12.5 + 1e-6);
        assertThat(k.reference(in)).containsExactly(3 * inv, -8 * inv);
    }

    @Test
    void geluTanhApproximation() {
        assertThat(GeluKernel.gelu(0)).isZero();
        assertThat(GeluKernel.gelu(1)).isCloseTo(0.841192, within(1e-6));
        assertThat(GeluKernel.gelu(-1)).isCloseTo(-0.158808, within(1e-6));
        var k = new GeluKernel();
        var in = Manual.with(k, Shape.of("gelu", "N", 2), DType.FP32, Manual.f32("X", dims(2), 1, 0));
        assertThat(k.reference(in)[0]).isCloseTo(0.841192, within(1e-6));
    }

    @Test
    void silu() {
        assertThat(SiluKernel.silu(1)).isCloseTo(0.7310586, within(1e-7));
        assertThat(SiluKernel.silu(-1)).isCloseTo(-0.2689414, within(1e-7));
        var k = new SiluKernel();
        var in = Manual.with(k, Shape.of("silu", "N", 2), DType.FP32, Manual.f32("X", dims(2), 1, 0));
        assertThat(k.reference(in)[0]).isCloseTo(0.7310586, within(1e-7));
        assertThat(k.reference(in)[1]).isZero();
    }

    @Test
    void triad() {
        var k = new TriadKernel();
        var in = Manual.with(
                k,
                Shape.of("triad", "N", 3),
                DType.FP32,
                Manual.f32("b", dims(3), 1, 2, 0),
                Manual.f32("c", dims(3), 0.5, -1, 0));
        assertThat(in.scalar("alpha")).isEqualTo(3.0);
        assertThat(k.reference(in)).containsExactly(2.5, -1, 0);
    }

    @Test
    void halfConversionsRoundToNearest() {
        assertThat(Halfs.bf16ToFloat(Halfs.floatToBf16(1f / 3))).isEqualTo(0.333984375f);
        assertThat(Halfs.f16ToFloat(Halfs.floatToF16(1f / 3))).isEqualTo(0.333251953125f);
    }
}
