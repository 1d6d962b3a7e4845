package org.joulebench.harness.bench;

import org.joulebench.kernels.spi.PreparedKernel;

/**
 * Chooses how many kernel invocations one JMH call runs ({@link PreparedKernel#runBatch(int)}).
 *
 * <p>Rule: after verification, single invocations are timed until at least {@value #PROBE_NANOS} ns have
 * passed (at least one run); then {@code n = clamp(ceil(TARGET / t_single), 1, MAX)} with TARGET =
 * {@value #TARGET_CALL_NANOS} ns. One JMH call then lasts at least ~1 ms, so JMH's own per-call cost
 * (tens of ns, see the {@code noop} kernel) and a device backend's completion wait per batch stay
 * below ~0.1 % of the time, while kernels that already take a millisecond or more run one at a time.
 * {@code t_single} is measured before JIT warm-up, so it errs long and {@code n} errs small.
 */
public final class BatchSize {
    public static final long TARGET_CALL_NANOS = 1_000_000;
    public static final long PROBE_NANOS = 20_000_000;
    public static final int MAX = 1_000_000;

    public static final String RULE =
            "n = clamp(ceil(1 ms / t_single), 1, 1e6), t_single timed over >= 20 ms" + " after verification";

    private BatchSize() {}

    /** The chosen size and the single-invocation time it came from. */
    public record Choice(int batchSize, double singleInvocationNanos, String rule) {}

    public static Choice choose(PreparedKernel kernel, int forced) {
        long start = System.nanoTime();
        long runs = 0;
        long now;
        do {
            kernel.run();
            runs++;
            now = System.nanoTime();
        } while (now - start < PROBE_NANOS && runs < MAX);
        double single = (double) (now - start) / runs;
        if (forced > 0) {
            return new Choice(forced, single, "fixed: " + forced + " (batch parameter)");
        }
        return new Choice(of(single), single, RULE);
    }

    static int of(double singleInvocationNanos) {
        double n = Math.ceil(TARGET_CALL_NANOS / Math.max(singleInvocationNanos, 1e-3));
        return (int) Math.max(1, Math.min(MAX, n));
    }
}
