package org.joulebench.harness.fork;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.SingletonStatistics;

/**
 * A JMH secondary result that carries the fork's {@link ForkOutcome} to the parent. JMH aggregates
 * results across threads and iterations; all copies within a fork are equal, so any one stands for all.
 */
public final class ForkOutcomeResult extends Result<ForkOutcomeResult> {
    private static final long serialVersionUID = 1L;

    public static final String LABEL = "joulebench.fork";

    private final ForkOutcome outcome;
    private final List<ForkOutcome.Metric> windowMetrics;

    public ForkOutcomeResult(ForkOutcome outcome) {
        this(outcome, List.of());
    }

    /**
     * @param windowMetrics the backend's own figures drained over this one measured iteration (totals with the
     *     iteration's invocation count)
     */
    public ForkOutcomeResult(ForkOutcome outcome, List<ForkOutcome.Metric> windowMetrics) {
        // the score is the batch size, so plain JMH output shows something meaningful
        super(
                ResultRole.SECONDARY,
                LABEL,
                new SingletonStatistics(outcome.batchSize()),
                "invocations/call",
                AggregationPolicy.MAX);
        this.outcome = outcome;
        this.windowMetrics = List.copyOf(windowMetrics);
    }

    public ForkOutcome outcome() {
        return outcome;
    }

    /** The backend's own figures over this measured iteration; empty when it reports none. */
    public List<ForkOutcome.Metric> windowMetrics() {
        return windowMetrics;
    }

    @Override
    protected Aggregator<ForkOutcomeResult> getThreadAggregator() {
        return ForkOutcomeResult::first;
    }

    @Override
    protected Aggregator<ForkOutcomeResult> getIterationAggregator() {
        return ForkOutcomeResult::first;
    }

    private static ForkOutcomeResult first(Collection<ForkOutcomeResult> results) {
        return results.iterator().next();
    }

    @Override
    public String extendedInfo() {
        return "";
    }
}
