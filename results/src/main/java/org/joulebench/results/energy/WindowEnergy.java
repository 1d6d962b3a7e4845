package org.joulebench.results.energy;

/**
 * One window's energy as its raw readings give it (see {@link EnergyArithmetic#window}).
 *
 * @param fork fork number, from 1
 * @param iteration measured iteration within the fork, from 1; 0 for an idle window
 * @param invocations kernel invocations in the window (0 for an idle window)
 * @param seconds the window's length, {@code (endNanos - startNanos) / 1e9}
 * @param joules energy in the window, in joules; {@code NaN} when the window has no figure
 * @param joulesPerInvocation {@code joules / invocations}; {@code NaN} for an idle window or one without a figure
 * @param shortWindow true when the window is shorter than the sensor's minimum window ({@link
 *     EnergyArithmetic#isShort})
 * @param problem why the window has no figure (the sensor's error, a missing reading, no sample, a counter that
 *     went backwards, no length); {@code null} when it has one
 */
public record WindowEnergy(
        int fork,
        int iteration,
        long invocations,
        double seconds,
        double joules,
        double joulesPerInvocation,
        boolean shortWindow,
        String problem) {

    /** True when the window has a figure. */
    public boolean usable() {
        return problem == null;
    }
}
