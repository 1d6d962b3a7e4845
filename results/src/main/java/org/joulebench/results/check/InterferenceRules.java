package org.joulebench.results.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.joulebench.results.interference.CountedWindows;
import org.joulebench.results.interference.InterferenceRule;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.CountedFigure;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.joulebench.results.record.RunRecord;

/**
 * Rule {@code interference}: a result's interference flags are {@link InterferenceRule} applied again to its
 * recorded figures (a flag can be neither invented nor dropped), and every window measured is there: per fork
 * at most one idle window and exactly the measurement iterations the timing states. Where the profile measured
 * extra windows after flagged ones, they are bounded (never more than the flagged regular windows, nor than the
 * stated allowance), each window's {@code counted} mark and the result's {@link CountedFigure} are {@link
 * CountedWindows} applied again to the raw windows, and each regular window's time is its fork's recorded
 * iteration. Results without the (optional) section are not concerned.
 */
final class InterferenceRules implements RunRules {
    private final Findings f;
    private final RunRecord run;

    InterferenceRules(CheckedRun checked, Findings f) {
        this.f = f;
        this.run = checked.run();
    }

    @Override
    public void apply() {
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (r.interference() != null) {
                result("$.results[" + i + "].interference", r);
            }
        }
    }

    private void result(String path, BenchmarkResult r) {
        Interference written = r.interference();
        Interference again = InterferenceRule.apply(written.windows());
        for (int w = 0; w < written.windows().size(); w++) {
            List<String> flags = written.windows().get(w).flags();
            List<String> expected = again.windows().get(w).flags();
            if (!flags.equals(expected)) {
                f.reject(
                        Rule.INTERFERENCE,
                        path + ".windows[" + w + "].flags",
                        "flags " + flags + " are not what the interference rule gives from the window's figures: "
                                + expected,
                        "write the record with the harness, which applies the rule; do not edit flags");
            }
        }
        if (written.flaggedMeasuredWindows() != again.flaggedMeasuredWindows()
                || !Objects.equals(written.reason(), again.reason())) {
            f.reject(
                    Rule.INTERFERENCE,
                    path + ".reason",
                    "the result's flag (" + written.flaggedMeasuredWindows() + " windows, " + written.reason()
                            + ") is not the rule's (" + again.flaggedMeasuredWindows() + " windows, " + again.reason()
                            + ")",
                    "write the record with the harness, which applies the rule; do not edit flags");
        }
        figure(path, written, again);
        timesOfRegularWindows(path, r, written);
        if (r.jmh() == null) {
            return;
        }
        Map<Integer, int[]> perFork = new TreeMap<>(); // idle, measured, extra
        for (InterferenceWindow w : written.windows()) {
            int[] n = perFork.computeIfAbsent(w.fork(), k -> new int[3]);
            n[w.measured() ? 1 : 0]++;
            if (w.measured() && w.isExtra()) {
                n[2]++;
            }
        }
        perFork.forEach((fork, n) -> {
            if (n[2] > 0) {
                if (fork <= r.jmh().forks() || n[2] != n[1]) {
                    f.reject(
                            Rule.INTERFERENCE,
                            path + ".windows",
                            "fork " + fork + " mixes extra and regular windows, or is one of the "
                                    + r.jmh().forks() + " regular forks",
                            "extra windows come from an extra fork after the regular ones, written by the harness");
                }
                return;
            }
            if (n[0] > 1 || n[1] != r.jmh().measurementIterations()) {
                f.reject(
                        Rule.INTERFERENCE,
                        path + ".windows",
                        "fork " + fork + " has " + n[0] + " idle and " + n[1] + " measured windows; the timing states "
                                + r.jmh().measurementIterations() + " measured iterations per fork",
                        "keep every window measured in the record (none may be dropped)");
            }
        });
    }

    /** Extra windows bounded, and the counted marks and figure as the rule gives them from the raw windows. */
    private void figure(String path, Interference written, Interference flaggedAgain) {
        CountedFigure fig = written.figure();
        long extras = written.windows().stream()
                .filter(w -> w.measured() && w.isExtra())
                .count();
        if (fig == null) {
            if (extras > 0) {
                f.reject(
                        Rule.INTERFERENCE,
                        path + ".figure",
                        extras + " extra windows were measured but the result states no counted figure",
                        "write the record with the harness, which states the rule and the figure");
            }
            return;
        }
        int bound = CountedWindows.extraWindowsToMeasure(flaggedAgain, fig.extraWindowsAllowed());
        if (extras > bound) {
            f.reject(
                    Rule.INTERFERENCE,
                    path + ".figure.extraWindowsMeasured",
                    extras + " extra windows were measured; the rule allows one per flagged regular window, at most "
                            + fig.extraWindowsAllowed() + ": " + bound,
                    "measure extra windows only after flagged ones, within the profile's bound");
        }
        Interference expected = CountedWindows.apply(flaggedAgain, fig.extraWindowsAllowed());
        CountedFigure want = expected.figure();
        if (want == null) {
            f.reject(
                    Rule.INTERFERENCE,
                    path + ".figure",
                    "the counted figure cannot be recomputed: a measured window has no millisPerInvocation",
                    "keep every measured window's time in the record");
            return;
        }
        for (int w = 0; w < written.windows().size(); w++) {
            Boolean mark = written.windows().get(w).counted();
            Boolean rule = expected.windows().get(w).counted();
            if (!Objects.equals(mark, rule)) {
                f.reject(
                        Rule.INTERFERENCE,
                        path + ".windows[" + w + "].counted",
                        "counted is " + mark + " but the stated rule gives " + rule,
                        "write the record with the harness, which applies the rule; do not edit marks");
            }
        }
        if (!CountedWindows.TEXT.equals(fig.rule())
                || fig.extraWindowsMeasured() != want.extraWindowsMeasured()
                || fig.countedWindows() != want.countedWindows()
                || !close(fig.millisPerInvocation(), want.millisPerInvocation())
                || !closeOrNull(fig.errorMillisPerInvocation(), want.errorMillisPerInvocation())) {
            f.reject(
                    Rule.INTERFERENCE,
                    path + ".figure",
                    "the counted figure (" + fig.countedWindows() + " windows, " + fig.millisPerInvocation()
                            + " ms) is not what the stated rule gives from the raw windows ("
                            + want.countedWindows() + " windows, " + want.millisPerInvocation() + " ms)",
                    "write the record with the harness, which applies the rule; no window may be left out silently");
        }
    }

    /** Each regular window's time per invocation is its fork's recorded iteration (the raw windows are real). */
    private void timesOfRegularWindows(String path, BenchmarkResult r, Interference written) {
        for (int w = 0; w < written.windows().size(); w++) {
            InterferenceWindow win = written.windows().get(w);
            if (!win.measured() || win.isExtra() || win.millisPerInvocation() == null) {
                continue;
            }
            ForkRecord fork = r.forks().stream()
                    .filter(fk -> fk.fork() == win.fork())
                    .findFirst()
                    .orElse(null);
            List<Double> its = fork == null ? List.of() : fork.millisPerInvocationByIteration();
            Double recorded =
                    win.iteration() >= 1 && win.iteration() <= its.size() ? its.get(win.iteration() - 1) : null;
            if (recorded == null || !close(win.millisPerInvocation(), recorded)) {
                f.reject(
                        Rule.INTERFERENCE,
                        path + ".windows[" + w + "].millisPerInvocation",
                        "the window's time " + win.millisPerInvocation() + " ms is not fork " + win.fork()
                                + "'s iteration " + win.iteration() + " (" + recorded + " ms)",
                        "write the record with the harness; a window's time is its iteration's");
            }
        }
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= ConsistencyRules.DERIVED_TOLERANCE * Math.abs(expected);
    }

    private static boolean closeOrNull(Double actual, Double expected) {
        return actual == null || expected == null ? Objects.equals(actual, expected) : close(actual, expected);
    }
}
