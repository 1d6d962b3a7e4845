package org.joulebench.harness.fork;

import java.util.Locale;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * Chooses how many kernel invocations one JMH call runs ({@link PreparedKernel#runBatch(int)}).
 *
 * <p>Rule: single invocations are timed for at least {@value #PROBE_NANOS} ns (at least one run), grouped into
 * consecutive slices of at least {@value #SLICE_NANOS} ns; {@code t_single} is the fastest slice's time per
 * invocation, and {@code n = clamp(ceil(target / t_single), 1, MAX)}, the target being the prepared kernel's
 * {@link PreparedKernel#batchTargetNanos()} (1 ms on the CPU). One JMH call then lasts about the target, so
 * the per-call cost (JMH's, a device's completion wait) stays a negligible share, while kernels that already
 * take longer run one at a time.
 *
 * <p>When: the kernel is probed once before warm-up (a provisional n, so warm-up calls have a sensible
 * length) and again after the last warm-up iteration, on the warmed kernel; that second n is final and every
 * later fork of the case is given it (schema 3). Before, each fork chose from the pre-warm-up probe alone,
 * and n varied about tenfold between forks of one case (a small Vector API kernel runs 100x slower before C2).
 * The fastest slice, not the mean: a mean reflects any time the thread was descheduled on a busy machine.
 */
public final class BatchSize {
    public static final long PROBE_NANOS = 50_000_000;
    public static final long SLICE_NANOS = 1_000_000;
    public static final int MAX = 1_000_000;

    private BatchSize() {}

    /** The chosen size, the single-invocation time it came from (ns) and the target it aimed at (ns). */
    public record Choice(int batchSize, double singleInvocationNanos, long targetNanos, String rule) {}

    /** The rule as recorded, with this kernel's target. */
    public static String rule(long targetNanos) {
        return String.format(
                Locale.ROOT,
                "n = clamp(ceil(%s / t_single), 1, 1e6), t_single = the fastest >= 1 ms slice of single invocations"
                        + " timed over >= 50 ms after warm-up in fork 1; later forks are given fork 1's n",
                millisText(targetNanos));
    }

    /** Times single invocations of {@code kernel} and applies the rule. */
    public static Choice choose(PreparedKernel kernel) {
        long target = Math.max(1, kernel.batchTargetNanos());
        double single = probe(kernel);
        return new Choice(of(single, target), single, target, rule(target));
    }

    /** A batch size set by the caller (given by fork 1, or fixed by a measurement that needs one). */
    public static Choice fixed(PreparedKernel kernel, int n, String rule) {
        return new Choice(n, Double.NaN, Math.max(1, kernel.batchTargetNanos()), rule);
    }

    static double probe(PreparedKernel kernel) {
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
        return Double.isInfinite(fastest) ? (double) (now - start) / runs : fastest;
    }

    static int of(double singleInvocationNanos, long targetNanos) {
        double n = Math.ceil(targetNanos / Math.max(singleInvocationNanos, 1e-3));
        return (int) Math.max(1, Math.min(MAX, n));
    }

    private static String millisText(long nanos) {
        double ms = nanos / 1e6;
        return (ms == Math.rint(ms) ? String.valueOf((long) ms) : String.valueOf(ms)) + " ms";
    }
}
