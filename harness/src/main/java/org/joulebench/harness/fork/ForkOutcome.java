package org.joulebench.harness.fork;

import java.io.Serializable;
import java.util.List;

/**
 * What the fork knows that the parent must record, sent back through JMH's own channels: inside a
 * {@link ForkOutcomeResult} (a JMH result, like the stack profiler's) after every measured iteration, or
 * inside the {@link KernelBenchmark.VerificationFailedException} that JMH ships to the parent when setup
 * fails. Java-serialised by JMH, hence {@link Serializable} all the way down.
 *
 * @param verification the check against the reference, made before timing
 * @param batchSize kernel invocations per JMH call in the measured iterations
 * @param batchDecision {@code DECIDED} (by the rule, in this fork after warm-up), {@code GIVEN} (fork 1's n)
 *     or {@code FIXED} (by the caller), as {@link org.joulebench.results.record.ForkRecord} records it
 * @param batchRule how {@code batchSize} was chosen
 * @param singleInvocationNanos the rule's input when DECIDED: one invocation of the warmed kernel, ns (NaN
 *     otherwise)
 * @param targetCallNanos the rule's target time per JMH call (the prepared kernel's), ns
 * @param javaExecutable the fork's java binary
 * @param jvmArgs the arguments the fork JVM really ran with (its input arguments)
 * @param preparationMetrics figures the backend's own tools measured once at prepare (e.g. compile time)
 * @param prePackedWeights the weight inputs the prepared kernel laid out once at prepare, untimed (empty: every
 *     input read as given in each run)
 */
public record ForkOutcome(
        Verified verification,
        int batchSize,
        String batchDecision,
        String batchRule,
        double singleInvocationNanos,
        long targetCallNanos,
        String javaExecutable,
        List<String> jvmArgs,
        List<Metric> preparationMetrics,
        List<String> prePackedWeights)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ForkOutcome {
        jvmArgs = List.copyOf(jvmArgs);
        preparationMetrics = preparationMetrics == null ? List.of() : List.copyOf(preparationMetrics);
        prePackedWeights = prePackedWeights == null ? List.of() : List.copyOf(prePackedWeights);
    }

    /**
     * A serialisable copy of a {@link org.joulebench.kernels.spi.BackendMetric}: for {@code TOTAL} the sum over
     * {@code invocations} measured invocations, for {@code MEAN} the sum of {@code samples} readings, for
     * {@code ONCE} the figure.
     */
    public record Metric(
            String name, String unit, String kind, double value, long samples, String source, long invocations)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public static Metric of(org.joulebench.kernels.spi.BackendMetric m, long invocations) {
            return new Metric(m.name(), m.unit(), m.kind().name(), m.value(), m.samples(), m.source(), invocations);
        }

        /** Same quantity from the same tool: what may be summed across windows. */
        public String key() {
            return name + "|" + unit + "|" + kind + "|" + source;
        }
    }

    /** The verification outcome (a serialisable copy of the kernels module's result). */
    public record Verified(
            boolean passed,
            double maxRelativeError,
            double maxAbsoluteError,
            double relativeTolerance,
            double absoluteToleranceOfRms,
            long worstIndex,
            long seed,
            String message)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Verified of(org.joulebench.kernels.VerificationResult r, long seed) {
            return new Verified(
                    r.passed(),
                    r.maxRelativeError(),
                    r.maxAbsoluteError(),
                    r.tolerance().relative(),
                    r.tolerance().absoluteOfRms(),
                    r.worstIndex(),
                    seed,
                    r.message());
        }
    }

    /** The outcome of the benchmark set up last in this fork JVM ({@code null} before any). */
    private static volatile ForkOutcome current;

    static void publish(ForkOutcome outcome) {
        current = outcome;
    }

    public static ForkOutcome current() {
        return current;
    }
}
