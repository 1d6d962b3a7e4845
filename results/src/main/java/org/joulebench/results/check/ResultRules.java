package org.joulebench.results.check;

import java.util.Locale;
import java.util.Set;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.HarnessInfo;
import org.joulebench.results.record.JmhSettings;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;

/**
 * The rules about a run's content, given its system: {@code verification}, {@code provenance}, {@code
 * plausibility}, {@code tier} and {@code energy-window} (the windows' JMH settings; the raw windows are {@link
 * RawReadingRules}'). Every threshold is a named constant with its reason.
 */
final class ResultRules implements RunRules {

    /**
     * Fewest sensor updates a measurement window must span. A counter read at both ends of a window is
     * uncertain by up to one update period at each end; at 10 updates that is at most ~20 % and
     * shrinks with longer windows (design: tier B needs windows of at least 10 counter updates).
     */
    static final int MIN_UPDATES_PER_WINDOW = 10;

    /**
     * Lowest plausible average power of a CPU package, GPU board or whole node while it runs a
     * kernel, in watts. Idle power of a server CPU package or data-centre GPU is tens of watts; even a
     * phone-class SoC package draws more than 1 W under load. Less means a unit error (e.g. mJ read as J)
     * or a counter that did not count.
     */
    static final double FLOOR_POWER_WATTS = 1.0;

    /** Floor for other domains (DRAM, uncore, unknown): a DIMM idles near 0.3-1 W, so only 0.1 W. */
    static final double FLOOR_POWER_OTHER_DOMAIN_WATTS = 0.1;

    /** Measured compute throughput may exceed the datasheet peak by this factor (boost clocks, rounding). */
    static final double PEAK_TOLERANCE = 1.05;

    /** Oldest harness version whose records are accepted without a warning. */
    static final String MIN_HARNESS_VERSION = "0.1.0";

    private static final Set<String> FULL_POWER_DOMAINS = Set.of("cpu-package", "gpu-board", "node-wall", "package");

    private final RunRecord run;
    private final SystemDescription system;
    private final Findings f;

    ResultRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.system = checked.system();
        this.f = f;
    }

    private void reject(Rule rule, String field, String message, String fix) {
        f.reject(rule, field, message, fix);
    }

    private void warn(Rule rule, String field, String message, String fix) {
        f.warn(rule, field, message, fix);
    }

    @Override
    public void apply() {
        provenance();
        for (int i = 0; i < run.results().size(); i++) {
            result("$.results[" + i + "]", run.results().get(i));
        }
    }

    private void provenance() {
        HarnessInfo h = run.harness();
        if (Boolean.TRUE.equals(h.gitDirty())) {
            warn(
                    Rule.PROVENANCE,
                    "$.harness.gitDirty",
                    "the harness was built from a git tree with uncommitted changes",
                    "rerun with a harness built from a clean, pushed commit");
        } else if (h.gitDirty() == null || h.gitCommit() == null) {
            warn(
                    Rule.PROVENANCE,
                    "$.harness.gitCommit",
                    "the harness's git revision is unknown",
                    "rerun with a harness built from a git checkout");
        }
        if (compareVersions(h.version(), MIN_HARNESS_VERSION) < 0) {
            warn(
                    Rule.PROVENANCE,
                    "$.harness.version",
                    "harness version " + h.version() + " is older than the minimum " + MIN_HARNESS_VERSION,
                    "rerun with harness " + MIN_HARNESS_VERSION + " or later");
        }
        if (!"submission".equals(run.profile())) {
            warn(
                    Rule.PROVENANCE,
                    "$.profile",
                    "profile '" + run.profile() + "' is not the submission profile",
                    "rerun with --profile submission for leaderboard figures");
        }
    }

    private void result(String path, BenchmarkResult r) {
        if (r.status() != ResultStatus.OK) {
            reject(
                    Rule.VERIFICATION,
                    path + ".status",
                    r.key() + " has status " + r.status() + (r.failure() == null ? "" : ": " + r.failure()),
                    "fix the backend so the result verifies, or leave this result out of the run");
            return;
        }
        if (!r.verification().passed()) {
            reject(
                    Rule.VERIFICATION,
                    path + ".verification.passed",
                    r.key() + " did not pass verification against the reference: "
                            + r.verification().message(),
                    "only results whose output matched the reference may be ranked; fix the backend");
            return;
        }
        throughput(path, r);
        backendMetrics(path, r);
        if (r.energy() != null) {
            for (int j = 0; j < r.energy().domains().size(); j++) {
                DomainEnergy d = r.energy().domains().get(j);
                if (!(d.joulesPerOp() > 0)) {
                    reject(
                            Rule.PLAUSIBILITY,
                            path + ".energy.domains[" + j + "].joulesPerOp",
                            r.key() + ": energy per operation must be above 0, got " + d.joulesPerOp(),
                            "an absent figure is null with a reason, never 0");
                }
                domain(
                        path + ".energy.domains[" + j + "]",
                        r,
                        r.energy().domains().get(j));
            }
        }
    }

    /** Units of backend figures that cannot be negative: times, sizes, energy, power. */
    private static final Set<String> NON_NEGATIVE_UNITS =
            Set.of("ns", "us", "µs", "ms", "s", "bytes", "B", "J", "mJ", "uJ", "W", "mW");

    /** A backend's own figures (optional): each finite, with a unit and a source, times never negative. */
    private void backendMetrics(String path, BenchmarkResult r) {
        for (int j = 0; j < r.backendMetrics().size(); j++) {
            org.joulebench.results.record.BackendMetricRecord m =
                    r.backendMetrics().get(j);
            String p = path + ".backendMetrics[" + j + "]";
            if (m.unit() == null || m.unit().isBlank()) {
                reject(
                        Rule.PLAUSIBILITY,
                        p + ".unit",
                        r.key() + ": backend metric " + m.name() + " has no unit",
                        "every backend figure names its unit (ns, bytes, W)");
            } else if (!Double.isFinite(m.value())) {
                reject(
                        Rule.PLAUSIBILITY,
                        p + ".value",
                        r.key() + ": backend metric " + m.name() + " is " + m.value(),
                        "an unmeasured figure is left out, never NaN or infinite");
            } else if (m.value() < 0 && NON_NEGATIVE_UNITS.contains(m.unit())) {
                reject(
                        Rule.PLAUSIBILITY,
                        p + ".value",
                        r.key() + ": backend metric " + m.name() + " is negative: " + m.value() + " " + m.unit(),
                        "times, sizes, energy and power are never negative; fix the backend's report");
            }
            if (m.source() == null || m.source().isBlank()) {
                reject(
                        Rule.PROVENANCE,
                        p + ".source",
                        r.key() + ": backend metric " + m.name() + " has no source",
                        "every backend figure names the tool that measured it");
            }
        }
    }

    private void throughput(String path, BenchmarkResult r) {
        SystemDescription.DatasheetPeaks peaks = system == null ? null : system.datasheetPeaks();
        if (peaks == null || r.throughput() == null) {
            return;
        }
        Double peak = peaks.flopsPerSecondByDtype().get(r.dtype());
        boolean computeHeadline = !r.work().headlineUnit().memoryBound();
        if (computeHeadline && peak != null && r.throughput().operationsPerSecond() > peak * PEAK_TOLERANCE) {
            reject(
                    Rule.PLAUSIBILITY,
                    path + ".throughput.operationsPerSecond",
                    String.format(
                            Locale.ROOT,
                            "%s measured %.4g op/s, above the declared %s peak of %.4g op/s",
                            r.key(),
                            r.throughput().operationsPerSecond(),
                            r.dtype(),
                            peak),
                    "a result faster than its chip's own declared peak is not accepted as measured");
        }
        Double bw = peaks.memoryBandwidthBytesPerSecond();
        if (!computeHeadline && bw != null && r.throughput().bytesPerSecond() > bw * PEAK_TOLERANCE) {
            warn(
                    Rule.PLAUSIBILITY,
                    path + ".throughput.bytesPerSecond",
                    String.format(
                            Locale.ROOT,
                            "%s moved %.4g B/s, above the declared memory bandwidth %.4g B/s (caches?)",
                            r.key(),
                            r.throughput().bytesPerSecond(),
                            bw),
                    "use a size whose data does not fit in cache to measure memory bandwidth");
        }
    }

    static String expectedTier(String method) {
        return org.joulebench.vocabulary.Method.parse(method).tier().name();
    }

    private void domain(String path, BenchmarkResult r, DomainEnergy d) {
        String expected = expectedTier(d.method());
        if (!expected.equals(d.tier())) {
            reject(
                    Rule.TIER,
                    path + ".tier",
                    "tier " + d.tier() + " does not match method " + d.method() + " (which gives tier " + expected
                            + ")",
                    "report tier " + expected + " for " + d.method() + " readings; a model is always ESTIMATE");
            return;
        }
        if ("model".equals(d.sensor()) && !"MODEL".equals(d.method())) {
            reject(
                    Rule.TIER,
                    path + ".method",
                    "sensor 'model' is an estimate but method is " + d.method(),
                    "report method MODEL and tier ESTIMATE for model estimates");
            return;
        }
        if (d.sensor().startsWith("nvml") && !new RecordedDevices(run).hasNvidiaGpu(system)) {
            reject(
                    Rule.TIER,
                    path + ".sensor",
                    "an NVML reading on a system whose description and devices have no NVIDIA GPU",
                    "run on the NVIDIA GPU the reading came from, or list that GPU in system.json");
        }
        boolean runner = org.joulebench.vocabulary.RunnerEnergy.isRunnerSensor(d.sensor());
        if (runner && "EXTERNAL_METER".equals(d.method())) {
            reject(
                    Rule.TIER,
                    path + ".method",
                    "a runner's own energy reading claims an external meter (tier A)",
                    "a runner's reading is at most its counter's tier B; measure the node with --sensor ptd: for"
                            + " tier A");
            return;
        }
        if ("MODEL".equals(d.method())) {
            return; // no sensor window or floor to check for an estimate
        }
        if (!runner) {
            // a runner's reading is per batch and a window spans whole batches: no update falls across its edges
            window(path, r.jmh(), d);
        }
        floor(path, r.jmh(), d);
    }

    private void window(String path, JmhSettings jmh, DomainEnergy d) {
        Double declared = d.details().declaredUpdateIntervalMillis();
        Double observed = d.details().observedUpdateIntervalMillis();
        if (declared == null && observed == null) {
            warn(
                    Rule.ENERGY_WINDOW,
                    path + ".details.declaredUpdateIntervalMillis",
                    "the sensor's update interval is unknown, so the window length cannot be judged",
                    "report the sensor's declared or observed update interval");
            return;
        }
        // the slower of the two governs: a window must span 10 real updates
        double interval = Math.max(declared == null ? 0 : declared, observed == null ? 0 : observed);
        double updates = jmh.measurementTimeMillis() / interval;
        if (updates < MIN_UPDATES_PER_WINDOW) {
            reject(
                    Rule.ENERGY_WINDOW,
                    path + ".details",
                    String.format(
                            Locale.ROOT,
                            "measurement window of %d ms spans %.1f sensor updates (update interval %.4g ms); at"
                                    + " least %d are needed",
                            jmh.measurementTimeMillis(),
                            updates,
                            interval,
                            MIN_UPDATES_PER_WINDOW),
                    String.format(Locale.ROOT, "set the measurement time per iteration to at least %d ms", (long)
                            Math.ceil(interval * MIN_UPDATES_PER_WINDOW)));
        }
    }

    private void floor(String path, JmhSettings jmh, DomainEnergy d) {
        double floorWatts =
                FULL_POWER_DOMAINS.contains(d.domain()) ? FLOOR_POWER_WATTS : FLOOR_POWER_OTHER_DOMAIN_WATTS;
        // JMH iterations last at least measurementTime, so this is a lower bound on the measured time
        double seconds =
                Math.max(1, jmh.forks()) * (double) jmh.measurementIterations() * jmh.measurementTimeMillis() / 1000.0;
        double minJoules = seconds * floorWatts;
        if (d.joules() < minJoules) {
            reject(
                    Rule.PLAUSIBILITY,
                    path + ".joules",
                    String.format(
                            Locale.ROOT,
                            "%.4g J over at least %.4g s of measurement is below %.2g W, implausible for %s",
                            d.joules(),
                            seconds,
                            floorWatts,
                            d.domain()),
                    "check the sensor's unit and that its counter advanced (a mJ or uJ value read as J?)");
        }
    }

    /** Compares dotted numeric versions; a qualifier ({@code -SNAPSHOT}) is ignored. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[-+]")[0].split("\\.");
        String[] y = b.split("[-+]")[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long u = i < x.length ? parse(x[i]) : 0;
            long v = i < y.length ? parse(y[i]) : 0;
            if (u != v) {
                return Long.compare(u, v);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
