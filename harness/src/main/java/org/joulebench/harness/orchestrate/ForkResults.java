package org.joulebench.harness.orchestrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.joulebench.harness.fork.ForkOutcome;
import org.joulebench.harness.fork.ForkOutcomeResult;
import org.joulebench.harness.fork.KernelBenchmark;
import org.joulebench.results.record.BackendMetricRecord;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.Score;
import org.joulebench.results.record.ScoreStatistics;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Reads what JMH brought back from the forks: typed results and typed exceptions, never the log. */
final class ForkResults {
    private ForkResults() {}

    /** The outcome a one-fork JMH call's fork sent (verification, batch size, JVM arguments). */
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
     * every fork summed and divided by the invocations JMH counted in them (each fork counted with its own batch
     * size, by the fork itself), or the mean of the readings (MEAN); then the prepare-time figures (ONCE), the
     * mean over the forks that reported them ({@code windows} = that number of forks).
     */
    static List<BackendMetricRecord> backendMetrics(List<ForkRun> forks) {
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>(); // value, samples, invocations, windows
        java.util.Map<String, ForkOutcome.Metric> firsts = new java.util.LinkedHashMap<>();
        for (ForkRun fr : forks) {
            for (org.openjdk.jmh.results.BenchmarkResult fork : fr.run().getBenchmarkResults()) {
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
        java.util.Map<String, double[]> once = new java.util.LinkedHashMap<>(); // sum, forks
        java.util.Map<String, ForkOutcome.Metric> onceFirsts = new java.util.LinkedHashMap<>();
        for (ForkRun fr : forks) {
            for (ForkOutcome.Metric m : fr.outcome().preparationMetrics()) {
                double[] s = once.computeIfAbsent(m.key(), k -> new double[2]);
                onceFirsts.putIfAbsent(m.key(), m);
                s[0] += m.value();
                s[1] += 1;
            }
        }
        once.forEach((key, s) -> {
            ForkOutcome.Metric m = onceFirsts.get(key);
            out.add(new BackendMetricRecord(
                    m.name(), m.unit(), BackendMetricRecord.ONCE, s[0] / s[1], m.source(), 0, 0));
        });
        return out;
    }

    /**
     * One fork's record: its batch size and where it came from (the fork's own outcome), and per measured
     * iteration JMH's operation count (all operations: the energy window spans them) and score per call.
     */
    static ForkRecord forkRecord(ForkRun fr) {
        List<Long> calls = new ArrayList<>();
        List<Double> millisPerCall = new ArrayList<>();
        for (org.openjdk.jmh.results.BenchmarkResult br : fr.run().getBenchmarkResults()) {
            for (IterationResult ir : br.getIterationResults()) {
                calls.add(ir.getMetadata() == null ? 0L : ir.getMetadata().getAllOps());
                millisPerCall.add(ir.getPrimaryResult().getScore());
            }
        }
        ForkOutcome o = fr.outcome();
        boolean decided = ForkRecord.DECIDED.equals(o.batchDecision());
        return ForkRecord.of(
                fr.fork(),
                o.batchSize(),
                o.batchDecision(),
                decided && Double.isFinite(o.singleInvocationNanos()) ? o.singleInvocationNanos() : null,
                o.targetCallNanos(),
                calls,
                millisPerCall);
    }

    /**
     * The score per kernel invocation over all forks: every measured iteration's per-call time divided by its
     * own fork's batch size, then the mean and JMH's 99.9 % interval of those (recomputed, never JMH's
     * aggregate, which mixes per-call times of forks whose batch sizes may differ).
     */
    static Score score(List<ForkRecord> forks, String unit) {
        List<Double> raw = new ArrayList<>();
        for (ForkRecord f : forks) {
            raw.addAll(f.millisPerInvocationByIteration());
        }
        return new Score(
                ScoreStatistics.mean(raw),
                ScoreStatistics.halfWidth(raw, ScoreStatistics.CONFIDENCE),
                ScoreStatistics.CONFIDENCE,
                unit,
                raw);
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
    /**
     * Whether JMH refused to start because another JMH run took {@code jmh.lock} between {@link JmhLock#awaitFree}
     * and JMH's own attempt (a race with another process on the machine, not a failure of the kernel).
     */
    static boolean lostJmhLock(Throwable t) {
        for (Throwable x : chain(t)) {
            if (x.getMessage() != null && x.getMessage().contains("Unable to acquire the JMH lock")) {
                return true;
            }
        }
        return false;
    }

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

    static Collection<String> labels(RunResult run) {
        return run.getSecondaryResults().keySet();
    }
}
