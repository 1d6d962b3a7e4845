package org.joulebench.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.ResultStatus;

/** The table printed at the end of a run. */
final class SummaryTable {
    private SummaryTable() {}

    static String render(List<BenchmarkResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"kernel", "backend", "dtype", "shape", "throughput", "± error", "verified", "energy"});
        for (BenchmarkResult r : results) {
            String thr = r.throughput() == null
                    ? "-"
                    : fmt(r.throughput().value()) + " " + r.throughput().unit();
            String err = r.throughput() == null || r.throughput().error() == null
                    ? "-"
                    : fmt(r.throughput().error());
            rows.add(new String[] {
                r.kernel(),
                r.backend() + ":" + r.device(),
                r.dtype(),
                r.size() + " " + r.shapeLabel(),
                thr,
                err,
                verified(r),
                energy(r)
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
                boolean numeric = i == 4 || i == 5;
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

    static String oneLine(BenchmarkResult r) {
        if (r.status() != ResultStatus.OK) {
            return r.status() + ": " + r.failure();
        }
        return fmt(r.throughput().value()) + " " + r.throughput().unit() + ", verified, " + energy(r);
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
            String unit = r.work() == null
                    ? "unit"
                    : switch (r.work().headline()) {
                        case "BYTE" -> "byte";
                        case "INT_OP" -> "op";
                        default -> "FLOP";
                    };
            String giga = switch (unit) {
                case "byte" -> "GB/J";
                case "op" -> "GOP/J";
                default -> "GFLOP/J";
            };
            parts.add(String.format(
                    Locale.ROOT,
                    "%s %s J/op, %s pJ/%s, %s %s [%s%s]",
                    d.domain(),
                    sci(d.joulesPerOp()),
                    fmt(d.picojoulesPerUnit()),
                    unit,
                    fmt(d.unitsPerJoule()),
                    giga,
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
