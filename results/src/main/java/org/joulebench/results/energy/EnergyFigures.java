package org.joulebench.results.energy;

import java.util.List;

/**
 * The figures of one energy domain, derived from its raw readings by {@link EnergyArithmetic#figures}: what a
 * record's {@code DomainEnergy} must say. "op" is one kernel invocation. Sums and means are over the usable measured
 * windows only.
 *
 * @param windows every measured window, in record order, usable or not
 * @param idle every idle window, usable or not
 * @param usableWindows measured windows with a figure; the other figures are {@code NaN} when there is none
 * @param joules total energy of the usable measured windows, in joules
 * @param seconds their total length, in seconds
 * @param invocations their total kernel invocations
 * @param joulesPerOpPerIteration each usable measured window's joules per invocation, in order
 * @param joulesPerOp the mean of {@code joulesPerOpPerIteration}, in joules
 * @param joulesPerOpError its sample standard deviation (n - 1), {@code null} with fewer than two windows
 * @param averagePowerWatts {@code joules / seconds}
 * @param idlePowerWatts idle joules / idle seconds over the usable idle windows; {@code null} without one
 * @param dynamicJoulesPerOp the mean over the usable measured windows of {@code (joules - idlePower x seconds) /
 *     invocations}; {@code null} without idle power
 * @param picojoulesPerUnit {@code joulesPerOp / headline units per invocation x 1e12} (pJ/FLOP, pJ/op, pJ/byte)
 * @param unitsPerJoule {@code headline units per invocation / joulesPerOp / 1e9} (GFLOP/J, GOP/J, GB/J)
 * @param minimumWindowMillis the minimum window the short-window rule used, in milliseconds
 * @param shortWindows usable measured windows shorter than {@code minimumWindowMillis}
 * @param shortIdleWindows usable idle windows shorter than {@code minimumWindowMillis}
 */
public record EnergyFigures(
        List<WindowEnergy> windows,
        List<WindowEnergy> idle,
        int usableWindows,
        double joules,
        double seconds,
        long invocations,
        List<Double> joulesPerOpPerIteration,
        double joulesPerOp,
        Double joulesPerOpError,
        double averagePowerWatts,
        Double idlePowerWatts,
        Double dynamicJoulesPerOp,
        double picojoulesPerUnit,
        double unitsPerJoule,
        double minimumWindowMillis,
        int shortWindows,
        int shortIdleWindows) {

    public EnergyFigures {
        windows = List.copyOf(windows);
        idle = List.copyOf(idle);
        joulesPerOpPerIteration = List.copyOf(joulesPerOpPerIteration);
    }

    /** The measured windows without a figure. */
    public List<WindowEnergy> unusableWindows() {
        return windows.stream().filter(w -> !w.usable()).toList();
    }
}
