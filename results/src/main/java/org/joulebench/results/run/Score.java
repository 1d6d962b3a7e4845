package org.joulebench.results.run;

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
}
