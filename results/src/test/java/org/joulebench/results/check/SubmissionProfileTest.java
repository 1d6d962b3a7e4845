package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link SubmissionProfile#shortfalls} (one timeline of a record's windows) against the rule written out directly:
 * for each fork in order, the latest end of another result's window at or before the fork's start, and whether
 * another result's window spans that start.
 */
class SubmissionProfileTest {
    static final long S = 1_000_000_000L;

    @Test
    void everyResultsShortfallIsTheRuleAppliedDirectly() {
        BenchmarkResult base = Fixtures.goldenRun().results().stream()
                .filter(b -> b.energy() != null && !b.energy().domains().isEmpty())
                .findFirst()
                .orElseThrow();
        Random rnd = new Random(3);
        int met = 0, cooled = 0, overlapped = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(12);
            List<BenchmarkResult> results = new ArrayList<>();
            long clock = 0;
            for (int i = 0; i < n; i++) {
                // mostly in order with cool-downs of 0-9 s, sometimes interleaved with the previous result's forks
                clock += rnd.nextInt(10) * S;
                long start = rnd.nextInt(5) == 0 ? Math.max(0, clock - 40 * S) : clock;
                results.add(i % 7 == 6 ? base.toBuilder().energy(null, "none").build() : withWindows(base, start));
                clock = start + 2 * (8 * (2 * S + 1000) + 6 * S);
            }
            RunRecord run = runOf(results);
            List<Optional<String>> batch = SubmissionProfile.shortfalls(run);
            for (int i = 0; i < n; i++) {
                Optional<String> expected = direct(run, i);
                assertThat(batch.get(i)).as("trial %d result %d", trial, i).isEqualTo(expected);
                assertThat(SubmissionProfile.shortfall(run, i)).isEqualTo(expected);
                if (expected.isEmpty()) {
                    met++;
                } else if (expected.get().contains("after another result's window")) {
                    if (expected.get().contains("started 0.0 s")) {
                        overlapped++;
                    } else {
                        cooled++;
                    }
                }
            }
        }
        // the trials reach each outcome of the cool-down rule
        assertThat(met).isPositive();
        assertThat(cooled).isPositive();
        assertThat(overlapped).isPositive();
    }

    @Test
    void aComparisonsMoreForksOfFewerWindowsMeetTheProfileAndTooFewWindowsDoNot() {
        // a result alone: 2 forks x 8; each implementation of a comparison: 5 forks x 4 (Profile.SUBMISSION)
        assertThat(shortfallOfOne(2, 8, false)).isEmpty();
        assertThat(shortfallOfOne(5, 4, false)).isEmpty();
        assertThat(shortfallOfOne(4, 4, false)).isEmpty();
        assertThat(shortfallOfOne(1, 16, false))
                .contains("1 fork(s) in its raw windows; the submission profile runs 2");
        assertThat(shortfallOfOne(6, 3, false))
                .contains("3 measured windows in fork 1; the submission profile measures at least 4 in each fork");
        assertThat(shortfallOfOne(3, 5, false))
                .contains("15 measured windows in all; the submission profile measures at least 16");
        // an idle window (iteration 0) before each fork is not a measurement: 2 x 7 measured + 2 idle fall short
        assertThat(shortfallOfOne(2, 7, true))
                .contains("14 measured windows in all; the submission profile measures at least 16");
        assertThat(shortfallOfOne(2, 8, true)).isEmpty();
    }

    private static Optional<String> shortfallOfOne(int forks, int windowsPerFork, boolean idle) {
        BenchmarkResult base = Fixtures.goldenRun().results().stream()
                .filter(b -> b.energy() != null && !b.energy().domains().isEmpty())
                .findFirst()
                .orElseThrow();
        return SubmissionProfile.shortfall(runOf(List.of(withWindows(base, 10 * S, forks, windowsPerFork, idle))), 0);
    }

    /** The golden run with these results. */
    private static RunRecord runOf(List<BenchmarkResult> results) {
        RunRecord g = Fixtures.goldenRun();
        return new RunRecord(
                g.schemaVersion(),
                g.runId(),
                g.profile(),
                g.startedAt(),
                g.endedAt(),
                g.startMonotonicNanos(),
                g.endMonotonicNanos(),
                g.harness(),
                g.environment(),
                results,
                g.warnings(),
                g.calibration(),
                null);
    }

    /** Two forks of eight 2 s windows from {@code start}, 6 s between the forks. */
    private static BenchmarkResult withWindows(BenchmarkResult b, long start) {
        return withWindows(b, start, 2, 8, false);
    }

    /** {@code forks} forks of {@code perFork} 2 s windows from {@code start} (after a 2 s idle window each). */
    private static BenchmarkResult withWindows(BenchmarkResult b, long start, int forks, int perFork, boolean idle) {
        List<RawWindow> windows = new ArrayList<>();
        long t = start;
        for (int fork = 1; fork <= forks; fork++) {
            if (idle) {
                windows.add(new RawWindow(fork, 0, 0, t, t + 2 * S, 0.0, 1.0, List.of(), null, null, null));
                t += 2 * S + 1000;
            }
            for (int it = 1; it <= perFork; it++) {
                windows.add(new RawWindow(fork, it, 100, t, t + 2 * S, 0.0, 1.0, List.of(), null, null, null));
                t += 2 * S + 1000;
            }
            t += 6 * S;
        }
        DomainEnergy d = b.energy().domains().getFirst();
        DomainEnergy with = new DomainEnergy(
                d.domain(),
                d.sensor(),
                d.method(),
                d.tier(),
                d.estimated(),
                d.joules(),
                d.joulesPerOp(),
                d.joulesPerOpError(),
                d.joulesPerOpPerIteration(),
                d.picojoulesPerUnit(),
                d.unitsPerJoule(),
                d.averagePowerWatts(),
                d.idlePowerWatts(),
                d.dynamicJoulesPerOp(),
                d.details(),
                d.scope(),
                d.scopeDevice(),
                d.summedInstances(),
                new RawReadings(RawReadings.CUMULATIVE_JOULES, 100, List.of(), windows));
        return b.toBuilder()
                .energy(new EnergyResult(b.energy().selection(), List.of(with), List.of()), null)
                .build();
    }

    /** The profile's rule for result {@code index}, every other result's windows looked at one by one. */
    private static Optional<String> direct(RunRecord run, int index) {
        List<RawWindow> mine = windows(run.results().get(index));
        if (mine == null) {
            return Optional.of("no raw windows to show how it was measured");
        }
        Map<Integer, Long> forkStart = new TreeMap<>();
        for (RawWindow w : mine) {
            forkStart.merge(w.fork(), w.startNanos(), Math::min);
        }
        for (var e : forkStart.entrySet()) {
            long start = e.getValue();
            long before = Long.MIN_VALUE;
            boolean overlaps = false;
            for (int j = 0; j < run.results().size(); j++) {
                List<RawWindow> other =
                        j == index ? null : windows(run.results().get(j));
                for (RawWindow w : other == null ? List.<RawWindow>of() : other) {
                    if (w.endNanos() <= start) {
                        before = Math.max(before, w.endNanos());
                    }
                    overlaps |= w.startNanos() < start && w.endNanos() > start;
                }
            }
            if (overlaps
                    || (before != Long.MIN_VALUE && start - before < SubmissionProfile.COOLDOWN_MILLIS * 1_000_000L)) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "fork %d started %.1f s after another result's window; the submission profile cools down %d ms",
                        e.getKey(),
                        overlaps ? 0.0 : (start - before) / 1e9,
                        SubmissionProfile.COOLDOWN_MILLIS));
            }
        }
        return Optional.empty();
    }

    private static List<RawWindow> windows(BenchmarkResult b) {
        return b.energy() == null ? null : b.energy().domains().getFirst().raw().windows();
    }
}
