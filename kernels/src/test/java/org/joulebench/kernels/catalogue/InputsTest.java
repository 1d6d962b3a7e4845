package org.joulebench.kernels.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Halfs;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.junit.jupiter.api.Test;

/** Inputs are deterministic, follow LAYOUTS.md (names, order, dims, element types) and lie in range. */
class InputsTest {

    /** A small shape of every kernel, with dims chosen distinct so transposed layouts would show. */
    static final List<Shape> SMALL = List.of(
            Shape.of("gemm", "M", 3, "N", 5, "K", 7),
            Shape.of("gemv", "M", 4, "K", 6),
            Shape.of("qgemv", "M", 3, "K", 9, "G", 4),
            Shape.of("conv2d", "N", 2, "C", 3, "H", 5, "W", 6, "K", 4, "R", 3, "S", 2, "STRIDE", 1, "PAD", 1),
            Shape.of("attention", "B", 2, "H", 3, "L", 4, "D", 5),
            Shape.of("attention-causal", "B", 2, "H", 3, "L", 4, "D", 5),
            Shape.of("softmax", "R", 3, "C", 8),
            Shape.of("layernorm", "R", 3, "C", 8),
            Shape.of("rmsnorm", "R", 3, "C", 8),
            Shape.of("gelu", "N", 17),
            Shape.of("silu", "N", 17),
            Shape.of("triad", "N", 17));

    private static final List<Kernel> KERNELS = List.of(
            new GemmKernel(),
            new GemvKernel(),
            new QuantizedGemvKernel(),
            new Conv2dKernel(),
            AttentionKernel.full(),
            AttentionKernel.causal(),
            new SoftmaxKernel(),
            new LayerNormKernel(),
            new RmsNormKernel(),
            new GeluKernel(),
            new SiluKernel(),
            new TriadKernel());

    @Test
    void sameSeedGivesIdenticalTensorsAndAnotherSeedDifferentOnes() {
        for (int i = 0; i < KERNELS.size(); i++) {
            Kernel k = KERNELS.get(i);
            Shape shape = SMALL.get(i);
            for (DType d : k.dtypes()) {
                KernelInputs a = k.inputs(shape, d, 42), b = k.inputs(shape, d, 42), c = k.inputs(shape, d, 43);
                assertThat(a.tensors()).as("%s %s", k.id(), d).isEqualTo(b.tensors());
                assertThat(a.scalars()).isEqualTo(b.scalars());
                for (String name : a.tensors().keySet()) {
                    assertThat(c.tensor(name)).as("%s %s %s", k.id(), d, name).isNotEqualTo(a.tensor(name));
                }
                assertThat(k.reference(a)).isEqualTo(k.reference(b));
            }
        }
    }

    private static void assertTensor(KernelInputs in, int index, String name, ElementType type, int... dims) {
        Tensor t = in.tensorList().get(index);
        assertThat(t.name()).isEqualTo(name);
        assertThat(t.type()).as(name).isEqualTo(type);
        assertThat(t.dims()).as(name).containsExactly(dims);
    }

    private static void assertOutput(KernelInputs in, ElementType type, int... dims) {
        assertThat(in.outputType()).isEqualTo(type);
        assertThat(in.outputDims()).containsExactly(dims);
    }

    @Test
    void tensorsFollowTheLayouts() {
        var gemm = new GemmKernel();
        for (DType d : List.of(DType.FP32, DType.FP16, DType.BF16, DType.INT8)) {
            ElementType e = switch (d) {
                case FP32 -> ElementType.F32;
                case FP16 -> ElementType.F16;
                case BF16 -> ElementType.BF16;
                default -> ElementType.I8;
            };
            KernelInputs in = gemm.inputs(SMALL.get(0), d, 1);
            assertThat(in.tensors()).hasSize(2);
            assertTensor(in, 0, "A", e, 3, 7);
            assertTensor(in, 1, "B", e, 7, 5);
            assertOutput(in, d == DType.INT8 ? ElementType.I32 : ElementType.F32, 3, 5);
        }
        KernelInputs gemv = new GemvKernel().inputs(SMALL.get(1), DType.FP32, 1);
        assertTensor(gemv, 0, "A", ElementType.F32, 4, 6);
        assertTensor(gemv, 1, "x", ElementType.F32, 6);
        assertOutput(gemv, ElementType.F32, 4);

        for (DType d : List.of(DType.INT8, DType.INT4)) {
            KernelInputs q = new QuantizedGemvKernel().inputs(SMALL.get(2), d, 1);
            assertTensor(q, 0, "W", d == DType.INT8 ? ElementType.I8 : ElementType.I4_PACKED, 3, 9);
            assertThat(q.tensor("W").bytes()).hasSize(d == DType.INT8 ? 27 : 15);
            assertTensor(q, 1, "scales", ElementType.F32, 3, 3); // ceil(9/4)
            assertTensor(q, 2, "x", ElementType.F32, 9);
            assertOutput(q, ElementType.F32, 3);
        }

        KernelInputs conv = new Conv2dKernel().inputs(SMALL.get(3), DType.FP32, 1);
        assertTensor(conv, 0, "input", ElementType.F32, 2, 3, 5, 6);
        assertTensor(conv, 1, "weight", ElementType.F32, 4, 3, 3, 2);
        assertOutput(conv, ElementType.F32, 2, 4, 5, 7); // P=(5+2-3)+1, Q=(6+2-2)+1

        for (int i : new int[] {4, 5}) {
            KernelInputs att = KERNELS.get(i).inputs(SMALL.get(i), DType.FP32, 1);
            assertTensor(att, 0, "Q", ElementType.F32, 2, 3, 4, 5);
            assertTensor(att, 1, "K", ElementType.F32, 2, 3, 4, 5);
            assertTensor(att, 2, "V", ElementType.F32, 2, 3, 4, 5);
            assertThat(att.scalars()).containsOnlyKeys("scale");
            assertThat(att.scalar("scale")).isEqualTo(1 / Math.sqrt(5));
            assertOutput(att, ElementType.F32, 2, 3, 4, 5);
        }

        KernelInputs softmax = new SoftmaxKernel().inputs(SMALL.get(6), DType.FP32, 1);
        assertThat(softmax.tensors()).containsOnlyKeys("X");
        assertTensor(softmax, 0, "X", ElementType.F32, 3, 8);
        assertOutput(softmax, ElementType.F32, 3, 8);

        KernelInputs ln = new LayerNormKernel().inputs(SMALL.get(7), DType.FP32, 1);
        assertTensor(ln, 0, "X", ElementType.F32, 3, 8);
        assertTensor(ln, 1, "gamma", ElementType.F32, 8);
        assertTensor(ln, 2, "beta", ElementType.F32, 8);
        assertThat(ln.scalar("eps")).isEqualTo(1e-5);
        assertOutput(ln, ElementType.F32, 3, 8);

        KernelInputs rms = new RmsNormKernel().inputs(SMALL.get(8), DType.FP32, 1);
        assertThat(rms.tensors()).hasSize(2);
        assertTensor(rms, 0, "X", ElementType.F32, 3, 8);
        assertTensor(rms, 1, "gamma", ElementType.F32, 8);
        assertThat(rms.scalar("eps")).isEqualTo(1e-6);

        for (int i : new int[] {9, 10}) {
            KernelInputs act = KERNELS.get(i).inputs(SMALL.get(i), DType.FP32, 1);
            assertThat(act.tensors()).hasSize(1);
            assertTensor(act, 0, "X", ElementType.F32, 17);
            assertOutput(act, ElementType.F32, 17);
        }
        KernelInputs triad = new TriadKernel().inputs(SMALL.get(11), DType.FP32, 1);
        assertTensor(triad, 0, "b", ElementType.F32, 17);
        assertTensor(triad, 1, "c", ElementType.F32, 17);
        assertThat(triad.scalar("alpha")).isEqualTo(3.0);
        assertOutput(triad, ElementType.F32, 17);
    }

    @Test
    void generationFollowsTheDocumentedStream() {
        // LAYOUTS.md: one SplittableRandom(seed) stream, tensors in order, elements row-major.
        KernelInputs in = new GemmKernel().inputs(SMALL.get(0), DType.FP32, 42);
        SplittableRandom r = new SplittableRandom(42);
        float[] a = in.tensor("A").f32();
        for (float v : a) {
            assertThat(v).isEqualTo((float) r.nextDouble(-1, 1));
        }
        assertThat(in.tensor("B").f32()[0]).isEqualTo((float) r.nextDouble(-1, 1));

        KernelInputs bf = new GemmKernel().inputs(SMALL.get(0), DType.BF16, 42);
        assertThat(bf.tensor("A").f16Bits()[1]).isEqualTo(Halfs.floatToBf16(a[1]));
        KernelInputs i8 = new GemmKernel().inputs(SMALL.get(0), DType.INT8, 42);
        SplittableRandom ri = new SplittableRandom(42);
        assertThat(i8.tensor("A").bytes()[0]).isEqualTo((byte) ri.nextInt(-127, 128));
    }

    private static void assertRange(double[] values, double low, double high) {
        assertThat(java.util.Arrays.stream(values).min().orElseThrow()).isGreaterThanOrEqualTo(low);
        assertThat(java.util.Arrays.stream(values).max().orElseThrow()).isLessThanOrEqualTo(high);
    }

    @Test
    void valuesLieInTheirDocumentedRanges() {
        Shape big = Shape.of("gemm", "M", 64, "N", 64, "K", 64);
        assertRange(new GemmKernel().inputs(big, DType.FP32, 9).tensor("A").toDoubles(), -1, 1);
        assertRange(new GemmKernel().inputs(big, DType.FP16, 9).tensor("B").toDoubles(), -1, 1);
        double[] i8 = new GemmKernel().inputs(big, DType.INT8, 9).tensor("A").toDoubles();
        assertRange(i8, -127, 127);
        assertThat(i8).contains(-127.0, 127.0);

        Shape q = Shape.of("qgemv", "M", 64, "K", 64, "G", 8);
        KernelInputs int4 = new QuantizedGemvKernel().inputs(q, DType.INT4, 9);
        assertRange(int4.tensor("W").toDoubles(), -8, 7);
        assertThat(int4.tensor("W").toDoubles()).contains(-8.0, 7.0);
        assertRange(int4.tensor("scales").toDoubles(), 0.5 / 7, 1.5 / 7);
        KernelInputs int8 = new QuantizedGemvKernel().inputs(q, DType.INT8, 9);
        assertRange(int8.tensor("scales").toDoubles(), 0.5 / 127, 1.5 / 127);
    }

    @Test
    void wrongDtypeIsRejectedNamingTheValidOnes() {
        assertThatThrownBy(() -> new GemvKernel().inputs(SMALL.get(1), DType.FP16, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemv is defined for [fp32], not fp16");
        assertThatThrownBy(() -> new QuantizedGemvKernel().tolerance(DType.FP32))
                .hasMessageContaining("[int8, int4]");
    }

    @Test
    void int8GemmRejectsAKThatCouldOverflowInt32() {
        Shape shape = Shape.of("gemm", "M", 1, "N", 1, "K", GemmKernel.INT8_MAX_K + 1);
        assertThatThrownBy(() -> new GemmKernel().inputs(shape, DType.INT8, 1))
                .hasMessageContaining("overflow the int32 accumulator");
    }
}
