package org.joulebench.harness.bench;

import java.util.Collection;
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

    public ForkOutcomeResult(ForkOutcome outcome) {
        // the score is the batch size, so plain JMH output shows something meaningful
        super(
                ResultRole.SECONDARY,
                LABEL,
                new SingletonStatistics(outcome.batchSize()),
                "invocations/call",
                AggregationPolicy.MAX);
        this.outcome = outcome;
    }

    public ForkOutcome outcome() {
        return outcome;
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
