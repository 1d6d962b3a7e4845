package org.joulebench.results.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ForkConsistency;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.PairedRatio;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Score;
import org.joulebench.results.record.ScoreStatistics;

/**
 * Rule {@code forks}: every per-invocation figure of a timed result follows from its per-fork data (schema 3):
 * each raw iteration is that fork's JMH time per call ÷ that fork's batch size; the score and its interval are
 * recomputed from them ({@link ScoreStatistics}, as the harness computed them); each fork's mean and interval,
 * the fork-consistency flag, and every energy window's invocations (JMH's calls in that iteration × the fork's
 * batch size) likewise. The score's other consequences (throughput, power, joules) are held to the score by
 * {@link ConsistencyRules}.
 *
 * <p>Records of schema 1 and 2 carry no per-fork batch data and cannot be recomputed: they are accepted only when
 * their exact bytes were committed before schema 3 (listed by SHA-256 in {@value #LEGACY_LIST}), so a new record
 * cannot dodge the recomputation by leaving the data out or by claiming an old version.
 */
final class ForkRules implements RunRules {
    static final String LEGACY_LIST = "records-before-schema-3.sha256";
    private static final double TOLERANCE = ConsistencyRules.DERIVED_TOLERANCE;
    private static final Set<String> LEGACY = legacyHashes();

    private final Findings f;
    private final RunRecord run;
    private final byte[] bytes;

    ForkRules(CheckedRun checked, Findings f) {
        this.f = f;
        this.run = checked.run();
        this.bytes = checked.bytes();
    }

    /** True when {@code bytes} are a record committed before schema 3. */
    static boolean committedBeforeSchema3(byte[] bytes) {
        return LEGACY.contains(DisplayNames.sha256Hex(bytes));
    }

    @Override
    public void apply() {
        if (run.schemaVersion() < 3) {
            if (!committedBeforeSchema3(bytes)) {
                f.reject(
                        Rule.FORKS,
                        "$.schemaVersion",
                        "a schema-" + run.schemaVersion() + " record has no per-fork batch data, so its per-invocation"
                                + " figures cannot be recomputed; only the records committed before schema 3 are"
                                + " accepted",
                        "measure again with this joulebench, which writes schema " + RunRecord.CURRENT_SCHEMA_VERSION);
            }
            return;
        }
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (r.status() == ResultStatus.OK && r.score() != null && r.jmh() != null) {
                result("$.results[" + i + "]", r);
            }
            for (int k = 0; k < r.pairedRatios().size(); k++) {
                paired(
                        "$.results[" + i + "].pairedRatios[" + k + "]",
                        r,
                        r.pairedRatios().get(k));
            }
        }
    }

    /** A paired ratio against the other implementation's result in the same record, recomputed from both forks. */
    private void paired(String path, BenchmarkResult r, PairedRatio written) {
        BenchmarkResult other = run.results().stream()
                .filter(o -> o != r
                        && o.caseOnDevice().equals(r.caseOnDevice())
                        && o.implementation().id().equals(written.versusImplementation()))
                .findFirst()
                .orElse(null);
        if (other == null || other.forks().isEmpty() || r.forks().isEmpty()) {
            reject(
                    path + ".versusImplementation",
                    r.key() + ": a paired ratio against " + written.versusImplementation()
                            + ", but the record holds no timed result of it on this case");
            return;
        }
        PairedRatio expected = PairedRatio.of(written.versusImplementation(), r.forks(), other.forks());
        derived(path + ".ratio", r, "the paired ratio", written.ratio(), expected.ratio());
        derivedOrNull(path + ".low", r, "the paired ratio's lower end", written.low(), expected.low());
        derivedOrNull(path + ".high", r, "the paired ratio's upper end", written.high(), expected.high());
        if (written.pairs() != expected.pairs()) {
            reject(path + ".pairs", r.key() + ": " + written.pairs() + " pairs but the forks make " + expected.pairs());
        }
    }

    private void result(String path, BenchmarkResult r) {
        List<ForkRecord> forks = r.forks();
        if (forks.size() != r.jmh().forks()) {
            reject(
                    path + ".forks",
                    r.key() + ": " + forks.size() + " fork records for "
                            + r.jmh().forks() + " forks");
            return;
        }
        List<Double> raw = new ArrayList<>();
        for (int k = 0; k < forks.size(); k++) {
            ForkRecord fk = forks.get(k);
            String fp = path + ".forks[" + k + "]";
            if (fk.fork() != k + 1) {
                reject(fp + ".fork", r.key() + ": fork " + fk.fork() + " recorded in place " + (k + 1));
                return;
            }
            int iterations = r.jmh().measurementIterations();
            if (fk.millisPerCall().size() != iterations
                    || fk.callsPerIteration().size() != iterations) {
                reject(
                        fp,
                        r.key() + ": fork " + fk.fork() + " has "
                                + fk.millisPerCall().size() + " scores and "
                                + fk.callsPerIteration().size() + " call counts for " + iterations
                                + " measured iterations");
                return;
            }
            if (k > 0
                    && ForkRecord.GIVEN.equals(fk.batchDecision())
                    && fk.batchSize() != forks.getFirst().batchSize()) {
                reject(
                        fp + ".batchSize",
                        r.key() + ": fork " + fk.fork() + " was given batch size " + fk.batchSize()
                                + " but fork 1 decided " + forks.getFirst().batchSize());
            }
            List<Double> perInvocation = fk.millisPerInvocationByIteration();
            derived(
                    fp + ".millisPerInvocation",
                    r,
                    "fork " + fk.fork() + "'s mean (ms)",
                    fk.millisPerInvocation(),
                    ScoreStatistics.mean(perInvocation));
            derivedOrNull(
                    fp + ".errorMillisPerInvocation",
                    r,
                    "fork " + fk.fork() + "'s interval (ms)",
                    fk.errorMillisPerInvocation(),
                    ScoreStatistics.halfWidth(perInvocation, ScoreStatistics.CONFIDENCE));
            raw.addAll(perInvocation);
        }
        if (r.jmh().batchSize() != forks.getFirst().batchSize()) {
            reject(
                    path + ".jmh.batchSize",
                    r.key() + ": batch size " + r.jmh().batchSize() + " but fork 1 ran "
                            + forks.getFirst().batchSize());
        }
        score(path, r, raw);
        ForkConsistency expected = ForkConsistency.of(forks);
        ForkConsistency actual = r.forkConsistency();
        if ((expected == null) != (actual == null)
                || (expected != null && expected.consistent() != actual.consistent())) {
            reject(
                    path + ".forkConsistency",
                    r.key() + ": fork consistency is " + describe(actual)
                            + " but the forks' means and intervals make it " + describe(expected));
        }
        if (r.energy() != null) {
            for (int d = 0; d < r.energy().domains().size(); d++) {
                windows(
                        path + ".energy.domains[" + d + "]",
                        r,
                        r.energy().domains().get(d),
                        forks);
            }
        }
    }

    /** The raw iterations, the score and its interval against the per-fork data. */
    private void score(String path, BenchmarkResult r, List<Double> raw) {
        Score s = r.score();
        if (s.rawIterations().size() != raw.size()) {
            reject(
                    path + ".score.rawIterations",
                    r.key() + ": " + s.rawIterations().size() + " raw iterations but the forks hold " + raw.size());
            return;
        }
        for (int i = 0; i < raw.size(); i++) {
            if (!close(s.rawIterations().get(i), raw.get(i))) {
                reject(
                        path + ".score.rawIterations[" + i + "]",
                        String.format(
                                Locale.ROOT,
                                "%s: raw iteration %d is %.6g ms but its fork's time per call ÷ its batch size is %.6g ms",
                                r.key(),
                                i,
                                s.rawIterations().get(i),
                                raw.get(i)));
                return;
            }
        }
        derived(path + ".score.value", r, "the score (ms/op)", s.value(), ScoreStatistics.mean(raw));
        derivedOrNull(
                path + ".score.error",
                r,
                "the score's interval (ms/op)",
                s.error(),
                ScoreStatistics.halfWidth(raw, ScoreStatistics.CONFIDENCE));
    }

    private void windows(String path, BenchmarkResult r, DomainEnergy d, List<ForkRecord> forks) {
        if (d.raw() == null) {
            return;
        }
        for (int w = 0; w < d.raw().windows().size(); w++) {
            RawWindow win = d.raw().windows().get(w);
            if (win.fork() < 1 || win.fork() > forks.size()) {
                reject(
                        path + ".raw.windows[" + w + "].fork",
                        r.key() + ": window of fork " + win.fork() + " but the" + " result has " + forks.size()
                                + " forks");
                return;
            }
            ForkRecord fk = forks.get(win.fork() - 1);
            if (win.iteration() < 1 || win.iteration() > fk.callsPerIteration().size()) {
                continue; // not a measured window (idle windows are iteration 0); RawReadingRules owns the rest
            }
            long expected = fk.invocations(win.iteration() - 1);
            if (win.invocations() != expected) {
                reject(
                        path + ".raw.windows[" + w + "].invocations",
                        r.key() + ": window of fork " + win.fork()
                                + " iteration " + win.iteration() + " holds " + win.invocations()
                                + " invocations but JMH"
                                + " counted " + fk.callsPerIteration().get(win.iteration() - 1) + " calls of "
                                + fk.batchSize());
            }
        }
    }

    private static String describe(ForkConsistency c) {
        return c == null ? "absent" : c.consistent() ? "consistent" : "inconsistent";
    }

    private void derived(String field, BenchmarkResult r, String what, double actual, double expected) {
        if (!close(actual, expected)) {
            reject(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s: %s is %.6g but the per-fork data make it %.6g",
                            r.key(),
                            what,
                            actual,
                            expected));
        }
    }

    private void derivedOrNull(String field, BenchmarkResult r, String what, Double actual, Double expected) {
        if (actual == null && expected == null) {
            return;
        }
        if (actual == null || expected == null) {
            reject(field, r.key() + ": " + what + " is " + actual + " but the per-fork data make it " + expected);
            return;
        }
        derived(field, r, what, actual, expected);
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected);
    }

    private void reject(String field, String message) {
        f.reject(
                Rule.FORKS,
                field,
                message,
                "per-invocation figures are derived from the per-fork data by joulebench;"
                        + " do not edit a record by hand");
    }

    private static Set<String> legacyHashes() {
        Set<String> out = new HashSet<>();
        try (InputStream in = ForkRules.class.getResourceAsStream(LEGACY_LIST)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + LEGACY_LIST);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t.split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + LEGACY_LIST, e);
        }
        return Set.copyOf(out);
    }
}
