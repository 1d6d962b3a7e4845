package org.joulebench.results.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One joulebench run: written as one JSON file ({@code run-<runId>.json}). Validated by {@code
 * schemas/run-record.schema.json} in this module.
 *
 * @param schemaVersion version of this record format ({@link #CURRENT_SCHEMA_VERSION})
 * @param runId unique id of the run (UTC timestamp plus random suffix)
 * @param profile the JMH profile used: quick, standard or submission
 * @param startedAt wall-clock start (UTC)
 * @param endedAt wall-clock end (UTC)
 * @param startMonotonicNanos {@link System#nanoTime()} at start: only differences are meaningful
 * @param endMonotonicNanos {@link System#nanoTime()} at end
 * @param harness the harness version and git revision that produced this record
 * @param environment the machine and JVM
 * @param results one entry per kernel/shape/dtype/backend/device measured or attempted
 * @param warnings run-level warnings (e.g. a sensor that could not be read)
 * @param calibration this machine's measured roofs ({@code ./joulebench calibrate}); absent (not written) in
 *     version-1 records and runs made without one
 * @param unfinished present only in the record of a run that did not finish (killed, interrupted, crashed, or
 *     still running): the record holds the results that finished, and this says so; absent in a finished run's
 *     record. {@code check} rejects it and {@code submit} refuses it: a run stopped part-way is a selection of
 *     results, not a run
 * @param sweep present when the run is a size sweep ({@code ./joulebench sweep}): its results are the series'
 *     points, ranked nowhere; absent (not written) in every other run
 */
public record RunRecord(
        int schemaVersion,
        String runId,
        String profile,
        Instant startedAt,
        Instant endedAt,
        long startMonotonicNanos,
        long endMonotonicNanos,
        HarnessInfo harness,
        EnvironmentInfo environment,
        List<BenchmarkResult> results,
        List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) Calibration calibration,
        @JsonInclude(JsonInclude.Include.NON_NULL) Unfinished unfinished,
        @JsonInclude(JsonInclude.Include.NON_NULL) Sweep sweep) {

    public static final int CURRENT_SCHEMA_VERSION = 3;

    /**
     * What an unfinished run's record says of itself.
     *
     * @param plannedResults results the run was to measure ({@code results} holds those that finished)
     * @param reason why it did not finish, in words (for a record written while the run went on: that it was
     *     stopped or is still running)
     */
    public record Unfinished(int plannedResults, String reason) {}

    /** The oldest version {@code check} and the site still read. */
    public static final int OLDEST_READABLE_SCHEMA_VERSION = 1;

    public RunRecord {
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }

    /** A run record that is not a sweep. */
    public RunRecord(
            int schemaVersion,
            String runId,
            String profile,
            Instant startedAt,
            Instant endedAt,
            long startMonotonicNanos,
            long endMonotonicNanos,
            HarnessInfo harness,
            EnvironmentInfo environment,
            List<BenchmarkResult> results,
            List<String> warnings,
            Calibration calibration) {
        this(
                schemaVersion,
                runId,
                profile,
                startedAt,
                endedAt,
                startMonotonicNanos,
                endMonotonicNanos,
                harness,
                environment,
                results,
                warnings,
                calibration,
                null,
                null);
    }

    /** A run record that is not a sweep, finished ({@code unfinished} null) or not. */
    public RunRecord(
            int schemaVersion,
            String runId,
            String profile,
            Instant startedAt,
            Instant endedAt,
            long startMonotonicNanos,
            long endMonotonicNanos,
            HarnessInfo harness,
            EnvironmentInfo environment,
            List<BenchmarkResult> results,
            List<String> warnings,
            Calibration calibration,
            Unfinished unfinished) {
        this(
                schemaVersion,
                runId,
                profile,
                startedAt,
                endedAt,
                startMonotonicNanos,
                endMonotonicNanos,
                harness,
                environment,
                results,
                warnings,
                calibration,
                unfinished,
                null);
    }

    /** This record as the size sweep {@code sweep} (or, with {@code null}, as no sweep). */
    public RunRecord withSweep(Sweep sweep) {
        return new RunRecord(
                schemaVersion,
                runId,
                profile,
                startedAt,
                endedAt,
                startMonotonicNanos,
                endMonotonicNanos,
                harness,
                environment,
                results,
                warnings,
                calibration,
                unfinished,
                sweep);
    }

    /** A run record without a calibration (version-1 records and runs made without one). */
    public RunRecord(
            int schemaVersion,
            String runId,
            String profile,
            Instant startedAt,
            Instant endedAt,
            long startMonotonicNanos,
            long endMonotonicNanos,
            HarnessInfo harness,
            EnvironmentInfo environment,
            List<BenchmarkResult> results,
            List<String> warnings) {
        this(
                schemaVersion,
                runId,
                profile,
                startedAt,
                endedAt,
                startMonotonicNanos,
                endMonotonicNanos,
                harness,
                environment,
                results,
                warnings,
                null,
                null,
                null);
    }

    /** True when the run finished (the record has no {@link Unfinished} section). */
    public boolean finished() {
        return unfinished == null;
    }

    /** True when every result verified and measured. */
    public boolean allPassed() {
        return results.stream().allMatch(r -> r.status() == ResultStatus.OK);
    }
}
