package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The java-prepacked implementation lays the catalogue's weight inputs out once at prepare, says which, and
 * computes exactly what the per-call kernels compute (same blocking, same order of additions: the same bits).
 */
class PrePackedWeightsTest {
    private final KernelCatalogue catalogue = KernelCatalogue.standard();

    @ParameterizedTest(name = "{0} {1}, {2} threads")
    @CsvSource({"gemm, S, 2, B", "gemm, custom, 3, B", "conv2d, S, 2, weight", "conv2d, custom, 2, weight"})
    void prePackedWeightsGiveTheSameBitsAsPackingPerCallAndAreNamed(String id, String size, int threads, String w)
            throws Exception {
        Kernel kernel = catalogue.kernel(id);
        // custom: edges everywhere (columns not a multiple of the panel width, K not a multiple of the K block)
        Shape shape = size.equals("custom")
                ? catalogue.customShape(
                        id, id.equals("gemm") ? "M=37,N=70,K=300" : "N=2,C=5,H=9,W=11,K=13,R=3,S=3,STRIDE=2,PAD=1")
                : catalogue.shape(id, Size.valueOf(size));
        KernelInputs in = kernel.inputs(shape, DType.FP32, 3);
        try (CpuBackend backend = new CpuBackend(threads);
                PreparedKernel perCall =
                        backend.prepare(kernel, in, backend.devices().getFirst(), "java");
                PreparedKernel pre =
                        backend.prepare(kernel, in, backend.devices().getFirst(), "java-prepacked")) {
            assertThat(perCall.prePackedWeights()).isEmpty();
            assertThat(pre.prePackedWeights()).containsExactly(w);
            assertThat(kernel.weightInputs()).contains(w);
            for (int run = 0; run < 3; run++) { // the packed weights survive runs
                perCall.run();
                pre.run();
                assertThat(pre.output().f32()).isEqualTo(perCall.output().f32());
            }
            assertThat(kernel.verify(in, pre.output()).passed()).isTrue();
        }
    }

    @Test
    void kernelsWithoutAPrePackedFormAreRefusedByName() throws Exception {
        Kernel softmax = catalogue.kernel("softmax");
        KernelInputs in = softmax.inputs(catalogue.shape("softmax", Size.S), DType.FP32, 1);
        try (CpuBackend backend = new CpuBackend(2)) {
            assertThatThrownBy(
                            () -> backend.prepare(softmax, in, backend.devices().getFirst(), "java-prepacked"))
                    .isInstanceOf(BackendException.class)
                    .hasMessage("cpu backend's java-prepacked implementation does not implement softmax/fp32; it"
                            + " implements [conv2d/fp32, gemm/fp32]");
        }
    }
}
