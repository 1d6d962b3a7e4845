package org.joulebench.site;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.ResultStatus;
import org.joulebench.results.run.RunRecord;
import org.joulebench.results.submission.SystemDescription;

/**
 * The flattened view the pages are built from: one {@link SystemEntry} per submission or local run, one
 * {@link ResultRow} per (OK result, energy domain). Results without energy or not OK are not ranked (the
 * system page still lists them).
 */
record SiteModel(List<SystemEntry> systems, List<ResultRow> rows, List<Source> sources) {

    /** Where a system came from: exactly one of submission / localRun is set. */
    record Source(SiteSubmission submission, SiteRun localRun) {
        List<SiteRun> runs() {
            return submission != null ? submission.runs() : List.of(localRun);
        }
    }

    static SiteModel of(SiteInput input) {
        List<SystemEntry> systems = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SiteSubmission s : input.submissions()) {
            SystemDescription d = s.system();
            var peaks = d.datasheetPeaks();
            String id = uniqueId(
                    ids, slug(s.relativePath() != null ? s.relativePath() : d.submitter() + "-" + d.systemName()));
            systems.add(new SystemEntry(
                    id,
                    d.submitter(),
                    d.systemName(),
                    d.chipVendor(),
                    d.chipModel(),
                    d.chipKind() == null ? null : d.chipKind().name(),
                    d.announced() == null ? null : d.announced().toString(),
                    d.tdpWatts(),
                    peaks == null ? Map.of() : peaks.flopsPerSecondByDtype(),
                    peaks == null ? null : peaks.memoryBandwidthBytesPerSecond(),
                    peaks == null ? null : peaks.source(),
                    false,
                    s.manifestSha256()));
            sources.add(new Source(s, null));
            for (SiteRun run : s.runs()) {
                addRows(rows, systems.size() - 1, run);
            }
        }
        for (SiteRun run : input.localRuns()) {
            RunRecord r = run.record();
            String device = r.results().isEmpty()
                    ? r.environment().cpuModel()
                    : r.results().getFirst().deviceName();
            String id = uniqueId(ids, "local-" + slug(r.runId()));
            systems.add(new SystemEntry(
                    id,
                    "local (unchecked)",
                    device + " @ " + r.environment().hostname(),
                    r.environment().cpuVendor(),
                    device,
                    null,
                    null,
                    null,
                    Map.of(),
                    null,
                    null,
                    true,
                    null));
            sources.add(new Source(null, run));
            addRows(rows, systems.size() - 1, run);
        }
        return new SiteModel(systems, rows, sources);
    }

    private static void addRows(List<ResultRow> rows, int system, SiteRun run) {
        RunRecord r = run.record();
        String date = r.startedAt() == null
                ? null
                : r.startedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        String harness = r.harness() == null ? null : r.harness().version();
        for (BenchmarkResult b : r.results()) {
            if (b.status() != ResultStatus.OK || b.energy() == null || b.work() == null) {
                continue;
            }
            String headline = b.work().headline();
            String effUnit = switch (headline) {
                case "BYTE" -> "GB/J";
                case "INT_OP" -> "GOP/J";
                default -> "GFLOP/J";
            };
            double ai = b.work().arithmeticIntensity();
            for (DomainEnergy e : b.energy().domains()) {
                Double effErr = e.joulesPerOpError() == null || e.joulesPerOp() <= 0
                        ? null
                        : e.unitsPerJoule() * e.joulesPerOpError() / e.joulesPerOp();
                rows.add(new ResultRow(
                        system,
                        b.kernel(),
                        b.dtype(),
                        b.size(),
                        b.shapeLabel(),
                        b.backend(),
                        b.device(),
                        b.deviceName(),
                        e.domain(),
                        e.tier(),
                        e.estimated() || "ESTIMATE".equals(e.tier()),
                        e.unitsPerJoule(),
                        effErr,
                        effUnit,
                        e.picojoulesPerUnit(),
                        b.throughput() == null ? null : b.throughput().value(),
                        b.throughput() == null ? null : b.throughput().unit(),
                        b.throughput() == null ? 0 : b.throughput().operationsPerSecond(),
                        e.averagePowerWatts(),
                        b.verification() != null && b.verification().passed(),
                        r.runId(),
                        run.fileName(),
                        date,
                        Double.isNaN(ai) ? null : ai,
                        harness));
            }
        }
    }

    /** Lower-case [a-z0-9-] only: safe as a file name and in a URL. */
    static String slug(String s) {
        String out = (s == null ? "" : s)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "x" : out.length() > 80 ? out.substring(0, 80) : out;
    }

    private static String uniqueId(Set<String> ids, String base) {
        String id = base;
        for (int i = 2; !ids.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }
}
