package org.joulebench.results.check;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;

/**
 * Whether a result was measured the way the submission profile measures, judged from its raw windows — never from
 * the {@code profile} label, which can be re-typed: at least {@link #FORKS} forks, {@link #WINDOWS_PER_FORK}
 * measured windows in each, each window at least {@link #MIN_WINDOW_FRACTION} of {@link #WINDOW_MILLIS}, and a
 * cool-down of at least {@link #COOLDOWN_MILLIS} before each fork since any other result's last window before it. Only such results are
 * ranked; the others are shown, marked, on their system page (the site asks; check accepts them as before). (The harness's {@code Profile.SUBMISSION}: 2 forks,
 * 8 × 2000 ms windows, 5000 ms cool-down.)
 */
public final class SubmissionProfile {
    public static final int FORKS = 2;
    public static final int WINDOWS_PER_FORK = 8;
    public static final long WINDOW_MILLIS = 2000;
    public static final double MIN_WINDOW_FRACTION = 0.9;
    public static final long COOLDOWN_MILLIS = 5000;

    private SubmissionProfile() {}

    /** Why result {@code index} of {@code run} does not meet the submission profile, or empty when it does. */
    public static Optional<String> shortfall(RunRecord run, int index) {
        BenchmarkResult r = run.results().get(index);
        List<RawWindow> windows = windows(r);
        if (windows == null) {
            return Optional.of("no raw windows to show how it was measured");
        }
        Map<Integer, Integer> perFork = new TreeMap<>();
        for (RawWindow w : windows) {
            perFork.merge(w.fork(), 1, Integer::sum);
        }
        if (perFork.size() < FORKS) {
            return Optional.of(perFork.size() + " fork(s) in its raw windows; the submission profile runs " + FORKS);
        }
        for (var e : perFork.entrySet()) {
            if (e.getValue() < WINDOWS_PER_FORK) {
                return Optional.of(e.getValue() + " measured windows in fork " + e.getKey()
                        + "; the submission profile measures " + WINDOWS_PER_FORK);
            }
        }
        double shortest = windows.stream().mapToDouble(RawWindow::seconds).min().orElse(0) * 1e3;
        if (shortest < WINDOW_MILLIS * MIN_WINDOW_FRACTION) {
            return Optional.of(String.format(
                    Locale.ROOT, "a %.0f ms window; the submission profile's are %d ms", shortest, WINDOW_MILLIS));
        }
        // a cool-down before each fork: since the last window of any other result that ended before it (forks of
        // implementations of one case may alternate: A1 B1 A2 B2, each JMH call after its own cool-down)
        Map<Integer, Long> forkStart = new TreeMap<>();
        for (RawWindow w : windows) {
            forkStart.merge(w.fork(), w.startNanos(), Math::min);
        }
        for (int j = 0; j < run.results().size(); j++) {
            List<RawWindow> other = j == index ? null : windows(run.results().get(j));
            if (other == null) {
                continue;
            }
            for (var e : forkStart.entrySet()) {
                long start = e.getValue();
                long before = other.stream()
                        .mapToLong(RawWindow::endNanos)
                        .filter(end -> end <= start)
                        .max()
                        .orElse(Long.MIN_VALUE);
                boolean overlaps = other.stream().anyMatch(w -> w.startNanos() < start && w.endNanos() > start);
                if (overlaps || (before != Long.MIN_VALUE && start - before < COOLDOWN_MILLIS * 1_000_000L)) {
                    return Optional.of(String.format(
                            Locale.ROOT,
                            "fork %d started %.1f s after another result's window; the submission profile cools"
                                    + " down %d ms",
                            e.getKey(),
                            overlaps ? 0.0 : (start - before) / 1e9,
                            COOLDOWN_MILLIS));
                }
            }
        }
        return Optional.empty();
    }

    /** The measured raw windows of the result's first domain that has them, or null. */
    private static List<RawWindow> windows(BenchmarkResult r) {
        if (r.energy() == null) {
            return null;
        }
        return r.energy().domains().stream()
                .map(DomainEnergy::raw)
                .filter(x -> x != null && !x.windows().isEmpty())
                .map(x -> x.windows().stream()
                        .sorted(Comparator.comparingLong(RawWindow::startNanos))
                        .toList())
                .findFirst()
                .orElse(null);
    }
}
