package org.joulebench.results.record;

import java.util.List;

/**
 * The JMH primary score.
 *
 * @param value mean time per invocation in {@code unit}
 * @param error half-width of the confidence interval JMH reports ({@code NaN} cannot occur: {@code null}
 *     when JMH could not compute one, e.g. a single iteration)
 * @param confidence the confidence level of {@code error} (JMH uses 0.999)
 * @param unit e.g. {@code ms/op}
 * @param rawIterations every measurement iteration's score, all forks in order
 */
public record Score(double value, Double error, double confidence, String unit, List<Double> rawIterations) {
    public Score {
        rawIterations = List.copyOf(rawIterations);
    }

    /** Results whose 99.9 % half-width exceeds this fraction of the score are unstable. */
    public static final double UNSTABLE_RELATIVE_ERROR = 0.10;

    /** The half-width as a fraction of the score, {@code null} without an error. */
    public Double relativeError() {
        return error == null || value == 0 ? null : Math.abs(error / value);
    }

    /** True when the confidence interval is wider than {@link #UNSTABLE_RELATIVE_ERROR} of the score. */
    public boolean unstable() {
        Double r = relativeError();
        return r != null && r > UNSTABLE_RELATIVE_ERROR;
    }
}
