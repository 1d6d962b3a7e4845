package org.joulebench.backend.cuda;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/**
 * The shared conformance kit, unchanged. Where there is no GPU it runs against the stand-in CUDA driver
 * (built here with gcc, see {@link StandInDriver}) through JCuda's real natives; where gcc is missing too it
 * skips with the provider's reason.
 */
class CudaConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        StandInDriver.build();
        return new CudaBackendProvider();
    }
}
