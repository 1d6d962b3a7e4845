package org.joulebench.kernels;

import java.util.List;
import org.joulebench.kernels.catalogue.AttentionKernel;
import org.joulebench.kernels.catalogue.Conv2dKernel;
import org.joulebench.kernels.catalogue.GeluKernel;
import org.joulebench.kernels.catalogue.GemmKernel;
import org.joulebench.kernels.catalogue.GemvKernel;
import org.joulebench.kernels.catalogue.LayerNormKernel;
import org.joulebench.kernels.catalogue.NoopKernel;
import org.joulebench.kernels.catalogue.QuantizedGemvKernel;
import org.joulebench.kernels.catalogue.RmsNormKernel;
import org.joulebench.kernels.catalogue.SiluKernel;
import org.joulebench.kernels.catalogue.SoftmaxKernel;
import org.joulebench.kernels.catalogue.TriadKernel;

/** The kernels of the standard catalogue, in the order {@code joulebench list} shows them. */
final class StandardKernels {
    private StandardKernels() {}

    static List<Kernel> all() {
        return List.of(
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
                new TriadKernel(),
                new NoopKernel());
    }
}
