package org.joulebench.site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.reference.Confidence;
import org.joulebench.results.reference.ReferenceData;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * Efficiency against announcement date: per (kernel, dtype, tier class) the best figure of each system, the
 * least-squares exponential trend, the best-so-far frontier; plus the reference curves (Bitcoin ASICs,
 * Green500, GPU datasheets, Koomey's law) normalized to their first point.
 */
final class History {
    /** Koomey et al. 2011: computations per joule doubled every 1.57 years (1946-2009). */
    static final double KOOMEY_DOUBLING_YEARS = 1.57;

    /**
     * A system's best figure of a series.
     *
     * @param implementation the implementation that gave it, e.g. {@code openblas (vendor library)}
     * @param scope the energy scope (the site's series are DEVICE scope)
     */
    record Point(
            int system,
            String date,
            double year,
            double efficiency,
            String domain,
            String tier,
            String implementation,
            String scope) {}

    record LinePoint(String date, double year, double efficiency) {}

    record Series(
            String key,
            String kernel,
            String dtype,
            String tierClass,
            String unit,
            List<Point> points,
            TrendFit fit,
            List<LinePoint> trend,
            List<LinePoint> frontier,
            List<DatasheetPoint> datasheet) {}

    record DatasheetPoint(
            String label, String date, double year, double efficiency, String confidence, String source) {}

    /** A normalized reference point: value relative to the series' first point (1 = first). */
    record RelPoint(
            String series, String label, String date, double year, double relative, String confidence, String source) {}

    record Reference(List<RelPoint> points, Map<String, TrendFit> fits) {}

    static Map<String, Series> series(SiteModel model, ReferenceData ref) {
        return series(model, ref, Metric.EFFICIENCY);
    }

    static Map<String, Series> series(SiteModel model, ReferenceData ref, Metric metric) {
        Map<String, Map<Integer, Point>> best = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        for (ResultRow r : model.rows()) {
            SystemEntry s = model.systems().get(r.system());
            if (s.local() || s.announced() == null) {
                continue;
            }
            String key = key(r.kernel(), r.dtype(), r.tierClass());
            Double v = metric.value(r);
            if (v == null || !(v > 0)) {
                continue;
            }
            meta.putIfAbsent(key, new String[] {r.kernel(), r.dtype(), r.tierClass(), metric.unit(r)});
            LocalDate d = LocalDate.parse(s.announced());
            Point p = new Point(
                    r.system(),
                    s.announced(),
                    year(d),
                    v,
                    r.domain(),
                    r.tier(),
                    r.implementation() + " (" + r.implementationLabel() + ")",
                    r.scope());
            best.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .merge(r.system(), p, (a, b) -> metric.better(b.efficiency(), a.efficiency()) ? b : a);
        }
        Map<String, Series> out = new LinkedHashMap<>();
        for (var e : best.entrySet()) {
            String[] m = meta.get(e.getKey());
            List<Point> pts = new ArrayList<>(e.getValue().values());
            pts.sort(Comparator.comparingDouble(Point::year));
            TrendFit fit = TrendFit.fit(pts.stream()
                    .map(p -> new double[] {p.year(), p.efficiency()})
                    .toList());
            List<LinePoint> trend = new ArrayList<>();
            if (fit != null) {
                for (Point p : List.of(pts.getFirst(), pts.getLast())) {
                    trend.add(new LinePoint(p.date(), p.year(), fit.valueAt(p.year())));
                }
            }
            List<LinePoint> frontier = new ArrayList<>();
            double bestSoFar = metric.higherIsBetter ? 0 : Double.POSITIVE_INFINITY;
            for (Point p : pts) {
                if (metric.better(p.efficiency(), bestSoFar)) {
                    bestSoFar = p.efficiency();
                    frontier.add(new LinePoint(p.date(), p.year(), bestSoFar));
                }
            }
            List<DatasheetPoint> ds = new ArrayList<>();
            if (metric == Metric.EFFICIENCY && m[3].equals(HeadlineUnit.FLOP.efficiencyUnit())) {
                for (var g : ref.gpuDatasheets()) {
                    Double v = datasheetGflopsPerJoule(g, m[1]);
                    if (v != null) {
                        String date = g.announced() + "-01";
                        ds.add(new DatasheetPoint(
                                g.vendor() + " " + g.model() + " (datasheet peak/TDP)",
                                date,
                                year(LocalDate.parse(date)),
                                v,
                                conf(g.confidence()),
                                g.source()));
                    }
                }
            }
            out.put(e.getKey(), new Series(e.getKey(), m[0], m[1], m[2], m[3], pts, fit, trend, frontier, ds));
        }
        return out;
    }

    static Reference reference(ReferenceData ref, Map<String, Series> measured) {
        List<RelPoint> pts = new ArrayList<>();
        Map<String, TrendFit> fits = new LinkedHashMap<>();
        String btc = "Bitcoin mining hardware TH/J";
        if (!ref.bitcoinAsics().isEmpty()) {
            // relative to the first row that is not low confidence (a low row is a lead to verify, not a base)
            var base = ref.bitcoinAsics().stream()
                    .filter(a -> !a.lowConfidence())
                    .findFirst()
                    .orElse(ref.bitcoinAsics().getFirst());
            double first = 1.0 / base.joulesPerTerahash();
            List<double[]> xy = new ArrayList<>();
            for (var a : ref.bitcoinAsics()) {
                double y = a.year() + 0.5;
                double rel = (1.0 / a.joulesPerTerahash()) / first;
                pts.add(new RelPoint(btc, a.hardware(), a.year() + "-07-01", y, rel, conf(a.confidence()), a.source()));
                if (!a.lowConfidence()) { // low rows are leads to verify: drawn (hollow), not fitted
                    xy.add(new double[] {y, rel});
                }
            }
            fits.put(btc + " (fit without low-confidence rows)", TrendFit.fit(xy));
        }
        String g500 = "Green500 #1 GFLOPS/W";
        if (!ref.green500().isEmpty()) {
            double first = ref.green500().getFirst().gflopsPerWatt();
            List<double[]> xy = new ArrayList<>();
            for (var g : ref.green500()) {
                String date = g.list() + "-01";
                double y = year(LocalDate.parse(date));
                double rel = g.gflopsPerWatt() / first;
                pts.add(new RelPoint(g500, g.systemOrNote(), date, y, rel, conf(g.confidence()), g.source()));
                xy.add(new double[] {y, rel});
            }
            fits.put(g500, TrendFit.fit(xy));
        }
        String gpu = "GPU datasheet fp16/bf16 peak/TDP";
        List<double[]> gxy = new ArrayList<>();
        Double gfirst = null;
        for (var g : ref.gpuDatasheets()) {
            Double v = g.datasheetFp16GflopsPerJoule();
            if (v == null) {
                continue;
            }
            if (gfirst == null) {
                gfirst = v;
            }
            String date = g.announced() + "-01";
            double y = year(LocalDate.parse(date));
            pts.add(new RelPoint(gpu, g.model(), date, y, v / gfirst, conf(g.confidence()), g.source()));
            gxy.add(new double[] {y, v / gfirst});
        }
        if (!gxy.isEmpty()) {
            fits.put(gpu, TrendFit.fit(gxy));
        }
        for (Series s : measured.values()) {
            if (s.frontier().size() < 2 || !org.joulebench.vocabulary.Tier.MEASURED.equals(s.tierClass())) {
                continue;
            }
            String name = "Measured frontier " + s.kernel() + " " + s.dtype();
            double first = s.frontier().getFirst().efficiency();
            for (LinePoint p : s.frontier()) {
                pts.add(new RelPoint(name, "", p.date(), p.year(), p.efficiency() / first, "measured", "joulebench"));
            }
        }
        double minYear = pts.stream().mapToDouble(RelPoint::year).min().orElse(2009);
        double maxYear = pts.stream().mapToDouble(RelPoint::year).max().orElse(2025);
        String koomey = "Koomey's law (doubling every 1.57 y)";
        for (double y = Math.floor(minYear); y <= Math.ceil(maxYear); y += 1) {
            pts.add(new RelPoint(
                    koomey,
                    "",
                    (int) y + "-01-01",
                    y,
                    Math.pow(2, (y - Math.floor(minYear)) / KOOMEY_DOUBLING_YEARS),
                    "model",
                    "Koomey et al. 2011, IEEE Annals of the History of Computing 33(3)"));
        }
        return new Reference(pts, fits);
    }

    /** Datasheet efficiency (peak / TDP) in GFLOP/J for a dtype, or {@code null} when not declared. */
    static Double datasheetGflopsPerJoule(org.joulebench.results.reference.GpuDatasheet g, String dtype) {
        Double tflops = switch (dtype) {
            case "fp32" -> g.fp32Tflops();
            case "fp16", "bf16" -> g.denseFp16OrBf16Tflops();
            default -> null;
        };
        return tflops == null || g.tdpWatts() == null ? null : tflops * 1000.0 / g.tdpWatts();
    }

    private static String conf(Confidence c) {
        return c == null ? null : c.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String key(String kernel, String dtype, String tierClass) {
        return kernel + "|" + dtype + "|" + tierClass;
    }

    static double year(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear();
    }

    private History() {}
}
