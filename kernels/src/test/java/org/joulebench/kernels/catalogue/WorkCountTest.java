package org.joulebench.kernels.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.vocabulary.HeadlineUnit;
import org.junit.jupiter.api.Test;

/** work() against operations counted by walking the kernel's loops, and bytes counted from real tensors. */
class WorkCountTest {

    /** Bytes read = every input tensor's storage once; bytes written = the output's storage once. */
    private static void assertBytesMatchTensors(Kernel kernel, Shape shape, DType dtype) {
        KernelInputs in = kernel.inputs(shape, dtype, 5);
        long read = in.tensorList().stream().mapToLong(Tensor::storageBytes).sum();
        int[] outDims = in.outputDims();
        long written = new Tensor("out", in.outputType(), outDims, emptyArray(in)).storageBytes();
        WorkCounts w = kernel.work(shape, dtype);
        assertThat(w.bytesRead()).as("%s %s bytes read", shape, dtype).isEqualTo(read);
        assertThat(w.bytesWritten()).as("%s %s bytes written", shape, dtype).isEqualTo(written);
    }

    private static Object emptyArray(KernelInputs in) {
        int n = in.outputStorageLength();
        return switch (in.outputType()) {
            case F32 -> new float[n];
            case I32 -> new int[n];
            default -> throw new AssertionError(in.outputType());
        };
    }

    @Test
    void gemm() {
        var k = new GemmKernel();
        Shape shape = Shape.of("gemm", "M", 3, "N", 5, "K", 7);
        long ops = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                for (int kk = 0; kk < 7; kk++) {
                    ops += 2; // one multiply, one add
                }
            }
        }
        for (DType d : k.dtypes()) {
            assertThat(k.work(shape, d).operations()).isEqualTo(ops);
            assertBytesMatchTensors(k, shape, d);
        }
        assertThat(k.work(shape, DType.FP32).bytesRead()).isEqualTo(4 * (3 * 7 + 7 * 5));
        assertThat(k.work(shape, DType.INT8).operationUnit()).isEqualTo(HeadlineUnit.INT_OP);
        assertThat(k.work(shape, DType.INT8).headline()).isEqualTo(HeadlineUnit.INT_OP);
        assertThat(k.work(shape, DType.BF16).headline()).isEqualTo(HeadlineUnit.FLOP);
        assertThat(k.formulas(DType.FP32)).isEqualTo(new WorkFormulas("2*M*N*K", "4*(M*K+K*N)", "4*M*N"));
        assertThat(k.formulas(DType.FP16).bytesRead()).isEqualTo("2*(M*K+K*N)");
        assertThat(k.formulas(DType.INT8).bytesRead()).isEqualTo("1*(M*K+K*N)");
    }

    @Test
    void gemvAndQgemv() {
        var gemv = new GemvKernel();
        Shape g = Shape.of("gemv", "M", 4, "K", 9);
        assertThat(gemv.work(g, DType.FP32).operations()).isEqualTo(2 * 4 * 9);
        assertThat(gemv.work(g, DType.FP32).headline()).isEqualTo(HeadlineUnit.BYTE);
        assertBytesMatchTensors(gemv, g, DType.FP32);

        var q = new QuantizedGemvKernel();
        for (Shape s : new Shape[] {
            Shape.of("qgemv", "M", 3, "K", 7, "G", 3), // odd K, partial last group
            Shape.of("qgemv", "M", 2, "K", 64, "G", 32),
            Shape.of("qgemv", "M", 1, "K", 5, "G", 8) // one group larger than the row
        }) {
            for (DType d : q.dtypes()) {
                assertThat(q.work(s, d).operations()).isEqualTo(2L * s.dim("M") * s.dim("K"));
                assertBytesMatchTensors(q, s, d);
            }
        }
        // int4 M=3,K=7,G=3: W 3·4 bytes, scales 3·3 floats, x 7 floats
        assertThat(q.work(Shape.of("qgemv", "M", 3, "K", 7, "G", 3), DType.INT4).bytesRead())
                .isEqualTo(12 + 36 + 28);
    }

    @Test
    void conv2dCountsEveryTapIncludingPadding() {
        var k = new Conv2dKernel();
        Shape shape = Shape.of("conv2d", "N", 2, "C", 3, "H", 5, "W", 6, "K", 4, "R", 3, "S", 2, "STRIDE", 2, "PAD", 1);
        int p = (5 + 2 - 3) / 2 + 1, q = (6 + 2 - 2) / 2 + 1;
        long ops = 0;
        for (int n = 0; n < 2; n++)
            for (int oc = 0; oc < 4; oc++)
                for (int op = 0; op < p; op++)
                    for (int oq = 0; oq < q; oq++)
                        for (int c = 0; c < 3; c++) for (int r = 0; r < 3; r++) for (int s = 0; s < 2; s++) ops += 2;
        assertThat(k.work(shape, DType.FP32).operations()).isEqualTo(ops).isEqualTo(2L * 2 * 4 * 3 * 4 * 3 * 3 * 2);
        assertBytesMatchTensors(k, shape, DType.FP32);
        assertThat(k.formulas(DType.FP32).operations())
                .isEqualTo("2*N*K*P*Q*C*R*S where P=(H+2*PAD-R)/STRIDE+1, Q=(W+2*PAD-S)/STRIDE+1");
    }

    @Test
    void attentionCountsTheQueryKeyPairsItVisits() {
        for (AttentionKernel k : new AttentionKernel[] {AttentionKernel.full(), AttentionKernel.causal()}) {
            int b = 2, h = 3, l = 5, d = 4;
            long ops = 0;
            for (int head = 0; head < b * h; head++)
                for (int i = 0; i < l; i++)
                    for (int j = 0; j < (k.isCausal() ? i + 1 : l); j++)
                        for (int t = 0; t < d; t++) {
                            ops += 2; // q·k multiply-add
                            ops += 2; // p·v multiply-add
                        }
            Shape shape = Shape.of(k.id(), "B", b, "H", h, "L", l, "D", d);
            assertThat(k.work(shape, DType.FP32).operations()).as(k.id()).isEqualTo(ops);
            assertThat(k.work(shape, DType.FP32).headline()).isEqualTo(HeadlineUnit.FLOP);
            assertBytesMatchTensors(k, shape, DType.FP32);
        }
    }

    @Test
    void rowAndElementwiseKernels() {
        int r = 3, c = 7, n = 11;
        long softmax = 0, layernorm = 0, rmsnorm = 0;
        for (int i = 0; i < r * c; i++) {
            softmax += 5; // max, subtract, exp, sum, divide
            layernorm += 8; // sum, subtract, square, sum; subtract, multiply by rsqrt, by gamma, add beta
            rmsnorm += 4; // square, sum; multiply by rsqrt, by gamma
        }
        assertThat(new SoftmaxKernel()
                        .work(Shape.of("softmax", "R", r, "C", c), DType.FP32)
                        .operations())
                .isEqualTo(softmax);
        assertThat(new LayerNormKernel()
                        .work(Shape.of("layernorm", "R", r, "C", c), DType.FP32)
                        .operations())
                .isEqualTo(layernorm);
        assertThat(new RmsNormKernel()
                        .work(Shape.of("rmsnorm", "R", r, "C", c), DType.FP32)
                        .operations())
                .isEqualTo(rmsnorm);
        assertThat(new GeluKernel().work(Shape.of("gelu", "N", n), DType.FP32).operations())
                .isEqualTo(8L * n);
        assertThat(new SiluKernel().work(Shape.of("silu", "N", n), DType.FP32).operations())
                .isEqualTo(4L * n);
        WorkCounts triad = new TriadKernel().work(Shape.of("triad", "N", n), DType.FP32);
        assertThat(triad.operations()).isEqualTo(2L * n);
        assertThat(triad.bytesMoved()).isEqualTo(12L * n);
        assertThat(triad.headline()).isEqualTo(HeadlineUnit.BYTE);
        for (Kernel k : new Kernel[] {new SoftmaxKernel(), new LayerNormKernel(), new RmsNormKernel()}) {
            assertBytesMatchTensors(k, Shape.of(k.id(), "R", r, "C", c), DType.FP32);
        }
        for (Kernel k : new Kernel[] {new GeluKernel(), new SiluKernel(), new TriadKernel()}) {
            assertBytesMatchTensors(k, Shape.of(k.id(), "N", n), DType.FP32);
        }
    }

    @Test
    void largeShapesDoNotOverflow() {
        // 2·M·N·K above 2^31 must be exact
        var w = new GemmKernel().work(Shape.of("gemm", "M", 8192, "N", 8192, "K", 8192), DType.FP32);
        assertThat(w.operations()).isEqualTo(2L * 8192 * 8192 * 8192);
    }
}
