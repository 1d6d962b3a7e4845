package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.spi.Backend;
import org.junit.jupiter.api.Test;

/**
 * Every kernel {@code ours} implements, run on the first GPU and verified against the catalogue's
 * reference, with a batch. Skips with the provider's reason where CUDA cannot be used (no GPU here). To be
 * replaced by the shared conformance kit once it lands.
 */
class CudaConformanceTest {
    @Test
    void everyImplementedKernelVerifiesOnTheFirstGpu() throws Exception {
        CudaBackendProvider provider = new CudaBackendProvider();
        var a = provider.availability();
        assumeTrue(a.available(), "cuda unavailable: " + a.reason());
        try (Backend backend = provider.create()) {
            var gpu = backend.devices().getFirst();
            for (CudaKernelSpec spec : CudaKernels.all()) {
                var kernel = KernelCatalogue.standard().kernel(spec.kernelId());
                var shape = KernelCatalogue.standard().shape(spec.kernelId(), org.joulebench.kernels.Size.S);
                var inputs = kernel.inputs(shape, spec.dtype(), 7);
                try (var prepared = backend.prepare(kernel, inputs, gpu, CudaBackendProvider.OURS)) {
                    prepared.runBatch(3);
                    var result = kernel.verify(inputs, prepared.output());
                    assertThat(result.passed())
                            .as(spec.kernelId() + "/" + spec.dtype().id() + ": " + result)
                            .isTrue();
                }
            }
        }
    }
}
