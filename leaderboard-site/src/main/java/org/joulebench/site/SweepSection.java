package org.joulebench.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Sweep;
import org.joulebench.site.plot.SweepFigure;

/**
 * The system page's size sweeps ({@code ./joulebench sweep}): each sweep run as one entry, marked unranked, its points
 * in order of working set with throughput and J/op, the caches it recorded and the command that draws its figure.
 * Sweep results are ranked nowhere: the leaderboard's rows skip them ({@link SiteModel}) and the page's results
 * table marks each point {@link #UNRANKED}.
 */
final class SweepSection {
    /** Why a sweep's point is not ranked (the results table's "not ranked: ..."). */
    static final String UNRANKED = "size sweep (ranked nowhere: a curve of this chip, not a leaderboard figure)";

    private SweepSection() {}

    /** Why {@code record}'s results are not ranked, or {@code null} when it is not a sweep. */
    static String unranked(RunRecord record) {
        return record.sweep() == null ? null : UNRANKED;
    }

    /** One label/value pair per sweep among {@code runs} (none when there is none). */
    static List<List<String>> facts(List<SiteRun> runs) {
        List<List<String>> out = new ArrayList<>();
        for (SiteRun run : runs) {
            RunRecord r = run.record();
            Sweep s = r.sweep();
            if (s == null) {
                continue;
            }
            String label = "Size sweep, unranked: " + s.kernel() + " " + s.dtype() + " on " + s.backend() + ":"
                    + s.device() + " (run " + r.runId() + ")";
            List<BenchmarkResult> points = r.results().stream()
                    .filter(b -> b.work() != null && !b.nullWorkload())
                    .sorted(java.util.Comparator.comparingLong(SweepFigure::workingSet))
                    .toList();
            String pts = points.stream().map(SweepSection::point).collect(Collectors.joining("; "));
            StringBuilder v = new StringBuilder();
            v.append(s.points())
                    .append(" points from ")
                    .append(dims(s.from()))
                    .append(" to ")
                    .append(dims(s.to()))
                    .append(", geometric, ")
                    .append(r.profile())
                    .append(" profile; ranked nowhere. Working set: throughput, J/op per point: ")
                    .append(pts.isEmpty() ? "none" : pts)
                    .append('.');
            if (!s.cacheBytes().isEmpty()) {
                v.append(" Caches: ")
                        .append(s.cacheBytes().entrySet().stream()
                                .map(e -> e.getKey() + " " + SweepFigure.bytesText(e.getValue()))
                                .collect(Collectors.joining(", ")))
                        .append('.');
            }
            v.append(" Figure: ./joulebench figure --sweep ").append(SystemPageWriter.rawRunName(run.fileName()));
            out.add(List.of(label, v.toString()));
        }
        return out;
    }

    private static String point(BenchmarkResult b) {
        String ws = SweepFigure.bytesText(SweepFigure.workingSet(b)) + " ("
                + b.implementation().id() + ")";
        if (b.status() != ResultStatus.OK || b.throughput() == null) {
            return ws + ": " + (b.status() == null ? "not measured" : b.status().name());
        }
        String thr = Fmt.num(b.throughput().value()) + " " + b.throughput().unit();
        DomainEnergy d = b.energy() == null || b.energy().domains().isEmpty()
                ? null
                : b.energy().domains().getFirst();
        String energy = d == null
                ? "no J/op"
                : Fmt.num(d.joulesPerOp()) + " J/op" + (d.estimated() ? " (ESTIMATE)" : " (" + d.tier() + ")");
        return ws + ": " + thr + ", " + energy;
    }

    private static String dims(Map<String, Integer> dims) {
        return dims.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
