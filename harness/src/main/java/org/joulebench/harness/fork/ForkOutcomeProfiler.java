package org.joulebench.harness.fork;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * Attached to every joulebench run: after each measured iteration it hands the fork's {@link
 * ForkOutcome} (verification, batch size, the fork's real JVM arguments) to JMH as a {@link
 * ForkOutcomeResult}, which JMH carries to the parent with the iteration's other results, together with the
 * figures the backend's own tools measured over that iteration ({@link BackendMetricsWindow}): drained before
 * every iteration and kept after measured ones only, so warm-up and verification never count.
 */
public final class ForkOutcomeProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "joulebench: the fork's verification outcome, batch size and JVM arguments";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // what the backend measured before this iteration (verification, batch choice, warm-up) is not ours
        BackendMetricsWindow.discard();
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        ForkOutcome outcome = ForkOutcome.current();
        if (iterationParams.getType() != IterationType.MEASUREMENT || outcome == null) {
            BackendMetricsWindow.discard();
            return List.of();
        }
        long calls = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        long invocations = calls * outcome.batchSize();
        return List.of(new ForkOutcomeResult(outcome, BackendMetricsWindow.drain(invocations)));
    }
}
