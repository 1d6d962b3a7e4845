package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.Json;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.HarnessInfo;
import org.joulebench.results.record.Roofline;
import org.joulebench.results.record.RunRecord;

/**
 * The run record as it grows: everything fixed at the start (id, revision, environment captured once) and the
 * results as they finish. Each finished result rewrites the record file (a temp file beside it, then an atomic
 * rename), marked {@link RunRecord.Unfinished unfinished}: a run killed at any moment (SIGKILL, a lost node)
 * leaves a valid record holding every result that finished. The final record replaces it without the mark.
 */
final class RecordDraft {
    /** What a record written while the run goes on says of itself (it is read only if the run never ends). */
    static final String STOPPED = "the run stopped before it finished (killed, crashed or lost) or is still running";

    private final String runId;
    private final String profile;
    private final Instant startedAt;
    private final long startNanos;
    private final HarnessInfo harness;
    private final EnvironmentInfo environment;
    private final List<String> warnings;
    private final Calibration calibration;
    private final Path file;
    private final int planned;
    private final PrintWriter err;
    private final List<BenchmarkResult> results = new ArrayList<>();
    private boolean stopped;
    private boolean writeFailed;
    private org.joulebench.results.record.Sweep sweep;

    /**
     * @param file where the record goes ({@code run-<runId>.json})
     * @param planned how many results the run is to measure
     * @param err where a failed interim write is reported (once)
     */
    RecordDraft(
            String runId,
            String profile,
            Instant startedAt,
            long startNanos,
            HarnessInfo harness,
            EnvironmentInfo environment,
            List<String> warnings,
            Calibration calibration,
            Path file,
            int planned,
            PrintWriter err) {
        this.runId = runId;
        this.profile = profile;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.harness = harness;
        this.environment = environment;
        this.warnings = warnings;
        this.calibration = calibration;
        this.file = file;
        this.planned = planned;
        this.err = err;
    }

    /** Marks the record as the size sweep {@code s} ({@code sweep}); its results are then the series' points. */
    synchronized RecordDraft sweep(org.joulebench.results.record.Sweep s) {
        this.sweep = s;
        return this;
    }

    Path file() {
        return file;
    }

    /**
     * A result that finished, with its roofline fraction against the run's calibration (computed here, once),
     * written to disk before this returns. Ignored once the run was {@linkplain #stop() stopped}: a result that
     * ends after Ctrl-C is one whose forks the signal killed.
     */
    synchronized void add(BenchmarkResult r) {
        if (stopped) {
            return;
        }
        results.add(Roofline.withFraction(r, calibration));
        writeInterim(new RunRecord.Unfinished(planned, STOPPED));
    }

    /** The results that finished, in the order they did. */
    synchronized List<BenchmarkResult> results() {
        return List.copyOf(results);
    }

    /** Takes no more results; returns how many the record holds. */
    synchronized int stop() {
        stopped = true;
        return results.size();
    }

    synchronized boolean stopped() {
        return stopped;
    }

    private RunRecord snapshot(RunRecord.Unfinished unfinished, List<String> extraWarnings) {
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
                results,
                Stream.concat(warnings.stream(), extraWarnings.stream()).toList(),
                calibration,
                unfinished,
                sweep);
    }

    /** The record as it stands, validated, over the file; a failure is said once and the run goes on. */
    private void writeInterim(RunRecord.Unfinished unfinished) {
        try {
            byte[] bytes = Json.toBytes(snapshot(unfinished, List.of()));
            SafeJsonReader.parseRunRecord(file.toString(), bytes);
            Json.writeAtomically(file, bytes);
        } catch (IOException | RuntimeException e) {
            if (!writeFailed) {
                writeFailed = true;
                err.println("joulebench: could not keep the run record up to date in " + file + " ("
                        + ErrorMessages.describe(e) + "); a killed run would lose its results, the finished"
                        + " run's record is written at the end as usual");
                err.flush();
            }
        }
    }

    /**
     * The run was interrupted (Ctrl-C, SIGTERM): stops taking results and writes what finished, marked as
     * interrupted, where the record goes (or, when no folder takes it, wherever the {@link RecordSaver} can).
     * One line says how many results were kept and where.
     */
    void writeInterrupted(PrintWriter out) {
        int kept = stop();
        if (kept == 0) {
            out.println("interrupted: no result had finished; no run record written");
            out.flush();
            return;
        }
        RunRecord record;
        synchronized (this) {
            record = snapshot(
                    new RunRecord.Unfinished(
                            planned, "interrupted (Ctrl-C or SIGTERM) after " + kept + " of " + planned + " results"),
                    List.of());
        }
        Path where = new RecordSaver(out, out, null, RecordSaver.defaultFallbacks()).save(Json.toBytes(record), file);
        out.println("interrupted: " + kept + " finished result" + (kept == 1 ? "" : "s") + " kept in "
                + (where == null ? "the record printed above" : where.toAbsolutePath()));
        out.flush();
    }

    /**
     * Validates against the schema as every reader does, then saves through the {@link RecordSaver} (a full
     * disk: another folder, or the user's choice, or the terminal — never lost). A record that breaks the
     * schema is still kept, saved aside with the reason. Returns where the valid record went, or {@code
     * null} when it was not valid or could not be saved.
     */
    synchronized Path writeFinal(PrintWriter stdout, PrintWriter stderr, RecordSaver saver) {
        RunRecord record = snapshot(null, List.of());
        byte[] bytes = Json.toBytes(record);
        try {
            SafeJsonReader.parseRunRecord(file.toString(), bytes);
        } catch (InvalidJsonException e) {
            Path aside = saver.save(bytes, file.resolveSibling("run-" + runId + ".invalid.json"));
            stderr.println("joulebench: the run record does not validate against the schema (" + e.getMessage()
                    + "); written unvalidated to " + (aside == null ? "standard output" : aside.toAbsolutePath()));
            return null;
        }
        Path saved = saver.save(bytes, file);
        if (saved != null && !saved.equals(file)) {
            deleteInterim();
        }
        if (saved != null) {
            stdout.println("Run record: " + saved.toAbsolutePath());
        }
        return saved;
    }

    /** The final record went elsewhere: the unfinished one it replaces must not be mistaken for it. */
    private void deleteInterim() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            err.println("joulebench: " + file + " holds this run unfinished; the finished record is elsewhere (above):"
                    + " delete it");
        }
    }
}
