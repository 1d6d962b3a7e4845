package org.joulebench.backend.cpu;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/** The CPU backend against the conformance kit every backend runs. */
class CpuConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new CpuBackendProvider();
    }
}
