package org.joulebench.results.record;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * This result against another implementation of the same kernel, dtype and shape on the same device, measured
 * in alternating forks (this fork 1, the other's fork 1, this fork 2, ...): the ratio of their throughputs fork
 * pair by fork pair, so that drift of a shared, noisy machine between pairs cancels instead of landing on one side.
 *
 * @param versusImplementation the other implementation's id on the same device
 * @param ratio this result's throughput ÷ the other's: the geometric mean over the pairs of (the other fork's
 *     time per invocation ÷ this fork's)
 * @param low lower end of its 95 % interval (Student's t on the pairs' log ratios); {@code null} with one pair
 * @param high upper end; {@code null} with one pair
 * @param pairs fork pairs the ratio was computed from (fork k of each)
 */
public record PairedRatio(String versusImplementation, double ratio, Double low, Double high, int pairs) {

    /** The interval's confidence. */
    public static final double CONFIDENCE = 0.95;

    /** The paired ratio of {@code mine} against {@code theirs}, pairing fork k with fork k; null without a pair. */
    public static PairedRatio of(String versusImplementation, List<ForkRecord> mine, List<ForkRecord> theirs) {
        int pairs = Math.min(mine.size(), theirs.size());
        if (pairs == 0) {
            return null;
        }
        List<Double> logs = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            logs.add(Math.log(theirs.get(k).millisPerInvocation() / mine.get(k).millisPerInvocation()));
        }
        double mean = ScoreStatistics.mean(logs);
        if (pairs < 2) {
            return new PairedRatio(versusImplementation, Math.exp(mean), null, null, pairs);
        }
        double ss = 0;
        for (double l : logs) {
            ss += (l - mean) * (l - mean);
        }
        double se = Math.sqrt(ss / (pairs - 1)) / Math.sqrt(pairs);
        double t = new TDistribution(pairs - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return new PairedRatio(
                versusImplementation, Math.exp(mean), Math.exp(mean - t * se), Math.exp(mean + t * se), pairs);
    }
}
