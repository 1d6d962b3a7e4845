package org.joulebench.backend.external;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/** The external backend with the NumPy reference runner against the conformance kit every backend runs. */
class NumpyRunnerConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new NumpyRunnerProvider();
    }
}
