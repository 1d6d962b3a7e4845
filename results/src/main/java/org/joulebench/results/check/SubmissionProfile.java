package org.joulebench.results.check;

import java.util.ArrayList;
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
 * the {@code profile} label, which can be re-typed: at least {@link #FORKS} forks, at least {@link #WINDOWS} measured
 * windows in all and {@link #WINDOWS_PER_FORK} in each fork, each window at least {@link #MIN_WINDOW_FRACTION} of
 * {@link #WINDOW_MILLIS}, and a cool-down of at least {@link #COOLDOWN_MILLIS} before each fork since any other
 * result's last window before it. Only such results are ranked; the others are shown, marked, on their system page
 * (the site asks; check accepts them as before). (The harness's {@code Profile.SUBMISSION}: 2 forks of 8 × 2000 ms
 * windows for a result measured alone, 5 forks of 4 windows for each implementation of a comparison, whose forks
 * alternate so that its paired ratio has an interval; 5000 ms cool-down.)
 */
public final class SubmissionProfile {
    public static final int FORKS = 2;
    /** Measured windows over all forks: 2 × 8, or 5 × 4 in a comparison. */
    public static final int WINDOWS = 16;

    public static final int WINDOWS_PER_FORK = 4;
    public static final long WINDOW_MILLIS = 2000;
    public static final double MIN_WINDOW_FRACTION = 0.9;
    public static final long COOLDOWN_MILLIS = 5000;

    private SubmissionProfile() {}

    /** Why result {@code index} of {@code run} does not meet the submission profile, or empty when it does. */
    public static Optional<String> shortfall(RunRecord run, int index) {
        List<List<RawWindow>> windows = windowsOf(run);
        return shortfall(index, windows, new Timeline(windows));
    }

    /**
     * {@link #shortfall(RunRecord, int)} of every result of {@code run}, in order: each result's windows are read
     * once and the cool-down looked up in one timeline of the record's windows (n log n, not n² in the results).
     */
    public static List<Optional<String>> shortfalls(RunRecord run) {
        List<List<RawWindow>> windows = windowsOf(run);
        Timeline timeline = new Timeline(windows);
        List<Optional<String>> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            out.add(shortfall(i, windows, timeline));
        }
        return out;
    }

    private static List<List<RawWindow>> windowsOf(RunRecord run) {
        List<List<RawWindow>> windows = new ArrayList<>(run.results().size());
        for (BenchmarkResult r : run.results()) {
            windows.add(windows(r));
        }
        return windows;
    }

    private static Optional<String> shortfall(int index, List<List<RawWindow>> all, Timeline timeline) {
        List<RawWindow> windows = all.get(index);
        if (windows == null) {
            return Optional.of("no raw windows to show how it was measured");
        }
        Map<Integer, Integer> perFork = new TreeMap<>();
        int measured = 0;
        for (RawWindow w : windows) {
            if (w.iteration() > 0) { // iteration 0: an idle window, not a measurement
                perFork.merge(w.fork(), 1, Integer::sum);
                measured++;
            }
        }
        if (perFork.size() < FORKS) {
            return Optional.of(perFork.size() + " fork(s) in its raw windows; the submission profile runs " + FORKS);
        }
        for (var e : perFork.entrySet()) {
            if (e.getValue() < WINDOWS_PER_FORK) {
                return Optional.of(e.getValue() + " measured windows in fork " + e.getKey()
                        + "; the submission profile measures at least " + WINDOWS_PER_FORK + " in each fork");
            }
        }
        if (measured < WINDOWS) {
            return Optional.of(
                    measured + " measured windows in all; the submission profile measures at least " + WINDOWS);
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
        for (var e : forkStart.entrySet()) {
            long start = e.getValue();
            long before = timeline.lastEndAtOrBefore(start, index);
            boolean overlaps = timeline.latestEndStartedBefore(start, index) > start;
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
        return Optional.empty();
    }

    /** Every raw window of a record with the result it belongs to, for "the last window of another result". */
    private static final class Timeline {
        private final long[] ends;
        private final int[] endOwners;
        private final long[] starts;
        /** Over the windows sorted by start, up to each: the latest end, its result, and the latest of another. */
        private final long[] bestEnd;

        private final int[] bestOwner;
        private final long[] otherEnd;

        Timeline(List<List<RawWindow>> windows) {
            List<long[]> all = new ArrayList<>(); // start, end, owner
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i) != null) {
                    for (RawWindow w : windows.get(i)) {
                        all.add(new long[] {w.startNanos(), w.endNanos(), i});
                    }
                }
            }
            int n = all.size();
            all.sort(Comparator.comparingLong(a -> a[1]));
            ends = new long[n];
            endOwners = new int[n];
            for (int k = 0; k < n; k++) {
                ends[k] = all.get(k)[1];
                endOwners[k] = (int) all.get(k)[2];
            }
            all.sort(Comparator.comparingLong(a -> a[0]));
            starts = new long[n];
            bestEnd = new long[n];
            bestOwner = new int[n];
            otherEnd = new long[n];
            long b = Long.MIN_VALUE, o = Long.MIN_VALUE;
            int bo = -1;
            for (int k = 0; k < n; k++) {
                long[] w = all.get(k);
                starts[k] = w[0];
                int owner = (int) w[2];
                if (w[1] > b) {
                    if (owner != bo) {
                        o = b;
                    }
                    b = w[1];
                    bo = owner;
                } else if (owner != bo && w[1] > o) {
                    o = w[1];
                }
                bestEnd[k] = b;
                bestOwner[k] = bo;
                otherEnd[k] = o;
            }
        }

        /** The latest end at or before {@code t} of a window not of result {@code self}; MIN_VALUE when none. */
        long lastEndAtOrBefore(long t, int self) {
            int k = upperBound(ends, t) - 1;
            while (k >= 0 && endOwners[k] == self) {
                k--;
            }
            return k < 0 ? Long.MIN_VALUE : ends[k];
        }

        /** The latest end of the windows of other results that started before {@code t}; MIN_VALUE when none. */
        long latestEndStartedBefore(long t, int self) {
            int k = lowerBound(starts, t) - 1;
            if (k < 0) {
                return Long.MIN_VALUE;
            }
            return bestOwner[k] != self ? bestEnd[k] : otherEnd[k];
        }

        /** The first index whose value is greater than {@code t}. */
        private static int upperBound(long[] a, long t) {
            int lo = 0, hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The first index whose value is at least {@code t}. */
        private static int lowerBound(long[] a, long t) {
            int lo = 0, hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
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
