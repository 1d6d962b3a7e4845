package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.Json;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.Calibration;
import org.joulebench.results.run.EnvironmentInfo;
import org.joulebench.results.run.HarnessInfo;
import org.joulebench.results.run.Roofline;
import org.joulebench.results.run.RunRecord;

/**
 * The run record as it grows: everything fixed at the start (id, revision, environment captured once)
 * and the results as they land. Writes the final record, or a partial one when the run is interrupted.
 */
final class RecordDraft {
    private final String runId;
    private final String profile;
    private final Instant startedAt;
    private final long startNanos;
    private final HarnessInfo harness;
    private final EnvironmentInfo environment;
    private final List<BenchmarkResult> results;
    private final List<String> warnings;
    private final Calibration calibration;
    private org.joulebench.results.run.Sweep sweep;

    RecordDraft(
            String runId,
            String profile,
            Instant startedAt,
            long startNanos,
            HarnessInfo harness,
            EnvironmentInfo environment,
            List<BenchmarkResult> results,
            List<String> warnings,
            Calibration calibration) {
        this.runId = runId;
        this.profile = profile;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.harness = harness;
        this.environment = environment;
        this.results = results;
        this.warnings = warnings;
        this.calibration = calibration;
    }

    /** Marks the record as the size sweep {@code s} ({@code sweep}); its results are then the series' points. */
    RecordDraft sweep(org.joulebench.results.run.Sweep s) {
        this.sweep = s;
        return this;
    }

    RunRecord snapshot(List<String> extraWarnings) {
        return new RunRecord(
                RunRecord.CURRENT_SCHEMA_VERSION,
                runId,
                profile,
                startedAt,
                Instant.now(),
                startNanos,
                System.nanoTime(),
                harness,
                environment,
                results.stream().map(r -> Roofline.withFraction(r, calibration)).toList(),
                Stream.concat(warnings.stream(), extraWarnings.stream()).toList(),
                calibration,
                sweep);
    }

    /**
     * From the shutdown hook: what was measured so far, beside where the final record would go; when no
     * folder takes it, the {@link RecordSaver} prints it. One copy of the results: the record, its warning
     * and the message all count the same.
     */
    void writePartial(Path outDir, int planned) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            List<BenchmarkResult> done = List.copyOf(results);
            RunRecord partial = new RecordDraft(
                            runId, profile, startedAt, startNanos, harness, environment, done, warnings, calibration)
                    .sweep(sweep)
                    .snapshot(List.of("interrupted after " + done.size() + " of " + planned + " results"));
            Path where = new RecordSaver(err, err, null, RecordSaver.defaultFallbacks())
                    .save(Json.toBytes(partial), outDir.resolve("run-" + runId + ".partial.json"));
            err.println("joulebench: interrupted; " + partial.results().size() + " results written to "
                    + (where == null ? "standard error above" : where.toAbsolutePath()));
        } catch (RuntimeException e) {
            err.println("joulebench: interrupted; could not write the partial record: " + ErrorMessages.describe(e));
        }
    }

    /**
     * Validates against the schema as every reader does, then saves through the {@link RecordSaver} (a full
     * disk: another folder, or the user's choice, or the terminal — never lost). A record that breaks the
     * schema is still kept, saved aside with the reason. Returns where the valid record went, or {@code
     * null} when it was not valid or could not be saved.
     */
    Path writeFinal(Path file, PrintWriter stdout, PrintWriter stderr, RecordSaver saver) {
        RunRecord record = snapshot(List.of());
        byte[] bytes = Json.toBytes(record);
        try {
            org.joulebench.results.SafeJsonReader.parseRunRecord(file.toString(), bytes);
        } catch (org.joulebench.results.InvalidJsonException e) {
            Path aside = saver.save(bytes, file.resolveSibling("run-" + runId + ".invalid.json"));
            stderr.println("joulebench: the run record does not validate against the schema (" + e.getMessage()
                    + "); written unvalidated to " + (aside == null ? "standard output" : aside.toAbsolutePath()));
            return null;
        }
        Path saved = saver.save(bytes, file);
        if (saved != null) {
            stdout.println("Run record: " + saved.toAbsolutePath());
        }
        return saved;
    }
}
