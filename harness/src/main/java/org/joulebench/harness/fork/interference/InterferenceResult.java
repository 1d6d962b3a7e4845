package org.joulebench.harness.fork.interference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.joulebench.results.interference.CountedWindows;
import org.joulebench.results.interference.InterferenceRule;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;

/**
 * The interference profiler's typed result: the windows one measured iteration carries (its own, and the
 * idle window before the fork's first), sent to the parent by JMH like any secondary result. Its score is
 * the window's other load in cores, so JMH's own output shows something readable.
 */
public final class InterferenceResult extends Result<InterferenceResult> {
    private static final long serialVersionUID = 1L;

    public static final String LABEL = "joulebench.interference";

    private final List<InterferenceWindow> windows;

    public InterferenceResult(List<InterferenceWindow> windows) {
        super(
                ResultRole.SECONDARY,
                LABEL,
                of(windows.stream()
                        .filter(InterferenceWindow::measured)
                        .mapToDouble(InterferenceWindow::otherCores)
                        .max()
                        .orElse(Double.NaN)),
                "other cores",
                AggregationPolicy.MAX);
        this.windows = List.copyOf(windows);
    }

    public List<InterferenceWindow> windows() {
        return windows;
    }

    /**
     * Every window of every fork of a run, the forks numbered from 1 in JMH's order, flagged by {@link
     * InterferenceRule}; {@code null} when the profiler was not attached.
     */
    public static Interference of(RunResult run) {
        return of(List.of(run));
    }

    /**
     * As {@link #of(RunResult)} over several JMH runs of one case (e.g. one JMH call per fork), in the order
     * given: the forks are numbered from 1 across all of them.
     */
    public static Interference of(List<RunResult> runs) {
        List<InterferenceWindow> all = new ArrayList<>();
        int fork = 0;
        for (RunResult run : runs) {
            for (org.openjdk.jmh.results.BenchmarkResult br : run.getBenchmarkResults()) {
                fork++;
                for (IterationResult it : br.getIterationResults()) {
                    for (InterferenceWindow w : windowsOf(it)) {
                        all.add(w.withFork(fork));
                    }
                }
            }
        }
        return all.isEmpty() ? null : InterferenceRule.apply(all);
    }

    /**
     * One JMH call of a case for {@link #of(List, int)}: its result, the batch size its fork ran (kernel invocations
     * per JMH call) and whether it was an extra fork, run only because regular windows were flagged.
     */
    public record TimedRun(RunResult run, int batchSize, boolean extra) {}

    /**
     * Every window of a case's JMH calls (regular forks, then any extra fork), forks numbered from 1 in the order
     * given; each measured window carries its iteration's time per invocation (JMH's per-call score ÷ the batch
     * size) and the extra fork's windows are marked. With {@code extraWindowsAllowed > 0} (a profile that may
     * measure extra windows) the section states the counted figure ({@link CountedWindows}); {@code null} when
     * the profiler was not attached.
     */
    public static Interference of(List<TimedRun> runs, int extraWindowsAllowed) {
        List<InterferenceWindow> all = new ArrayList<>();
        int fork = 0;
        for (TimedRun tr : runs) {
            for (org.openjdk.jmh.results.BenchmarkResult br : tr.run().getBenchmarkResults()) {
                fork++;
                for (IterationResult it : br.getIterationResults()) {
                    double millisPerInvocation = it.getPrimaryResult().getScore() / tr.batchSize();
                    for (InterferenceWindow w : windowsOf(it)) {
                        InterferenceWindow numbered = w.withFork(fork);
                        all.add(
                                numbered.measured()
                                        ? numbered.withTiming(millisPerInvocation, tr.extra())
                                        : numbered.withTiming(null, tr.extra()));
                    }
                }
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        Interference flagged = InterferenceRule.apply(all);
        return extraWindowsAllowed > 0 ? CountedWindows.apply(flagged, extraWindowsAllowed) : flagged;
    }

    /** The windows one JMH iteration carries (empty when the profiler was not attached). */
    public static List<InterferenceWindow> windowsOf(IterationResult iteration) {
        List<InterferenceWindow> out = new ArrayList<>();
        Collection<Result> raw = iteration.getRawSecondaryResults().get(LABEL);
        if (raw != null) {
            for (Result<?> r : raw) {
                if (r instanceof InterferenceResult i) {
                    out.addAll(i.windows);
                }
            }
        }
        return out;
    }

    @Override
    protected Aggregator<InterferenceResult> getThreadAggregator() {
        return InterferenceResult::concat;
    }

    @Override
    protected Aggregator<InterferenceResult> getIterationAggregator() {
        return InterferenceResult::concat;
    }

    private static InterferenceResult concat(Collection<InterferenceResult> results) {
        List<InterferenceWindow> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.windows));
        return new InterferenceResult(all);
    }

    @Override
    public String extendedInfo() {
        return "";
    }
}
