package org.joulebench.backend.cuda;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/** The shared conformance kit, unchanged; it skips with the provider's reason where CUDA cannot be used. */
class CudaConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new CudaBackendProvider();
    }
}
