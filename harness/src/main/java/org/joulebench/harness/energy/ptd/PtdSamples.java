package org.joulebench.harness.energy.ptd;

import java.util.List;
import java.util.Locale;

/**
 * What makes a meter window invalid (its energy is then an error with the reason, never a number): a
 * sample or statistic that is not finite, negative, or above {@link #MAX_WATTS}; statistics that contradict
 * themselves (minimum above maximum, average outside them, more valid samples than samples).
 */
final class PtdSamples {
    /**
     * Most watts a sample may show. No single analyser channel measures a megawatt system (the run-record
     * schema bounds power at 1 MW for the same reason); more is a unit error or a broken meter.
     */
    static final double MAX_WATTS = 1_000_000;

    /** Slack for the average against min and max: the meter prints them rounded. */
    static final double ROUNDING_WATTS = 1e-3;

    private PtdSamples() {}

    /** Why the window is invalid, or {@code null} when it is not. */
    static String invalid(PtdClient.WattsStats stats, List<Double> samples) {
        for (int i = 0; i < samples.size(); i++) {
            String why = impossible(samples.get(i));
            if (why != null) {
                return "meter sample " + (i + 1) + " of " + samples.size() + " is " + why + ": the window is invalid";
            }
        }
        if (stats.samples() == 0 && samples.isEmpty()) {
            return null; // no samples at all: reported by the caller
        }
        for (double w : List.of(stats.averageWatts(), stats.minWatts(), stats.maxWatts())) {
            String why = impossible(w);
            if (why != null) {
                return "meter reported an invalid power " + fmt(w) + " W (" + why + "): the window is invalid";
            }
        }
        if (stats.minWatts() > stats.maxWatts() + ROUNDING_WATTS
                || stats.averageWatts() < stats.minWatts() - ROUNDING_WATTS
                || stats.averageWatts() > stats.maxWatts() + ROUNDING_WATTS) {
            return "meter statistics contradict themselves (average " + fmt(stats.averageWatts()) + " W, min "
                    + fmt(stats.minWatts()) + " W, max " + fmt(stats.maxWatts()) + " W): the window is invalid";
        }
        if (stats.samples() < 0
                || stats.errors() < 0
                || stats.validSamples() < 0
                || stats.validSamples() > stats.samples()) {
            return "meter sample counts contradict themselves (" + stats.samples() + " samples, " + stats.validSamples()
                    + " valid, " + stats.errors() + " errors): the window is invalid";
        }
        return null;
    }

    private static String impossible(double w) {
        if (!Double.isFinite(w)) {
            return "not a number (" + w + ")";
        }
        if (w < 0) {
            return "negative (" + fmt(w) + " W)";
        }
        if (w > MAX_WATTS) {
            return "above " + fmt(MAX_WATTS) + " W (" + fmt(w) + " W), physically impossible for one analyser channel";
        }
        return null;
    }

    private static String fmt(double w) {
        return String.format(Locale.ROOT, "%.6g", w);
    }
}
