package org.joulebench.results.run;

import java.util.List;

/** How JMH timed a result. Times in milliseconds. */
public record JmhSettings(
        String mode,
        int forks,
        int warmupIterations,
        long warmupTimeMillis,
        int measurementIterations,
        long measurementTimeMillis,
        int threads,
        List<String> jvmArgs) {
    public JmhSettings {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
