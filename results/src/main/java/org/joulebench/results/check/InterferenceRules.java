package org.joulebench.results.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.joulebench.results.interference.InterferenceRule;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.joulebench.results.record.RunRecord;

/**
 * Rule {@code interference}: a result's interference flags are {@link InterferenceRule} applied again to its
 * recorded figures (a flag can be neither invented nor dropped), and every window measured is there: per fork
 * at most one idle window and exactly the measurement iterations the timing states. Results without the
 * (optional) section are not concerned.
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
        if (r.jmh() == null) {
            return;
        }
        Map<Integer, int[]> perFork = new TreeMap<>(); // idle, measured
        for (InterferenceWindow w : written.windows()) {
            perFork.computeIfAbsent(w.fork(), k -> new int[2])[w.measured() ? 1 : 0]++;
        }
        perFork.forEach((fork, n) -> {
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
}
