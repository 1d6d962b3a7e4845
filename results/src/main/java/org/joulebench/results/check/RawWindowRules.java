package org.joulebench.results.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.joulebench.vocabulary.PowerSample;

/**
 * Raw readings no sensor could produce (rule {@code raw-readings}), beyond what {@link RawReadingRules} recomputes
 * from them: a window that ends before it starts; windows of one domain that overlap; windows outside the run's own
 * monotonic span (when it has one: a record merged from several machines keeps only the span's length); a
 * cumulative counter that goes backwards from one window to the next of the same fork; power samples far fewer
 * than the sensor's interval gives, or covering only part of their window; an idle power above the loaded power
 * (negative energy above idle).
 */
final class RawWindowRules implements RunRules {
    /** Fewest samples a window holds, as a fraction of window length ÷ the sensor's update interval. */
    static final double MIN_SAMPLE_FRACTION = 0.5;

    /** Least part of its window the samples of a window span (first to last sample). */
    static final double MIN_SAMPLE_COVERAGE = 0.8;

    private final RunRecord run;
    private final Findings f;

    RawWindowRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
    }

    private void reject(String field, String message) {
        f.reject(Rule.RAW_READINGS, field, message, null);
    }

    @Override
    public void apply() {
        if (run.schemaVersion() < 2) {
            return;
        }
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (!CheckedRun.verified(r) || r.energy() == null) {
                continue;
            }
            for (int j = 0; j < r.energy().domains().size(); j++) {
                DomainEnergy d = r.energy().domains().get(j);
                if (d.raw() != null) {
                    domain("$.results[" + i + "].energy.domains[" + j + "]", r.key() + " " + d.domain(), d);
                }
            }
        }
    }

    private void domain(String path, String what, DomainEnergy d) {
        RawReadings raw = d.raw();
        List<RawWindow> all = new ArrayList<>(raw.windows());
        all.addAll(raw.idle());
        boolean span = run.startMonotonicNanos() > 0 && run.endMonotonicNanos() > run.startMonotonicNanos();
        for (int k = 0; k < raw.windows().size(); k++) {
            RawWindow w = raw.windows().get(k);
            String field = path + ".raw.windows[" + k + "]";
            if (w.endNanos() <= w.startNanos()) {
                reject(field + ".endNanos", what + ": a window that ends before it starts");
                return;
            }
            if (span && (w.startNanos() < run.startMonotonicNanos() || w.endNanos() > run.endMonotonicNanos())) {
                reject(field + ".startNanos", what + ": a window outside the run's own time span");
                return;
            }
            if (RawReadings.CUMULATIVE_JOULES.equals(raw.kind())
                    && w.startJoules() != null
                    && w.endJoules() != null
                    && w.endJoules() < w.startJoules()
                    && !wrapped(d, w.startJoules(), w.endJoules())) {
                reject(field + ".endJoules", what + ": a cumulative counter that goes backwards within a window");
                return;
            }
            if (RawReadings.POWER_SAMPLES.equals(raw.kind()) && !samples(field, what, d, w)) {
                return;
            }
        }
        List<RawWindow> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(RawWindow::startNanos));
        for (int k = 1; k < sorted.size(); k++) {
            if (sorted.get(k).startNanos() < sorted.get(k - 1).endNanos()) {
                reject(path + ".raw.windows", what + ": two windows overlap in time");
                return;
            }
        }
        if (RawReadings.CUMULATIVE_JOULES.equals(raw.kind())) {
            List<RawWindow> byTime = new ArrayList<>(raw.windows());
            byTime.sort(Comparator.comparingLong(RawWindow::startNanos));
            for (int k = 1; k < byTime.size(); k++) {
                RawWindow a = byTime.get(k - 1), b = byTime.get(k);
                if (a.fork() == b.fork()
                        && a.endJoules() != null
                        && b.startJoules() != null
                        && b.startJoules() < a.endJoules()
                        && !wrapped(d, a.endJoules(), b.startJoules())) {
                    reject(
                            path + ".raw.windows[" + raw.windows().indexOf(b) + "].startJoules",
                            what + ": the cumulative counter goes backwards between two windows of fork " + b.fork());
                    return;
                }
            }
        }
        if (d.idlePowerWatts() != null && d.idlePowerWatts() > d.averagePowerWatts()) {
            reject(
                    path + ".idlePowerWatts",
                    String.format(
                            Locale.ROOT,
                            "%s: idle power %.4g W above the loaded power %.4g W (negative energy above idle)",
                            what,
                            d.idlePowerWatts(),
                            d.averagePowerWatts()));
        }
    }

    /** A counter may wrap at its range: a fall of more than half the range is a wrap, not a step back. */
    private static boolean wrapped(DomainEnergy d, double before, double after) {
        String range = d.details() == null ? null : d.details().properties().get("maxEnergyRangeMicrojoules");
        if (range == null) {
            return false;
        }
        try {
            return before - after > Double.parseDouble(range) / 1e6 / 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean samples(String field, String what, DomainEnergy d, RawWindow w) {
        List<PowerSample> s = w.samples();
        double windowMillis = (w.endNanos() - w.startNanos()) / 1e6;
        Double declared = d.details() == null ? null : d.details().declaredUpdateIntervalMillis();
        Double observed = d.details() == null ? null : d.details().observedUpdateIntervalMillis();
        double interval = Math.max(declared == null ? 0 : declared, observed == null ? 0 : observed);
        if (interval > 0 && s.size() < MIN_SAMPLE_FRACTION * windowMillis / interval) {
            reject(
                    field + ".samples",
                    String.format(
                            Locale.ROOT,
                            "%s: %d samples in a %.4g ms window from a sensor updating every %.4g ms",
                            what,
                            s.size(),
                            windowMillis,
                            interval));
            return false;
        }
        if (s.size() >= 2) {
            long first = s.stream().mapToLong(PowerSample::nanos).min().orElseThrow();
            long last = s.stream().mapToLong(PowerSample::nanos).max().orElseThrow();
            if ((last - first) / 1e6 < MIN_SAMPLE_COVERAGE * windowMillis - 2 * interval) {
                reject(
                        field + ".samples",
                        String.format(
                                Locale.ROOT,
                                "%s: the samples span %.4g ms of a %.4g ms window",
                                what,
                                (last - first) / 1e6,
                                windowMillis));
                return false;
            }
        }
        return true;
    }
}
