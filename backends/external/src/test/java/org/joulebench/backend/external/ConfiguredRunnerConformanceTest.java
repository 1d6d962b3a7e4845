package org.joulebench.backend.external;

import org.joulebench.backend.conformance.BackendConformanceKit;
import org.joulebench.kernels.spi.BackendProvider;

/**
 * The conformance kit over YOUR runner: the one named by {@code JOULEBENCH_RUNNER} (a command line or a descriptor
 * file), exactly as {@code joulebench run --runner} would start it. Skipped, with the reason, when none is named:
 *
 * <pre>{@code
 * JOULEBENCH_RUNNER=/path/to/npu.runner.json ./mvnw -B -pl backends/external -am test \
 *     -Dtest=ConfiguredRunnerConformanceTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class ConfiguredRunnerConformanceTest extends BackendConformanceKit {
    @Override
    protected BackendProvider provider() {
        return new ExternalBackendProvider();
    }
}
