package org.joulebench.harness.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.joulebench.harness.bench.ForkOutcome;
import org.joulebench.harness.bench.ForkOutcomeResult;
import org.joulebench.harness.bench.KernelBenchmark;
import org.joulebench.results.run.Score;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Reads what JMH brought back from the forks: typed results and typed exceptions, never the log. */
final class ForkResults {
    private ForkResults() {}

    /** The fork outcome of the first fork (all forks run the same case; verification is per fork). */
    static Optional<ForkOutcome> outcome(RunResult run) {
        for (org.openjdk.jmh.results.BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                Result<?> r = it.getSecondaryResults().get(ForkOutcomeResult.LABEL);
                if (r instanceof ForkOutcomeResult f) {
                    return Optional.of(f.outcome());
                }
            }
        }
        return Optional.empty();
    }

    /** Every throwable in a failure's cause chain and JMH's suppressed fork exceptions, outermost first. */
    static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(t, out, seen);
        return out;
    }

    private static void collect(Throwable t, List<Throwable> out, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.add(t);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
        collect(t.getCause(), out, seen);
    }

    /** The verification failure a fork threw, if that is why the run failed. */
    static Optional<KernelBenchmark.VerificationFailedException> verificationFailure(Throwable t) {
        return chain(t).stream()
                .filter(KernelBenchmark.VerificationFailedException.class::isInstance)
                .map(KernelBenchmark.VerificationFailedException.class::cast)
                .findFirst();
    }

    /**
     * The most telling message of a failed run: the fork's own exception (JMH wraps it in a {@code
     * BenchmarkException}, suppressed under the runner's), else the outermost message.
     */
    static String failure(Throwable t) {
        List<Throwable> all = chain(t);
        for (Throwable x : all) {
            String cls = x.getClass().getName();
            if (!cls.startsWith("org.openjdk.jmh.")) {
                return x.getClass().getName() + (x.getMessage() == null ? "" : ": " + x.getMessage());
            }
        }
        Throwable first = all.getFirst();
        return first.getClass().getSimpleName() + ": " + first.getMessage();
    }

    /** JMH's score is per call (one batch); the record's score is per kernel invocation. */
    static Score scorePerInvocation(RunResult run, int batchSize) {
        Result<?> primary = run.getPrimaryResult();
        List<Double> raw = new ArrayList<>();
        for (org.openjdk.jmh.results.BenchmarkResult br : run.getBenchmarkResults()) {
            for (IterationResult ir : br.getIterationResults()) {
                raw.add(ir.getPrimaryResult().getScore() / batchSize);
            }
        }
        double err = primary.getScoreError();
        return new Score(
                primary.getScore() / batchSize,
                Double.isFinite(err) ? err / batchSize : null,
                0.999,
                primary.getScoreUnit(),
                raw);
    }

    static Collection<String> labels(RunResult run) {
        return run.getSecondaryResults().keySet();
    }
}
