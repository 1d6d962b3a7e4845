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
import org.joulebench.results.run.BackendMetricRecord;
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

    /**
     * The backend's own figures: per key (name, unit, kind, source), the totals of every measured iteration of
     * every fork summed and divided by the invocations JMH counted in them (TOTAL), or the mean of the
     * readings (MEAN); then the fork's prepare-time figures (ONCE) as they are.
     */
    static List<BackendMetricRecord> backendMetrics(RunResult run, ForkOutcome outcome) {
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>(); // value, samples, invocations, windows
        java.util.Map<String, ForkOutcome.Metric> firsts = new java.util.LinkedHashMap<>();
        for (org.openjdk.jmh.results.BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                if (it.getSecondaryResults().get(ForkOutcomeResult.LABEL) instanceof ForkOutcomeResult f) {
                    for (ForkOutcome.Metric m : f.windowMetrics()) {
                        double[] s = sums.computeIfAbsent(m.key(), k -> new double[4]);
                        firsts.putIfAbsent(m.key(), m);
                        s[0] += m.value();
                        s[1] += m.samples();
                        s[2] += m.invocations();
                        s[3] += 1;
                    }
                }
            }
        }
        List<BackendMetricRecord> out = new ArrayList<>();
        sums.forEach((key, s) -> {
            ForkOutcome.Metric m = firsts.get(key);
            boolean mean = "MEAN".equals(m.kind());
            if (!mean && s[2] <= 0) {
                return; // no invocation counted: nothing to divide by
            }
            out.add(new BackendMetricRecord(
                    m.name(),
                    m.unit(),
                    mean ? BackendMetricRecord.MEAN : BackendMetricRecord.PER_INVOCATION,
                    mean ? s[0] / s[1] : s[0] / s[2],
                    m.source(),
                    (int) s[3],
                    (long) s[2]));
        });
        if (outcome != null) {
            for (ForkOutcome.Metric m : outcome.preparationMetrics()) {
                out.add(new BackendMetricRecord(
                        m.name(), m.unit(), BackendMetricRecord.ONCE, m.value(), m.source(), 0, 0));
            }
        }
        return out;
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
