package org.joulebench.harness.fork;

import java.util.List;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * The fork's link between the prepared kernel and {@link ForkOutcomeProfiler}: the profiler drains the
 * kernel's own figures ({@link PreparedKernel#drainMetrics()}) before every iteration (discarded) and after
 * every measured one (kept, with the invocations JMH counted in it).
 */
final class BackendMetricsWindow {
    private static volatile PreparedKernel kernel;

    /** What the kernel reported when it was detached (trial tear-down runs inside the last iteration). */
    private static volatile List<BackendMetric> pending = List.of();

    private BackendMetricsWindow() {}

    static void attach(PreparedKernel prepared) {
        kernel = prepared;
        pending = List.of();
    }

    /** Before the kernel is closed: keeps what it measured since the last drain for the iteration's end. */
    static void detach() {
        PreparedKernel k = kernel;
        kernel = null;
        pending = k == null ? List.of() : k.drainMetrics();
    }

    /** Forgets what the kernel measured so far. */
    static void discard() {
        PreparedKernel k = kernel;
        pending = List.of();
        if (k != null) {
            k.drainMetrics();
        }
    }

    /** What the kernel measured since the last drain, with the window's invocation count. */
    static List<ForkOutcome.Metric> drain(long invocations) {
        PreparedKernel k = kernel;
        List<BackendMetric> reported = k == null ? pending : k.drainMetrics();
        pending = List.of();
        return reported.stream()
                .filter(m -> m.kind() != BackendMetric.Kind.ONCE)
                .map(m -> ForkOutcome.Metric.of(m, invocations))
                .toList();
    }
}
