package org.joulebench.backend.tornadovm;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.BeforeAll;

/** The TornadoVM backend against the conformance kit every backend runs, on the SDK's devices. */
class TornadoVmConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new TornadoVmProvider();
    }

    /**
     * TornadoVM's runtime is one per JVM and grows a daemon compile ("sketcher") pool of up to 4 threads on
     * its first compiles; it outlives any backend. Compiling every kernel once here, before the kit's leak
     * baselines, lets the leak checks see only what our backend leaves behind.
     */
    @BeforeAll
    void startTornadoVmsJvmWideThreads() throws Exception {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        try (Backend backend = provider().create()) {
            for (KernelVariant v : TornadoVmImplementation.SUPPORTED) {
                Kernel k = catalogue.kernel(v.kernelId());
                try (PreparedKernel p = backend.prepare(
                        k,
                        k.inputs(catalogue.shape(k.id(), Size.S), v.dtype(), 1),
                        backend.devices().getFirst())) {
                    p.run();
                }
            }
        }
    }

    /** Each prepare JIT-compiles a task graph for the device (about a second on PoCL): fewer cycles. */
    @Override
    protected int prepareCloseCycles() {
        return 10;
    }

    /** TornadoVM's runtime is one per JVM; opening the backend again only lists its devices. */
    @Override
    protected int openCloseCycles() {
        return 3;
    }
}
