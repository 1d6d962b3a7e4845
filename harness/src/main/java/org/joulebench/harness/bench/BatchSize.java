package org.joulebench.harness.bench;

import org.joulebench.kernels.spi.PreparedKernel;

/**
 * Chooses how many kernel invocations one JMH call runs ({@link PreparedKernel#runBatch(int)}).
 *
 * <p>Rule: after verification, single invocations are timed for at least {@value #PROBE_NANOS} ns (at least
 * one run), grouped into consecutive slices of at least {@value #SLICE_NANOS} ns; {@code t_single} is the
 * fastest slice's time per invocation, and {@code n = clamp(ceil(TARGET / t_single), 1, MAX)} with TARGET =
 * {@value #TARGET_CALL_NANOS} ns. One JMH call then lasts at least ~1 ms, so JMH's own per-call cost (tens of
 * ns, see the {@code noop} kernel) and a device backend's completion wait per batch stay below ~0.1 % of the
 * time, while kernels that already take a millisecond or more run one at a time. The fastest slice, not the
 * mean: the probe starts before JIT warm-up (a small Vector API kernel runs 100x slower interpreted), and on a
 * busy machine a mean over the probe reflects that start and any time the thread was descheduled, which made
 * {@code n} so small that the per-call cost was ~10 % of a short kernel's time.
 */
public final class BatchSize {
    public static final long TARGET_CALL_NANOS = 1_000_000;
    public static final long PROBE_NANOS = 50_000_000;
    public static final long SLICE_NANOS = 1_000_000;
    public static final int MAX = 1_000_000;

    public static final String RULE = "n = clamp(ceil(1 ms / t_single), 1, 1e6), t_single = the fastest >= 1 ms"
            + " slice of single invocations timed over >= 50 ms after verification";

    private BatchSize() {}

    /** The chosen size and the single-invocation time it came from. */
    public record Choice(int batchSize, double singleInvocationNanos, String rule) {}

    public static Choice choose(PreparedKernel kernel, int forced) {
        long start = System.nanoTime();
        long sliceStart = start;
        long sliceRuns = 0;
        long runs = 0;
        double fastest = Double.POSITIVE_INFINITY;
        long now;
        do {
            kernel.run();
            runs++;
            sliceRuns++;
            now = System.nanoTime();
            if (now - sliceStart >= SLICE_NANOS) {
                fastest = Math.min(fastest, (double) (now - sliceStart) / sliceRuns);
                sliceStart = now;
                sliceRuns = 0;
            }
        } while (now - start < PROBE_NANOS && runs < MAX);
        double single = Double.isInfinite(fastest) ? (double) (now - start) / runs : fastest;
        if (forced > 0) {
            return new Choice(forced, single, "fixed: " + forced + " (batch parameter)");
        }
        long target = kernel.minimumCallNanos();
        if (target > TARGET_CALL_NANOS) { // the backend asks for longer calls (a per-call round trip to a process)
            double n = Math.ceil(target / Math.max(single, 1e-3));
            return new Choice(
                    (int) Math.max(1, Math.min(MAX, n)),
                    single,
                    RULE.replace("1 ms", target / 1e6 + " ms (the backend's minimum call time)"));
        }
        return new Choice(of(single), single, RULE);
    }

    static int of(double singleInvocationNanos) {
        double n = Math.ceil(TARGET_CALL_NANOS / Math.max(singleInvocationNanos, 1e-3));
        return (int) Math.max(1, Math.min(MAX, n));
    }
}
