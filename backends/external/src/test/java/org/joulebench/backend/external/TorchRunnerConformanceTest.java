package org.joulebench.backend.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.BackendProvider;
import org.junit.jupiter.api.Test;

/**
 * The external backend with the PyTorch runner against the conformance kit. CI installs torch (.ci/run, its own
 * venv named by {@code JOULEBENCH_TORCH_PYTHON}) and the kit must run there; elsewhere it skips with the runner's
 * reason where torch does not import.
 */
class TorchRunnerConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new TorchRunnerProvider();
    }

    /** Under CI the kit over the PyTorch runner may not skip: an unavailable runner fails here with its reason. */
    @Test
    void theTorchRunnerIsAvailableInCi() {
        assumeTrue("true".equals(System.getenv("CI")), "not CI: the kit skips where torch does not import");
        Availability a = new TorchRunnerProvider().availability();
        assertThat(a.available())
                .as("the PyTorch runner in CI (.ci/run installs torch): %s", a.reason())
                .isTrue();
    }
}
