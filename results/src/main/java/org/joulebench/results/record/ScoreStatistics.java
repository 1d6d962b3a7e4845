package org.joulebench.results.record;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The score's statistics as JMH computes them ({@code ListStatistics.getMeanErrorAt}): the mean of the
 * iterations and the half-width of its confidence interval, Student's t at {@code (1 + confidence) / 2} with
 * n - 1 degrees of freedom times the standard error. The harness writes scores with it and {@code check}
 * recomputes them with it, from the per-fork data, so both agree by construction.
 */
public final class ScoreStatistics {
    /** JMH's confidence level. */
    public static final double CONFIDENCE = 0.999;

    private ScoreStatistics() {}

    public static double mean(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    /** The half-width at {@code confidence}, or {@code null} for fewer than two values (no interval). */
    public static Double halfWidth(List<Double> values, double confidence) {
        int n = values.size();
        if (n < 2) {
            return null;
        }
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double hw = t * sd / Math.sqrt(n);
        return Double.isFinite(hw) ? hw : null;
    }
}
