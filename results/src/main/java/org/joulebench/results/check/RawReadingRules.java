package org.joulebench.results.check;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.energy.EnergyFigures;
import org.joulebench.results.energy.WindowEnergy;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.JmhSettings;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;

/**
 * The rules on a record's raw readings (schema version 2 and later; version-1 records kept none): every energy
 * domain of a verified result carries its raw readings, and its written figures are those {@link EnergyArithmetic}
 * computes from them. Rule ids: {@code raw-readings} (missing readings, windows without a figure, a window count
 * that is not the timing's, a figure that does not follow), {@code tier} (readings of a kind the method cannot
 * give), {@code energy-window} (windows shorter than the sensor's minimum), {@code scope} (a DEVICE domain that
 * names another device). See results/SCHEMAS.md.
 */
final class RawReadingRules implements RunRules {

    /**
     * Relative slack between a written figure and the one recomputed from the raw readings. Both come from the same
     * arithmetic on the same doubles (JSON keeps a double exactly), so only a different summation order can differ,
     * by far less than this.
     */
    static final double RAW_TOLERANCE = 1e-9;

    private final RunRecord run;
    private final Findings findings;

    RawReadingRules(CheckedRun run, Findings findings) {
        this.run = run.run();
        this.findings = findings;
    }

    private void reject(Rule rule, String field, String message, String fix) {
        findings.reject(rule, field, message, fix);
    }

    @Override
    public void apply() {
        if (run.schemaVersion() < 2) {
            return; // version 1 kept no raw readings: accepted as before
        }
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            boolean verified = r.status() == ResultStatus.OK
                    && r.verification() != null
                    && r.verification().passed();
            if (!verified || r.energy() == null || r.work() == null) {
                continue; // unverified results are rejected by the verification rule
            }
            for (int j = 0; j < r.energy().domains().size(); j++) {
                domain(
                        "$.results[" + i + "].energy.domains[" + j + "]",
                        r,
                        r.energy().domains().get(j));
            }
        }
    }

    private void domain(String path, BenchmarkResult r, DomainEnergy d) {
        String what = r.key() + " " + d.domain();
        scope(path, r, d, what);
        RawReadings raw = d.raw();
        if (raw == null) {
            reject(
                    Rule.RAW_READINGS,
                    path + ".raw",
                    what + ": the energy figures come without their raw readings",
                    "rerun with a harness that records raw readings (record version 2 needs them)");
            return;
        }
        Method method = Method.parse(d.method());
        // a runner's own reading is the sum of the joules it reported per batch, whatever its method
        String rawKind = org.joulebench.vocabulary.RunnerEnergy.isRunnerSensor(d.sensor())
                ? Method.RAW_CUMULATIVE_JOULES
                : method.rawKind();
        if (!rawKind.equals(raw.kind())) {
            reject(
                    Rule.TIER,
                    path + ".raw.kind",
                    what + ": method " + method + " (tier " + method.tier() + ") gives " + rawKind + " readings, not "
                            + raw.kind(),
                    "report the method the readings came from: " + Method.SAMPLED_POWER
                            + " (tier C) for power samples");
            return;
        }
        long units = r.work().headlineCount();
        if (units <= 0) {
            return; // no work to divide by: the consistency rule reports it
        }
        EnergyFigures f = EnergyArithmetic.figures(raw, units);
        windowCount(path, r.jmh(), raw, what);
        List<WindowEnergy> unusable = f.unusableWindows();
        if (!unusable.isEmpty()) {
            WindowEnergy w = unusable.getFirst();
            reject(
                    Rule.RAW_READINGS,
                    path + ".raw.windows[" + f.windows().indexOf(w) + "]",
                    what + ": " + unusable.size() + " measured window(s) without a figure; fork " + w.fork()
                            + " iteration " + w.iteration() + ": " + w.problem(),
                    "a domain with a failed window has no figure: leave the domain out with its reason");
            return;
        }
        if (f.usableWindows() == 0) {
            reject(
                    Rule.RAW_READINGS,
                    path + ".raw.windows",
                    what + ": no measured window",
                    "record every measured window's readings");
            return;
        }
        figures(path, d, f, what);
        if (method != Method.MODEL) {
            shortWindows(path, d, raw, what);
        }
    }

    /** A DEVICE-scope domain names the device the result ran on. */
    private void scope(String path, BenchmarkResult r, DomainEnergy d, String what) {
        if (Scope.DEVICE.name().equals(d.scope())
                && r.deviceHardwareId() != null
                && !r.deviceHardwareId().equals(d.scopeDevice())) {
            reject(
                    Rule.SCOPE,
                    path + ".scopeDevice",
                    what + ": DEVICE scope names device " + d.scopeDevice() + " but the result ran on "
                            + r.deviceHardwareId(),
                    "DEVICE scope is the chip the kernel ran on; energy of another device is HOST scope");
        }
    }

    /** One raw window per measured iteration of every fork: none left out. */
    private void windowCount(String path, JmhSettings jmh, RawReadings raw, String what) {
        if (jmh == null) {
            return;
        }
        long expected = (long) Math.max(1, jmh.forks()) * jmh.measurementIterations();
        if (raw.windows().size() != expected) {
            reject(
                    Rule.RAW_READINGS,
                    path + ".raw.windows",
                    what + ": " + raw.windows().size() + " measured windows, but the timing ran "
                            + Math.max(1, jmh.forks()) + " fork(s) x " + jmh.measurementIterations()
                            + " iteration(s) = " + expected,
                    "record every measured window's readings, none left out");
        }
    }

    private void figures(String path, DomainEnergy d, EnergyFigures f, String what) {
        double perOp = Math.abs(f.joulesPerOp());
        follows(path + ".joules", what, "joules", d.joules(), f.joules(), Math.abs(f.joules()));
        follows(path + ".joulesPerOp", what, "joulesPerOp", d.joulesPerOp(), f.joulesPerOp(), perOp);
        follows(
                path + ".joulesPerOpError",
                what,
                "joulesPerOpError",
                d.joulesPerOpError(),
                f.joulesPerOpError(),
                perOp);
        List<Double> written = d.joulesPerOpPerIteration();
        List<Double> raw = f.joulesPerOpPerIteration();
        if (written.size() != raw.size()) {
            reject(
                    Rule.RAW_READINGS,
                    path + ".joulesPerOpPerIteration",
                    String.format(
                            Locale.ROOT,
                            "%s: joulesPerOpPerIteration has %d values but the raw readings give %d windows",
                            what,
                            written.size(),
                            raw.size()),
                    "figures are computed from the raw readings by joulebench; do not edit a record by hand");
        } else {
            for (int k = 0; k < raw.size(); k++) {
                if (!follows(
                        path + ".joulesPerOpPerIteration[" + k + "]",
                        what,
                        "joulesPerOpPerIteration[" + k + "]",
                        written.get(k),
                        raw.get(k),
                        perOp)) {
                    break; // one is enough to name
                }
            }
        }
        follows(
                path + ".averagePowerWatts",
                what,
                "averagePowerWatts",
                d.averagePowerWatts(),
                f.averagePowerWatts(),
                Math.abs(f.averagePowerWatts()));
        Double idle = f.idlePowerWatts();
        follows(
                path + ".idlePowerWatts",
                what,
                "idlePowerWatts",
                d.idlePowerWatts(),
                idle,
                idle == null ? 0 : Math.abs(idle));
        follows(
                path + ".dynamicJoulesPerOp",
                what,
                "dynamicJoulesPerOp",
                d.dynamicJoulesPerOp(),
                f.dynamicJoulesPerOp(),
                perOp);
    }

    /** True when the written figure is the recomputed one; otherwise rejects naming both. */
    private boolean follows(String field, String what, String name, Double written, Double recomputed, double scale) {
        boolean same = written == null || recomputed == null
                ? Objects.equals(written, recomputed)
                : Math.abs(written - recomputed)
                        <= RAW_TOLERANCE * Math.max(scale, Math.max(Math.abs(written), Math.abs(recomputed)));
        if (!same) {
            reject(
                    Rule.RAW_READINGS,
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s: %s is written as %s but the raw readings give %s",
                            what,
                            name,
                            text(written),
                            text(recomputed)),
                    "figures are computed from the raw readings by joulebench; do not edit a record by hand");
        }
        return same;
    }

    private static String text(Double v) {
        return v == null ? "null" : String.format(Locale.ROOT, "%.10g", v);
    }

    /**
     * Every measured window spans the sensor's minimum window: the larger of the one the readings state and {@link
     * ResultRules#MIN_UPDATES_PER_WINDOW} updates of the sensor (the slower of declared and observed interval).
     */
    private void shortWindows(String path, DomainEnergy d, RawReadings raw, String what) {
        double minMillis = raw.minimumWindowMillis();
        Double declared = d.details() == null ? null : d.details().declaredUpdateIntervalMillis();
        Double observed = d.details() == null ? null : d.details().observedUpdateIntervalMillis();
        double interval = Math.max(declared == null ? 0 : declared, observed == null ? 0 : observed);
        minMillis = Math.max(minMillis, interval * ResultRules.MIN_UPDATES_PER_WINDOW);
        int shorter = 0;
        double shortest = Double.POSITIVE_INFINITY;
        for (var w : raw.windows()) {
            shortest = Math.min(shortest, w.seconds() * 1e3);
            if (EnergyArithmetic.isShort(w.seconds(), minMillis)) {
                shorter++;
            }
        }
        if (shorter > 0) {
            reject(
                    Rule.ENERGY_WINDOW,
                    path + ".raw.windows",
                    String.format(
                            Locale.ROOT,
                            "%s: %d of %d measured windows are shorter than the sensor's minimum window of %.4g ms"
                                    + " (shortest %.4g ms)",
                            what,
                            shorter,
                            raw.windows().size(),
                            minMillis,
                            shortest),
                    String.format(Locale.ROOT, "set the measurement time per iteration to at least %d ms", (long)
                            Math.ceil(minMillis)));
        }
    }
}
