package org.joulebench.results.check;

import java.util.Locale;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.JmhSettings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.Score;
import org.joulebench.results.record.Throughput;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * A result's figures against each other (rule {@code consistency}, decided here alone), so that an edited
 * headline figure (the one the leaderboard ranks) cannot pass: the score is the mean of its raw iterations, one
 * per fork and iteration; throughput, op/s and B/s follow from the work and the score; the throughput unit is
 * the headline's ({@link HeadlineUnit#throughputUnit()}); pJ/unit and units/J follow from J/op and the work
 * ({@link EnergyArithmetic}); J/op is the mean of its iterations; power is J/op ÷ time per op; total joules are
 * J/op × the operations the measured windows hold; energy above idle is J/op less idle power × time per op.
 */
final class ConsistencyRules extends PerResultRules {
    /** Relative slack for figures derived from others: they are computed in double, then printed. */
    static final double DERIVED_TOLERANCE = 1e-6;

    /**
     * Slack for identities between a mean of per-iteration ratios and a ratio of totals (J/op is the mean of
     * each iteration's J/op; power is total joules ÷ total window time; the score is the mean of each
     * iteration's time per op): they differ by the iteration-to-iteration spread, a few percent on a real
     * machine. 25 % is far above that and far below any edited figure worth editing.
     */
    static final double IDENTITY_TOLERANCE = 0.25;

    ConsistencyRules(CheckedRun run, Findings f) {
        super(run, f);
    }

    @Override
    void result(String path, BenchmarkResult r) {
        perUnit(path, r);
        Score s = r.score();
        if (s == null || r.jmh() == null || r.throughput() == null) {
            return; // the schema requires them for OK results
        }
        if (!"ms/op".equals(s.unit())) {
            f.reject(
                    Rule.CONSISTENCY,
                    path + ".score.unit",
                    r.key() + ": score unit " + s.unit() + "; joulebench records ms/op",
                    "submit records written by joulebench");
            return;
        }
        int expectedIterations = Math.max(1, r.jmh().forks()) * r.jmh().measurementIterations();
        if (s.rawIterations().size() != expectedIterations) {
            f.reject(
                    Rule.CONSISTENCY,
                    path + ".score.rawIterations",
                    r.key() + ": " + s.rawIterations().size() + " raw iterations, but "
                            + r.jmh().forks() + " fork(s) x " + r.jmh().measurementIterations() + " iterations make "
                            + expectedIterations,
                    "every measured iteration's score is kept; do not edit a record by hand");
        } else if (!s.rawIterations().isEmpty()) {
            double mean = s.rawIterations().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            derived(path + ".score.value", r, "the score (ms/op)", s.value(), mean, "the mean of its raw iterations");
        }
        if (!(s.value() > 0)) {
            return; // nothing to divide by; the schema allows 0 only for absurd records
        }
        double secondsPerOp = s.value() / 1e3;
        Throughput t = r.throughput();
        follows(path + ".throughput.value", r, "throughput", t.value(), r.work().headlineCount() / secondsPerOp / 1e9);
        derived(
                path + ".throughput.operationsPerSecond",
                r,
                "op/s",
                t.operationsPerSecond(),
                r.work().operations() / secondsPerOp,
                "the work's operations ÷ the score");
        derived(
                path + ".throughput.bytesPerSecond",
                r,
                "B/s",
                t.bytesPerSecond(),
                (r.work().bytesRead() + r.work().bytesWritten()) / secondsPerOp,
                "the work's bytes ÷ the score");
        String unit = r.work().headlineUnit().throughputUnit();
        if (!unit.equals(t.unit())) {
            f.reject(
                    Rule.CONSISTENCY,
                    path + ".throughput.unit",
                    r.key() + ": throughput unit " + t.unit() + " but the headline "
                            + r.work().headline() + " is quoted in " + unit,
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
        if (r.energy() == null) {
            return;
        }
        for (int j = 0; j < r.energy().domains().size(); j++) {
            energy(path + ".energy.domains[" + j + "]", r, r.energy().domains().get(j), secondsPerOp);
        }
    }

    /** pJ/unit and units/J from J/op and the work; J/op the mean of its iterations. */
    private void perUnit(String path, BenchmarkResult r) {
        if (r.energy() == null) {
            return;
        }
        long units = r.work().headlineCount();
        for (int j = 0; j < r.energy().domains().size(); j++) {
            DomainEnergy d = r.energy().domains().get(j);
            String p = path + ".energy.domains[" + j + "]";
            if (!(d.joulesPerOp() > 0)) {
                continue; // rule plausibility rejects it: nothing to derive from
            }
            follows(
                    p + ".picojoulesPerUnit",
                    r,
                    "pJ per unit",
                    d.picojoulesPerUnit(),
                    EnergyArithmetic.picojoulesPerUnit(d.joulesPerOp(), units));
            follows(
                    p + ".unitsPerJoule",
                    r,
                    "units per joule",
                    d.unitsPerJoule(),
                    EnergyArithmetic.unitsPerJoule(d.joulesPerOp(), units));
            if (!d.joulesPerOpPerIteration().isEmpty()) {
                follows(
                        p + ".joulesPerOp",
                        r,
                        "J/op (the mean of its iterations)",
                        d.joulesPerOp(),
                        EnergyArithmetic.mean(d.joulesPerOpPerIteration()));
            }
        }
    }

    private void follows(String field, BenchmarkResult r, String what, double actual, double expected) {
        if (Math.abs(actual - expected) > DERIVED_TOLERANCE * Math.abs(expected)) {
            f.reject(
                    Rule.CONSISTENCY,
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s: %s is %.6g but follows from the record as %.6g",
                            r.key(),
                            what,
                            actual,
                            expected),
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
    }

    private void energy(String path, BenchmarkResult r, DomainEnergy d, double secondsPerOp) {
        if (!(d.joulesPerOp() > 0)) {
            return; // rule plausibility rejects it
        }
        if (d.raw() != null && !d.raw().windows().isEmpty() && !r.forks().isEmpty()) {
            windowsSpanTheTimedWork(path, r, d);
            return;
        }
        // power = energy per op ÷ time per op
        double watts = d.joulesPerOp() / secondsPerOp;
        identity(
                path + ".averagePowerWatts",
                r,
                String.format(
                        Locale.ROOT,
                        "average power %.4g W is not J/op x throughput: %.4g J/op ÷ %.4g s/op = %.4g W",
                        d.averagePowerWatts(),
                        d.joulesPerOp(),
                        secondsPerOp,
                        watts),
                d.averagePowerWatts(),
                watts);
        // total joules = J/op x operations. With raw readings the operations are the measured windows' own
        // invocations (each one JMH's count x its fork's batch size: rule forks): a loaded machine overruns JMH's
        // nominal iteration time by a whole timer wake-up, so that bound would reject honest runs. Without them
        // (schema 1), the measured windows hold between n x measurementTime and n x (measurementTime + one op) of
        // work (a JMH iteration ends after the op that crosses its time).
        long windowInvocations = d.raw() == null
                ? 0
                : d.raw().windows().stream()
                        .filter(w -> w.iteration() > 0)
                        .mapToLong(RawWindow::invocations)
                        .sum();
        double ops = d.joules() / d.joulesPerOp();
        if (windowInvocations > 0) {
            if (Math.abs(ops - windowInvocations) > IDENTITY_TOLERANCE * windowInvocations) {
                f.reject(
                        Rule.CONSISTENCY,
                        path + ".joules",
                        String.format(
                                Locale.ROOT,
                                "%s: total energy %.4g J is not J/op x operations: the measured windows hold %d"
                                        + " invocations, so %.4g J at %.4g J/op",
                                r.key(),
                                d.joules(),
                                windowInvocations,
                                windowInvocations * d.joulesPerOp(),
                                d.joulesPerOp()),
                        "derived figures are written by joulebench; do not edit a record by hand");
            }
        } else {
            nominalTotal(path, r, d, secondsPerOp, ops);
        }
        if (d.dynamicJoulesPerOp() != null && d.idlePowerWatts() != null) {
            double expected = d.joulesPerOp() - d.idlePowerWatts() * secondsPerOp;
            if (Math.abs(d.dynamicJoulesPerOp() - expected) > IDENTITY_TOLERANCE * d.joulesPerOp()) {
                f.reject(
                        Rule.CONSISTENCY,
                        path + ".dynamicJoulesPerOp",
                        String.format(
                                Locale.ROOT,
                                "%s: energy above idle %.4g J/op is not J/op less idle power x time per op: %.4g - %.4g W"
                                        + " x %.4g s = %.4g J/op",
                                r.key(),
                                d.dynamicJoulesPerOp(),
                                d.joulesPerOp(),
                                d.idlePowerWatts(),
                                secondsPerOp,
                                expected),
                        "derived figures are written by joulebench; do not edit a record by hand");
            }
        }
    }

    private void identity(String field, BenchmarkResult r, String message, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= IDENTITY_TOLERANCE * Math.abs(expected))) {
            f.reject(
                    Rule.CONSISTENCY,
                    field,
                    r.key() + ": " + message,
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
    }

    private void derived(String field, BenchmarkResult r, String what, double actual, double expected, String from) {
        if (!(Math.abs(actual - expected) <= DERIVED_TOLERANCE * Math.abs(expected))) {
            f.reject(
                    Rule.CONSISTENCY,
                    field,
                    String.format(Locale.ROOT, "%s: %s is %.6g but %s is %.6g", r.key(), what, actual, from, expected),
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
    }

    /**
     * Schema 3 with raw windows: J/op, total joules and power are recomputed exactly from the windows (rule
     * raw-readings) and each window's invocations from JMH's counts (rule forks), so what is left to hold together
     * is time: the measured windows must span the work JMH timed in them (its calls x its time per call), no less
     * and not much more. The identities of schema 1/2 (power = J/op ÷ time per op, total = J/op x operations)
     * compare a mean of per-window ratios with a ratio of totals, which drift apart on a loaded machine where
     * windows differ a lot: they are kept for records without per-fork data only.
     */
    private void windowsSpanTheTimedWork(String path, BenchmarkResult r, DomainEnergy d) {
        double windowSeconds = 0;
        double timedSeconds = 0;
        int windows = 0;
        for (RawWindow w : d.raw().windows()) {
            if (w.iteration() < 1 || w.fork() < 1 || w.fork() > r.forks().size()) {
                continue;
            }
            var fork = r.forks().get(w.fork() - 1);
            if (w.iteration() > fork.millisPerCall().size()) {
                continue; // rule forks names it
            }
            windowSeconds += (w.endNanos() - w.startNanos()) / 1e9;
            timedSeconds += fork.callsPerIteration().get(w.iteration() - 1)
                    * fork.millisPerCall().get(w.iteration() - 1)
                    / 1e3;
            windows++;
        }
        // a window opens before JMH's loop starts and closes after it ends: it holds the timed work plus the
        // iteration's own hand-offs (a few ms; more when the machine is loaded)
        double lowest = timedSeconds * (1 - SPAN_TOLERANCE);
        double highest = timedSeconds * (1 + IDENTITY_TOLERANCE) + windows * SPAN_SLACK_SECONDS;
        if (windowSeconds < lowest || windowSeconds > highest) {
            f.reject(
                    Rule.CONSISTENCY,
                    path + ".raw.windows",
                    String.format(
                            Locale.ROOT,
                            "%s: the measured windows last %.4g s but JMH timed %.4g s of work in them (calls x time"
                                    + " per call of each fork's iterations)",
                            r.key(),
                            windowSeconds,
                            timedSeconds),
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
    }

    /** A window may not be shorter than the work timed in it, but for clock granularity. */
    static final double SPAN_TOLERANCE = 0.02;

    /** What a loaded machine may add to each window outside JMH's timed loop, seconds. */
    static final double SPAN_SLACK_SECONDS = 0.25;

    private void nominalTotal(String path, BenchmarkResult r, DomainEnergy d, double secondsPerOp, double ops) {
        JmhSettings jmh = r.jmh();
        int iterations = d.joulesPerOpPerIteration().isEmpty()
                ? Math.max(1, jmh.forks()) * jmh.measurementIterations()
                : d.joulesPerOpPerIteration().size();
        double windowSeconds = jmh.measurementTimeMillis() / 1e3;
        double fewestOps = iterations * windowSeconds / secondsPerOp;
        double mostOps = iterations * (windowSeconds + secondsPerOp) / secondsPerOp;
        if (ops < fewestOps * (1 - IDENTITY_TOLERANCE) || ops > mostOps * (1 + IDENTITY_TOLERANCE)) {
            f.reject(
                    Rule.CONSISTENCY,
                    path + ".joules",
                    String.format(
                            Locale.ROOT,
                            "%s: total energy %.4g J is not J/op x operations: %d iteration(s) of %.4g s at %.4g s/op"
                                    + " hold %.4g to %.4g operations, so %.4g to %.4g J at %.4g J/op",
                            r.key(),
                            d.joules(),
                            iterations,
                            windowSeconds,
                            secondsPerOp,
                            fewestOps,
                            mostOps,
                            fewestOps * d.joulesPerOp(),
                            mostOps * d.joulesPerOp(),
                            d.joulesPerOp()),
                    "derived figures are written by joulebench; do not edit a record by hand");
        }
    }
}
