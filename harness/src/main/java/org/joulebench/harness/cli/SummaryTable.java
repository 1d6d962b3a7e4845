package org.joulebench.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joulebench.results.record.BackendMetricRecord;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.vocabulary.HeadlineUnit;

/** The table printed at the end of a run. */
final class SummaryTable {
    private SummaryTable() {}

    static String render(List<BenchmarkResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "kernel",
            "backend (implementation)",
            "dtype",
            "shape",
            "throughput",
            "± error",
            "of roof",
            "verified",
            "energy"
        });
        for (BenchmarkResult r : results) {
            String thr = r.throughput() == null
                    ? "-"
                    : isNoop(r)
                            ? fmt(r.score().value() * 1e6) + " ns/call"
                            : fmt(r.throughput().value()) + " " + r.throughput().unit();
            rows.add(new String[] {
                r.kernel(),
                r.backend() + ":" + r.device() + " (" + r.implementation().id() + ")",
                r.dtype(),
                BenchmarkResult.CUSTOM_SIZE.equals(r.size()) ? r.shapeLabel() : r.size() + " " + r.shapeLabel(),
                thr,
                spread(r),
                roof(r),
                verified(r),
                isNoop(r) ? "never ranked (null workload)" : energy(r)
            });
        }
        int[] w = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 4 || i == 5 || i == 6;
                String cell = numeric && n > 0 ? pad(row[i], w[i], true) : pad(row[i], w[i], false);
                sb.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            sb.append(System.lineSeparator());
            if (n == 0) {
                for (int i = 0; i < w.length; i++) {
                    sb.append("-".repeat(w[i])).append(i == w.length - 1 ? "" : "  ");
                }
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /**
     * The score's 99.9 % half-width as a percentage of the score, marked UNSTABLE when wider than 10 %
     * (such a figure says little; run the standard profile or quiet the machine), and FORKS DISAGREE when the
     * forks' own intervals do not overlap (the spread lies between forks: the mean of them hides it); with the
     * interference rule's reason beside it when the machine was busy.
     */
    static String spread(BenchmarkResult r) {
        if (r.score() == null || r.score().relativeError() == null) {
            return "-";
        }
        String pct = String.format(Locale.ROOT, "%.1f%%", r.score().relativeError() * 100);
        String out = r.score().unstable() ? pct + " UNSTABLE" : pct;
        if (r.forkConsistency() != null && !r.forkConsistency().consistent()) {
            out += " FORKS DISAGREE";
        }
        // why, when the interference rule flagged its windows (e.g. "other load 38 % of a core in 3 of 5 windows")
        if (r.interference() != null && r.interference().reason() != null) {
            out += " (" + r.interference().reason() + ")";
            var fig = r.interference().figure();
            if (fig != null && fig.extraWindowsMeasured() > 0 && r.score().value() > 0) {
                // the counted figure's stated rule swapped flagged windows for clean extra ones: say how far it moved
                out += String.format(
                        Locale.ROOT,
                        " [%d extra windows; counted figure %+.1f%% vs score]",
                        fig.extraWindowsMeasured(),
                        100 * (fig.millisPerInvocation() / r.score().value() - 1));
            }
        }
        return out;
    }

    /** The fraction of this machine's measured roof, e.g. {@code 0.80 memory}; {@code -} without one. */
    static String roof(BenchmarkResult r) {
        var f = r.rooflineFraction();
        return f == null
                ? "-"
                : String.format(Locale.ROOT, "%.2f %s", f.fraction(), f.roof().toLowerCase(Locale.ROOT));
    }

    private static boolean isNoop(BenchmarkResult r) {
        return org.joulebench.kernels.catalogue.NoopKernel.ID.equals(r.kernel());
    }

    /**
     * One line per result that carries figures its backend's own tools measured (TornadoVM's profiler, CUDA
     * events): each figure with its unit, and for a per-invocation time its share of JMH's time per invocation.
     */
    static List<String> backendMetricLines(List<BenchmarkResult> results) {
        List<String> lines = new ArrayList<>();
        for (BenchmarkResult r : results) {
            if (r.backendMetrics().isEmpty()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (BackendMetricRecord m : r.backendMetrics()) {
                boolean perInvocation = BackendMetricRecord.PER_INVOCATION.equals(m.statistic());
                String text = m.name() + " " + fmt(m.value()) + " " + m.unit()
                        + (perInvocation ? "/inv" : BackendMetricRecord.ONCE.equals(m.statistic()) ? " once" : "");
                if (perInvocation
                        && "ns".equals(m.unit())
                        && r.score() != null
                        && r.score().value() > 0) {
                    // the score is in ms per invocation
                    text += String.format(
                            Locale.ROOT,
                            " (%.0f%% of JMH's)",
                            100 * m.value() / (r.score().value() * 1e6));
                }
                parts.add(text);
            }
            lines.add(String.format(
                    Locale.ROOT,
                    "%s %s %s %s on %s, %s: %s",
                    r.backend(),
                    r.kernel(),
                    r.dtype(),
                    r.size(),
                    r.device(),
                    r.backendMetrics().getFirst().source(),
                    String.join(", ", parts)));
        }
        return lines;
    }

    /**
     * The harness overhead lines under the table: the null workload's own figures when it was run, and
     * the largest share of any result's time.
     */
    static List<String> overheadLines(List<BenchmarkResult> results) {
        List<String> lines = new ArrayList<>();
        results.stream()
                .filter(r -> r.overhead() != null)
                .findFirst()
                .ifPresent(r -> lines.add(String.format(
                        Locale.ROOT,
                        "harness overhead: %.2f ns per invocation, %.1f ns per batch (%s)",
                        r.overhead().nanosPerInvocation(),
                        r.overhead().nanosPerBatch(),
                        r.overhead().source())));
        results.stream()
                .filter(r -> !isNoop(r) && r.overhead() != null && r.overhead().shareOfTime() != null)
                .max(java.util.Comparator.comparingDouble(r -> r.overhead().shareOfTime()))
                .ifPresent(r -> lines.add(String.format(
                        Locale.ROOT,
                        "largest overhead share: %.4f%% of %s %s %s's time",
                        r.overhead().shareOfTime() * 100,
                        r.kernel(),
                        r.dtype(),
                        r.size())));
        long unstable = results.stream()
                .filter(r -> r.score() != null && r.score().unstable())
                .count();
        if (unstable > 0) {
            lines.add(unstable + " result(s) UNSTABLE: 99.9 % interval wider than 10 % of the score");
        }
        results.stream()
                .filter(r -> r.forkConsistency() != null && !r.forkConsistency().consistent())
                .forEach(r -> lines.add(r.kernel() + " " + r.dtype() + " " + r.size() + " ("
                        + r.implementation().id() + "): " + r.forkConsistency().reason()));
        return lines;
    }

    /**
     * One line per compared pair of implementations (each pair once, in the results' order): the paired throughput
     * ratio from their alternating forks, with its 95 % interval, or why it has none.
     */
    static List<String> pairedRatioLines(List<BenchmarkResult> results) {
        List<String> lines = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (BenchmarkResult r : results) {
            for (var p : r.pairedRatios()) {
                String group = r.kernel() + " " + r.dtype() + " " + r.size() + " on " + r.backend() + ":" + r.device();
                if (!shown.add(group + "|" + p.versusImplementation() + "|"
                        + r.implementation().id())) {
                    continue; // A ÷ B shown; B ÷ A is its inverse
                }
                shown.add(group + "|" + r.implementation().id() + "|" + p.versusImplementation());
                String interval = p.low() == null
                        ? "1 pair: no interval"
                        : String.format(
                                Locale.ROOT, "95 %% interval %s..%s, %d pairs", fmt(p.low()), fmt(p.high()), p.pairs());
                lines.add(String.format(
                        Locale.ROOT,
                        "paired (alternating forks): %s %s ÷ %s = %s (%s)",
                        group,
                        r.implementation().id(),
                        p.versusImplementation(),
                        fmt(p.ratio()),
                        interval));
            }
        }
        return lines;
    }

    static String oneLine(BenchmarkResult r) {
        if (r.status() != ResultStatus.OK) {
            return r.status() + ": " + r.failure();
        }
        if (isNoop(r)) {
            return fmt(r.score().value() * 1e6) + " ns per call (harness overhead), verified";
        }
        return fmt(r.throughput().value()) + " " + r.throughput().unit() + " ± " + spread(r) + ", verified, "
                + energy(r);
    }

    private static String verified(BenchmarkResult r) {
        if (r.verification() == null) {
            return r.status() == ResultStatus.OK ? "?" : "ERROR";
        }
        if (!r.verification().passed()) {
            return "NO";
        }
        Double rel = r.verification().maxRelativeError();
        return rel == null ? "yes (n/a)" : String.format(Locale.ROOT, "yes (%.1e)", rel);
    }

    /** J/op with pJ/unit and G-units/J, and the tier beside it; or why there is none. */
    static String energy(BenchmarkResult r) {
        if (r.energy() == null || r.energy().domains().isEmpty()) {
            return "no J/op: " + (r.energyUnavailableReason() == null ? "not measured" : r.energyUnavailableReason());
        }
        List<String> parts = new ArrayList<>();
        for (DomainEnergy d : r.energy().domains()) {
            HeadlineUnit unit = r.work() == null
                    ? HeadlineUnit.FLOP
                    : HeadlineUnit.parse(r.work().headline());
            parts.add(String.format(
                    Locale.ROOT,
                    "%s %s J/op, %s %s, %s %s [%s%s]",
                    d.domain(),
                    sci(d.joulesPerOp()),
                    fmt(d.picojoulesPerUnit()),
                    unit.picojoulesUnit(),
                    fmt(d.unitsPerJoule()),
                    unit.efficiencyUnit(),
                    d.estimated() ? "ESTIMATE" : "tier " + d.tier(),
                    d.estimated() ? "" : " " + d.sensor()));
        }
        return String.join("; ", parts);
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 0.01 || a == 0) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
