package org.joulebench.results.record;

import java.util.List;
import java.util.Locale;

/**
 * Whether the forks of one result agree (schema 3): their means may differ by no more than their own
 * spreads allow. Forks run the same kernel in fresh JVMs; when they disagree beyond their intervals the
 * difference lies between forks (JIT decisions, placement, a machine whose speed drifted), and averaging them
 * silently would hide it — so the result is flagged with the reason, beside {@code UNSTABLE}.
 *
 * <p>Rule: every pair of forks' 99.9 % intervals (mean ± half-width over that fork's iterations) overlap.
 * A fork with one iteration has no interval and is compared by its mean alone.
 *
 * @param consistent true when every pair of fork intervals overlaps
 * @param reason for an inconsistent result, the two forks furthest apart with their means; else {@code null}
 */
public record ForkConsistency(boolean consistent, String reason) {

    /** {@code null} for fewer than two forks: there is nothing to compare. */
    public static ForkConsistency of(List<ForkRecord> forks) {
        if (forks == null || forks.size() < 2) {
            return null;
        }
        ForkRecord low = null;
        ForkRecord high = null;
        for (ForkRecord f : forks) {
            if (low == null || f.millisPerInvocation() < low.millisPerInvocation()) {
                low = f;
            }
            if (high == null || f.millisPerInvocation() > high.millisPerInvocation()) {
                high = f;
            }
        }
        boolean overlap = true;
        for (ForkRecord a : forks) {
            for (ForkRecord b : forks) {
                if (upper(a) < lower(b)) {
                    overlap = false;
                }
            }
        }
        if (overlap) {
            return new ForkConsistency(true, null);
        }
        return new ForkConsistency(
                false,
                String.format(
                        Locale.ROOT,
                        "forks disagree: fork %d %.4g ms vs fork %d %.4g ms per invocation (x%.2f), beyond their 99.9 %%"
                                + " intervals",
                        low.fork(),
                        low.millisPerInvocation(),
                        high.fork(),
                        high.millisPerInvocation(),
                        high.millisPerInvocation() / low.millisPerInvocation()));
    }

    private static double upper(ForkRecord f) {
        return f.millisPerInvocation() + (f.errorMillisPerInvocation() == null ? 0 : f.errorMillisPerInvocation());
    }

    private static double lower(ForkRecord f) {
        return f.millisPerInvocation() - (f.errorMillisPerInvocation() == null ? 0 : f.errorMillisPerInvocation());
    }
}
