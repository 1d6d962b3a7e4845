package org.joulebench.backend.external;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/**
 * The external backend with the PyTorch runner against the conformance kit; skipped with the runner's reason where
 * torch does not import (CI installs no torch: see backends/external/README.md for why and what it costs).
 */
class TorchRunnerConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new TorchRunnerProvider();
    }
}
