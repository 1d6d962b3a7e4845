package org.joulebench.results.record;

import java.util.List;

/**
 * How JMH timed a result. Times in milliseconds.
 *
 * @param mode JMH mode ({@code avgt})
 * @param forks JMH forks
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTimeMillis length of each warm-up iteration
 * @param measurementIterations measured iterations per fork
 * @param measurementTimeMillis length of each measured iteration
 * @param threads benchmark threads
 * @param jvmArgs the arguments the fork JVM really ran with (harness flags, the backend's fork options)
 * @param javaExecutable the java binary of the fork ({@code null}: the harness's own; v1 records)
 * @param batchSize kernel invocations per JMH operation call (one completion wait per batch); scores and
 *     energy are per invocation. 1 in v1 records
 * @param batchRule how the batch size was chosen
 */
public record JmhSettings(
        String mode,
        int forks,
        int warmupIterations,
        long warmupTimeMillis,
        int measurementIterations,
        long measurementTimeMillis,
        int threads,
        List<String> jvmArgs,
        String javaExecutable,
        int batchSize,
        String batchRule) {
    public JmhSettings {
        jvmArgs = List.copyOf(jvmArgs);
        if (batchSize < 1) {
            batchSize = 1; // v1 records carry none: every call was one invocation
        }
    }
}
