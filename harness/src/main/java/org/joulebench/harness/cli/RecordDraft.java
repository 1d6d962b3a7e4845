package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
                calibration);
    }

    /** From the shutdown hook: what was measured so far, beside where the final record would go. */
    void writePartial(Path outDir, int planned) {
        try {
            RunRecord partial =
                    snapshot(List.of("interrupted after " + results.size() + " of " + planned + " results"));
            Path file = outDir.resolve("run-" + runId + ".partial.json");
            Files.createDirectories(outDir);
            Files.write(file, Json.toBytes(partial));
            System.err.println("joulebench: interrupted; " + partial.results().size() + " results written to " + file);
        } catch (IOException | RuntimeException e) {
            System.err.println("joulebench: interrupted; could not write the partial record: " + e);
        }
    }

    /**
     * Validates against the schema and writes atomically; a record that breaks the schema is still
     * kept, written aside with the reason. Returns whether the valid record was written.
     */
    boolean writeFinal(Path file, PrintWriter stdout, PrintWriter stderr) throws IOException {
        RunRecord record = snapshot(List.of());
        Files.createDirectories(file.getParent());
        try {
            Json.writeRunRecord(file, record);
        } catch (org.joulebench.results.InvalidJsonException e) {
            Path aside = file.resolveSibling("run-" + runId + ".invalid.json");
            Files.write(aside, Json.toBytes(record));
            stderr.println("joulebench: the run record does not validate against the schema (" + e.getMessage()
                    + "); written unvalidated to " + aside.toAbsolutePath());
            return false;
        }
        stdout.println("Run record: " + file.toAbsolutePath());
        return true;
    }
}
