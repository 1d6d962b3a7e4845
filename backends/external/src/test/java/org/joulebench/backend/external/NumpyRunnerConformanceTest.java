package org.joulebench.backend.external;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/** The external backend with the NumPy reference runner against the conformance kit every backend runs. */
class NumpyRunnerConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new NumpyRunnerProvider();
    }

    /** Without numpy the kit skips; in CI that must fail instead (CI installs numpy: .ci/run). */
    @org.junit.jupiter.api.Test
    void theNumpyRunnerRunsHereInCi() {
        Runners.assumeNumpy();
        org.assertj.core.api.Assertions.assertThat(provider().availability().available())
                .as(provider().availability().reason())
                .isTrue();
    }
}
