package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joulebench.site.plot.FigureSize;
import org.joulebench.site.plot.Palette;
import org.joulebench.site.plot.PlotFiles;
import org.joulebench.site.plot.PlotSpec;
import org.joulebench.site.plot.PlotSpec.Layer;
import org.joulebench.site.plot.PlotSpec.Pt;
import org.joulebench.vocabulary.Tier;

/**
 * Figures for papers, from one {@link PlotSpec} each: vector PDF (embedded font subset), SVG (text as text),
 * PNG at 300 dpi, each at 3.5 in and 7.16 in, a pgfplots {@code .tex} with its data, the plotted data as CSV, the
 * caption (statistics, n, dates, what was left out and why, the tiers shown, the snapshot) in
 * {@code .caption.txt} and as the CSV's header, and {@code CITATION.cff} plus BibTeX for the data snapshot.
 * Nothing depends on the clock: the same snapshot gives the same bytes. The site uses the same code.
 */
public final class FigureExporter {
    /** The files written; {@code svg}/{@code pdf} are the single-column ones. */
    public record Figure(
            List<Path> files,
            Path svg,
            Path pdf,
            Path tex,
            Path csv,
            Path citationFile,
            String citation,
            TrendFit fit,
            int points,
            DataSnapshot snapshot) {}

    private final SiteInput input;
    private final SiteModel model;
    private final DataSnapshot snapshot;

    public FigureExporter(SiteInput input) {
        this(input, null);
    }

    public FigureExporter(SiteInput input, String resultsCommit) {
        this.input = input;
        this.model = SiteModel.of(input);
        this.snapshot = DataSnapshot.of(input.submissions(), resultsCommit);
    }

    public DataSnapshot snapshot() {
        return snapshot;
    }

    /** One-call form for the CLI's {@code joulebench figure}. */
    public static Figure export(SiteInput input, FigureRequest request, Path outDir) {
        return new FigureExporter(input).export(request, outDir);
    }

    public Figure export(FigureRequest request, Path outDir) {
        List<ResultRow> rows = new ArrayList<>();
        for (ResultRow r : model.rows()) {
            if (request.accepts(r, model.systems().get(r.system()))) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no " + request.tierClass() + " " + request.scope()
                    + "-scope results match " + request.kernel() + " " + request.dtype() + " with the given filters");
        }
        SiteModel filtered = new SiteModel(model.systems(), rows, model.sources());
        var series = History.series(filtered, input.reference(), request.metric());
        History.Series s = series.get(History.key(request.kernel(), request.dtype(), request.tierClass()));
        if (s == null || s.points().isEmpty()) {
            throw new IllegalArgumentException("the matching results have no system with an announcement date: "
                    + "a history figure needs one (local runs have none)");
        }
        String what = request.metric().name().toLowerCase(Locale.ROOT) + ", " + request.scope() + " scope"
                + (request.implementation() == null ? "" : ", implementation " + request.implementation())
                + (request.vendor() == null ? "" : ", vendor " + request.vendor())
                + (request.size() == null ? "" : ", size " + request.size())
                + (request.backend() == null ? "" : ", backend " + request.backend());
        return renderHistory(s, outDir, request.baseName(), what, excluded(rows));
    }

    /**
     * Several kernels and dtypes side by side, sharing their axes: one history panel each (same tier class and
     * scope), the caption naming each panel's fit.
     */
    public Figure exportGrid(List<FigureRequest> requests, Path outDir, String baseName) {
        List<PlotSpec> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        StringBuilder caption = new StringBuilder();
        List<List<?>> csvRows = new ArrayList<>();
        int points = 0;
        String tierClass = null;
        for (FigureRequest request : requests) {
            if (tierClass != null && !tierClass.equals(request.tierClass())) {
                throw new IllegalArgumentException("a grid shows one tier class: measured and estimated never mix");
            }
            tierClass = request.tierClass();
            List<ResultRow> rows = new ArrayList<>();
            for (ResultRow r : model.rows()) {
                if (request.accepts(r, model.systems().get(r.system()))) {
                    rows.add(r);
                }
            }
            var series = History.series(
                    new SiteModel(model.systems(), rows, model.sources()), input.reference(), request.metric());
            History.Series s = series.get(History.key(request.kernel(), request.dtype(), request.tierClass()));
            String title = request.kernel() + " " + request.dtype();
            if (s == null || s.points().isEmpty()) {
                caption.append(title)
                        .append(": no ")
                        .append(request.tierClass())
                        .append(" results with a date. ");
                continue;
            }
            PlotSpec spec = historySpec(s); // a grid's panels are too small for names: the CSV names each point
            panels.add(new PlotSpec(
                    spec.x(),
                    spec.y(),
                    spec.layers().stream()
                            .map(l ->
                                    new Layer(l.name(), l.kind(), l.style(), l.points(), l.hollow(), l.dashed(), false))
                            .toList()));
            titles.add(title + " (" + s.unit() + ")");
            points += s.points().size();
            caption.append(title)
                    .append(": n = ")
                    .append(s.points().size())
                    .append(", ")
                    .append(s.points().getFirst().date())
                    .append(" to ")
                    .append(s.points().getLast().date())
                    .append(s.fit() == null ? ", no trend" : "; " + s.fit().describe())
                    .append(". ");
            for (var p : s.points()) {
                SystemEntry sys = model.systems().get(p.system());
                csvRows.add(Arrays.asList(
                        title, shortName(sys), p.date(), p.efficiency(), s.unit(), p.tier(), p.implementation()));
            }
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException(
                    "no panel of the grid has results: " + caption.toString().strip());
        }
        var written = PlotFiles.writeGrid(
                panels, titles, Math.min(3, panels.size()), outDir, baseName, "efficiency grid (" + tierClass + ")");
        String text = "Efficiency against chip announcement date, one panel per kernel and dtype, shared axes (log y); "
                + (Tier.ESTIMATED.equals(tierClass)
                        ? "ESTIMATES from a power model, not measurements. "
                        : "measured results only; estimates are never fitted with measurements. ")
                + "Each panel: least-squares fit on ln(y) (dashed) with its 95 % confidence band; the CSV names each"
                + " point. " + caption
                + "Data: " + snapshot.citeLine() + ".";
        return finish(
                outDir,
                baseName,
                text,
                written,
                csvRows,
                List.of("panel", "label", "date", "value", "unit", "tier", "implementation"),
                null,
                points);
    }

    /**
     * Energy per operation per kernel for chosen systems (a dot per system and implementation: ours filled, the
     * vendor library's hollow beside it), log scale, lower is better; one tier class, DEVICE scope, one dtype.
     *
     * @param systemIds system ids as the site names them; empty for every checked system
     */
    public Figure exportComparison(
            String dtype, String tierClass, List<String> systemIds, Path outDir, String baseName) {
        Map<String, Map<String, Double>> best = new LinkedHashMap<>(); // "system|kind" -> kernel -> pJ per unit
        Map<String, String> units = new java.util.TreeMap<>();
        for (ResultRow r : model.deviceScope().rows()) {
            SystemEntry s = model.systems().get(r.system());
            if (s.local()
                    || !r.dtype().equals(dtype)
                    || !r.tierClass().equals(tierClass)
                    || (!systemIds.isEmpty() && !systemIds.contains(s.id()))
                    || !(r.picojoulesPerUnit() > 0)) {
                continue;
            }
            boolean vendor = "VENDOR_LIBRARY".equalsIgnoreCase(r.implementationKind());
            String key = r.system() + "|" + (vendor ? "vendor" : "ours");
            best.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(r.kernel(), r.picojoulesPerUnit(), Math::min);
            units.putIfAbsent(
                    r.kernel(), r.efficiencyUnit().replaceAll("^G?", "").replace("/J", ""));
        }
        if (best.isEmpty()) {
            throw new IllegalArgumentException("no " + tierClass + " DEVICE-scope " + dtype + " results"
                    + (systemIds.isEmpty() ? "" : " for systems " + systemIds));
        }
        List<String> kernels = new ArrayList<>(units.keySet());
        List<String> categories =
                kernels.stream().map(k -> k + " (pJ/" + units.get(k) + ")").toList();
        List<String> keys = new ArrayList<>(best.keySet());
        keys.sort(java.util.Comparator.comparing((String k) ->
                        model.systems().get(Integer.parseInt(k.split("\\|")[0])).announced() == null
                                ? ""
                                : model.systems()
                                        .get(Integer.parseInt(k.split("\\|")[0]))
                                        .announced())
                .thenComparing(k -> k));
        List<Layer> layers = new ArrayList<>();
        List<List<?>> csvRows = new ArrayList<>();
        Map<Integer, Integer> styleOf = new LinkedHashMap<>();
        double width = 0.4, step = keys.size() > 1 ? width / (keys.size() - 1) : 0;
        for (int i = 0; i < keys.size(); i++) {
            String[] k = keys.get(i).split("\\|");
            int system = Integer.parseInt(k[0]);
            SystemEntry sys = model.systems().get(system);
            int style = styleOf.computeIfAbsent(system, x -> styleOf.size());
            boolean vendor = k[1].equals("vendor");
            double offset = keys.size() > 1 ? -width / 2 + i * step : 0;
            List<Pt> pts = new ArrayList<>();
            for (var e : best.get(keys.get(i)).entrySet()) {
                pts.add(Pt.of(kernels.indexOf(e.getKey()) + offset, e.getValue(), null));
                csvRows.add(Arrays.asList(
                        e.getKey(),
                        sys.submitter() + " / " + sys.name(),
                        shortName(sys),
                        vendor ? "vendor library" : "ours",
                        e.getValue(),
                        "pJ/" + units.get(e.getKey())));
            }
            layers.add(
                    Layer.points(shortName(sys) + (vendor ? ", vendor library" : ", ours"), style, pts, vendor, false));
        }
        PlotSpec spec = new PlotSpec(
                new PlotSpec.Axis("kernel (" + dtype + ")", PlotSpec.Scale.CATEGORY, categories),
                new PlotSpec.Axis("pJ per operation", PlotSpec.Scale.LOG),
                layers);
        var written = PlotFiles.write(spec, outDir, baseName, "energy per operation by kernel");
        String text = "Energy per operation of each kernel (" + dtype
                + ", DEVICE scope, log scale; lower is better) for "
                + styleOf.size() + (styleOf.size() == 1 ? " system" : " systems") + "; each system's best result per "
                + "kernel, filled for joulebench's own implementation, hollow for the vendor library beside it; "
                + (Tier.ESTIMATED.equals(tierClass)
                        ? "ESTIMATES from a power model, not measurements. "
                        : "measured results (tiers A-C) only. ")
                + "Data: " + snapshot.citeLine() + ".";
        return finish(
                outDir,
                baseName,
                text,
                written,
                csvRows,
                List.of("kernel", "system", "chip", "implementation", "value", "unit"),
                null,
                csvRows.size());
    }

    /**
     * The roofline of one system: throughput against arithmetic intensity (log-log), its declared roofs (dashed,
     * gray) and the roofs calibration measured on it (solid), each result a point labelled with its kernel.
     */
    public Figure exportRoofline(String systemId, Path outDir, String baseName) {
        int system = -1;
        for (int i = 0; i < model.systems().size(); i++) {
            if (model.systems().get(i).id().equals(systemId)) {
                system = i;
            }
        }
        if (system < 0) {
            throw new IllegalArgumentException("no system '" + systemId + "'; valid: "
                    + model.systems().stream().map(SystemEntry::id).toList());
        }
        SystemEntry sys = model.systems().get(system);
        List<Pt> ours = new ArrayList<>(), vendor = new ArrayList<>();
        List<List<?>> csvRows = new ArrayList<>();
        double minI = Double.POSITIVE_INFINITY, maxI = 0;
        boolean estimated = false;
        for (ResultRow r : model.rows()) {
            if (r.system() != system
                    || r.arithmeticIntensity() == null
                    || !(r.arithmeticIntensity() > 0)
                    || !(r.operationsPerSecond() > 0)
                    || !r.dtype().equals("fp32")) {
                continue;
            }
            double gops = r.operationsPerSecond() / 1e9;
            boolean v = "VENDOR_LIBRARY".equalsIgnoreCase(r.implementationKind());
            (v ? vendor : ours).add(Pt.of(r.arithmeticIntensity(), gops, r.kernel() + " " + r.size()));
            minI = Math.min(minI, r.arithmeticIntensity());
            maxI = Math.max(maxI, r.arithmeticIntensity());
            estimated |= r.estimated();
            csvRows.add(Arrays.asList(
                    "result", r.kernel(), r.size(), r.implementation(), r.arithmeticIntensity(), gops, r.tier()));
        }
        if (ours.isEmpty() && vendor.isEmpty()) {
            throw new IllegalArgumentException(
                    "system '" + systemId + "' has no fp32 result with an arithmetic intensity");
        }
        double lo = minI / 4, hi = maxI * 4;
        List<Layer> layers = new ArrayList<>();
        StringBuilder roofs = new StringBuilder();
        Double peak =
                sys.peakFlopsByDtype() == null ? null : sys.peakFlopsByDtype().get("fp32");
        if (peak != null && sys.peakBytesPerSecond() != null) {
            layers.add(Layer.line(
                    "declared roofs (" + (sys.peakSource() == null ? "datasheet" : sys.peakSource()) + ")",
                    PlotSpec.Kind.LINE,
                    Palette.GRAY,
                    roof(lo, hi, peak / 1e9, sys.peakBytesPerSecond() / 1e9),
                    true));
            roofs.append(String.format(
                    Locale.ROOT, "declared: %.4g GFLOP/s, %.4g GB/s; ", peak / 1e9, sys.peakBytesPerSecond() / 1e9));
        }
        var m = sys.measuredRoofs();
        if (m != null && m.peakFlopsPerSecond() > 0 && m.bytesPerSecond() > 0) {
            layers.add(Layer.line(
                    "measured roofs (calibration, " + m.mode() + ")",
                    PlotSpec.Kind.LINE,
                    6,
                    roof(lo, hi, m.peakFlopsPerSecond() / 1e9, m.bytesPerSecond() / 1e9),
                    false));
            roofs.append(String.format(
                    Locale.ROOT,
                    "measured by calibration: %.4g GFLOP/s fp32 FMA peak, %.4g GB/s" + " triad; ",
                    m.peakFlopsPerSecond() / 1e9,
                    m.bytesPerSecond() / 1e9));
        }
        if (!ours.isEmpty()) {
            layers.add(Layer.points("joulebench implementation", 0, ours, false, true));
        }
        if (!vendor.isEmpty()) {
            layers.add(Layer.points("vendor library", 1, vendor, true, true));
        }
        PlotSpec spec = new PlotSpec(
                new PlotSpec.Axis("arithmetic intensity (FLOP/byte)", PlotSpec.Scale.LOG),
                new PlotSpec.Axis("throughput (GFLOP/s)", PlotSpec.Scale.LOG),
                layers);
        var written = PlotFiles.write(spec, outDir, baseName, "roofline " + systemId);
        String text =
                "Roofline of " + sys.submitter() + " / " + sys.name() + " (" + shortName(sys) + "), fp32, log-log: "
                        + "throughput against arithmetic intensity; "
                        + (roofs.isEmpty() ? "no roofs declared or measured; " : roofs.toString())
                        + "each point one result (kernel and size), filled: joulebench's implementation, hollow: vendor library"
                        + (estimated ? "; the energy behind these results is an ESTIMATE (throughput is measured)" : "")
                        + ". " + key(written) + "Data: " + snapshot.citeLine() + ".";
        return finish(
                outDir,
                baseName,
                text,
                written,
                csvRows,
                List.of("series", "kernel", "size", "implementation", "intensity_flop_per_byte", "gflop_per_s", "tier"),
                null,
                ours.size() + vendor.size());
    }

    /** min(peak, bandwidth x intensity) over [lo, hi], with the ridge point. */
    private static List<Pt> roof(double lo, double hi, double peak, double bandwidth) {
        double ridge = peak / bandwidth;
        List<Pt> pts = new ArrayList<>();
        pts.add(Pt.of(lo, Math.min(peak, bandwidth * lo), null));
        if (ridge > lo && ridge < hi) {
            pts.add(Pt.of(ridge, peak, null));
        }
        pts.add(Pt.of(hi, Math.min(peak, bandwidth * hi), null));
        return pts;
    }

    /** Why matching results are not on the figure (they are counted, and named in the caption). */
    private List<String> excluded(List<ResultRow> rows) {
        Map<String, Integer> why = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            SystemEntry s = model.systems().get(r.system());
            if (s.local()) {
                why.merge("local runs (unchecked: shown on the site, never fitted or plotted here)", 1, Integer::sum);
            } else if (s.announced() == null) {
                why.merge(
                        "results from systems with no chip announcement date (no place on a date axis)",
                        1,
                        Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        why.forEach((k, v) -> out.add(v + " " + k));
        return out;
    }

    /** The history figure of a series, with the caption every output (file, CSV, site) prints. */
    Figure renderHistory(History.Series s, Path outDir, String baseName, String what, List<String> excluded) {
        PlotSpec spec = historySpec(s);
        String shortTitle = s.kernel() + " " + s.dtype() + " " + what + " (" + s.tierClass() + ")";
        var written = PlotFiles.write(spec, outDir, baseName, shortTitle);
        String caption = historyCaption(s, what, excluded, written);
        List<List<?>> csvRows = new ArrayList<>();
        for (var p : s.points()) {
            SystemEntry sys = model.systems().get(p.system());
            csvRows.add(Arrays.asList(
                    "system",
                    sys.submitter() + " / " + sys.name() + " / " + shortName(sys),
                    p.date(),
                    p.efficiency(),
                    s.unit(),
                    p.domain(),
                    p.tier(),
                    p.implementation(),
                    p.scope()));
        }
        s.frontier()
                .forEach(p ->
                        csvRows.add(Arrays.asList("frontier", "", p.date(), p.efficiency(), s.unit(), "", "", "", "")));
        s.trend()
                .forEach(p ->
                        csvRows.add(Arrays.asList("trend", "", p.date(), p.efficiency(), s.unit(), "", "", "", "")));
        s.datasheet()
                .forEach(p -> csvRows.add(Arrays.asList(
                        "datasheet", p.label(), p.date(), p.efficiency(), s.unit(), "", p.confidence(), "", "")));
        return finish(
                outDir,
                baseName,
                caption,
                written,
                csvRows,
                List.of(
                        "series",
                        "label",
                        "date",
                        "value",
                        "unit",
                        "domain",
                        "tier_or_confidence",
                        "implementation",
                        "scope"),
                s.fit(),
                s.points().size());
    }

    PlotSpec historySpec(History.Series s) {
        List<Layer> layers = new ArrayList<>();
        TrendFit fit = s.fit();
        if (fit != null && fit.hasInterval()) {
            List<Pt> band = new ArrayList<>();
            int n = 96;
            for (int i = 0; i <= n; i++) {
                double x = fit.xFirst() + (fit.xLast() - fit.xFirst()) * i / n;
                double[] b = fit.bandAt(x);
                band.add(new Pt(x, b[0], b[1], null));
            }
            layers.add(new Layer("95 % confidence band of the fit", PlotSpec.Kind.BAND, 0, band, false, false, false));
        }
        if (!s.datasheet().isEmpty()) {
            layers.add(Layer.points(
                    "datasheet peak/TDP (not measured, not fitted)",
                    Palette.GRAY,
                    s.datasheet().stream()
                            .map(p -> Pt.of(p.year(), p.efficiency(), null))
                            .toList(),
                    true,
                    false));
        }
        if (s.frontier().size() > 1) {
            layers.add(Layer.line(
                    "best so far",
                    PlotSpec.Kind.STEP,
                    6,
                    s.frontier().stream()
                            .map(p -> Pt.of(p.year(), p.efficiency(), null))
                            .toList(),
                    false));
        }
        if (fit != null) {
            layers.add(Layer.line(
                    String.format(
                            Locale.ROOT,
                            "least-squares trend (%s %.3g y)",
                            fit.slopePerYear() >= 0 ? "doubling" : "halving",
                            Math.abs(fit.doublingYears())),
                    PlotSpec.Kind.LINE,
                    0,
                    List.of(
                            Pt.of(fit.xFirst(), fit.valueAt(fit.xFirst()), null),
                            Pt.of(fit.xLast(), fit.valueAt(fit.xLast()), null)),
                    true));
        }
        String tiers = String.join(
                ", ",
                s.points().stream().map(History.Point::tier).distinct().sorted().toList());
        layers.add(Layer.points(
                s.tierClass().equals("estimated")
                        ? "ESTIMATES (model, not measured)"
                        : "measured systems (tier " + tiers + ")",
                s.tierClass().equals("estimated") ? 1 : 0,
                s.points().stream()
                        .map(p -> Pt.of(
                                p.year(),
                                p.efficiency(),
                                shortName(model.systems().get(p.system()))))
                        .toList(),
                false,
                true));
        return new PlotSpec(
                new PlotSpec.Axis("chip announcement (year)", PlotSpec.Scale.YEAR),
                new PlotSpec.Axis(s.kernel() + " " + s.dtype() + " (" + s.unit() + ")", PlotSpec.Scale.LOG),
                layers);
    }

    static String shortName(SystemEntry s) {
        String m = s.model() == null || s.model().isBlank() ? s.name() : s.model();
        return m.length() > 28 ? m.substring(0, 27) + "\u2026" : m;
    }

    /** The caption: what is shown, the statistics, the data's span, what was left out and why, the key, the data. */
    String historyCaption(History.Series s, String what, List<String> excluded, PlotFiles.Written written) {
        StringBuilder c = new StringBuilder();
        var pts = s.points();
        String tiers = String.join(
                ", ", pts.stream().map(History.Point::tier).distinct().sorted().toList());
        c.append(s.kernel())
                .append(' ')
                .append(s.dtype())
                .append(' ')
                .append(what)
                .append(" (")
                .append(s.unit())
                .append(", log scale) against chip announcement date; ")
                .append(
                        s.tierClass().equals("estimated")
                                ? "ESTIMATES from a power model (not measurements; tier " + tiers + ")"
                                : "measured results, tiers shown: " + tiers)
                .append(". Each point is one system's best figure: n = ")
                .append(pts.size())
                .append(pts.size() == 1 ? " system, announced " : " systems, announced ")
                .append(pts.getFirst().date())
                .append(" to ")
                .append(pts.getLast().date())
                .append(". ");
        if (s.fit() != null) {
            c.append("Dashed line: ").append(s.fit().describe()).append(". ");
            if (s.fit().hasInterval()) {
                c.append("Shaded: the fit's 95 % confidence band (clipped to the axes). ");
            }
        } else {
            c.append("No trend: a fit needs two systems with different dates. ");
        }
        c.append(
                s.tierClass().equals("estimated")
                        ? "Estimates are never fitted or drawn with measurements. "
                        : "Estimates are never fitted with measurements (not shown). ");
        if (!s.datasheet().isEmpty()) {
            c.append("Gray hollow diamonds: datasheet peak/TDP (declarations, not fitted). ");
        }
        if (!excluded.isEmpty()) {
            c.append("Left out: ").append(String.join("; ", excluded)).append(". ");
        }
        c.append(key(written));
        c.append("Data: ").append(snapshot.citeLine()).append('.');
        return c.toString();
    }

    /**
     * The caption's key to the points: numbers when a size had to number them; when even numbers would collide, a
     * sentence saying so (the CSV names every point); "" when every point carries its name.
     */
    static String key(PlotFiles.Written written) {
        if (!written.needsKey()) {
            return "";
        }
        boolean unlabelled = java.util.Arrays.stream(FigureSize.values())
                .anyMatch(s -> written.labelling(s).name().equals("NONE"));
        if (unlabelled) {
            return "The points are too dense to label in the figure; the CSV names each with its coordinates. ";
        }
        List<String> key = written.key();
        StringBuilder c = new StringBuilder("Numbered points (left to right): ");
        for (int i = 0; i < key.size(); i++) {
            c.append(i == 0 ? "" : ", ").append(i + 1).append(" = ").append(key.get(i));
        }
        return c.append(". ").toString();
    }

    /** The reference curves (Bitcoin hardware, Green500, GPU datasheets, Koomey), each relative to its first point. */
    public Figure exportReference(Path outDir, String baseName) {
        var series = History.series(model.deviceScope(), input.reference());
        return renderReference(History.reference(input.reference(), series), outDir, baseName);
    }

    Figure renderReference(History.Reference ref, Path outDir, String baseName) {
        Map<String, List<History.RelPoint>> bySeries = new LinkedHashMap<>();
        ref.points()
                .forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>())
                        .add(p));
        List<Layer> layers = new ArrayList<>();
        int style = 0;
        boolean lowNamed = false;
        for (var e : bySeries.entrySet()) {
            List<Pt> pts = e.getValue().stream()
                    .map(p -> Pt.of(p.year(), p.relative(), null))
                    .toList();
            boolean model = e.getKey().startsWith("Koomey");
            layers.add(
                    model
                            ? Layer.line(e.getKey(), PlotSpec.Kind.LINE, 6, pts, true)
                            : Layer.line(e.getKey(), PlotSpec.Kind.LINE, style++, pts, false));
            if (!model) {
                // low-confidence rows are leads to verify: drawn hollow (and not fitted), the rest filled
                List<Pt> sure = new ArrayList<>(), low = new ArrayList<>();
                for (var p : e.getValue()) {
                    ("low".equals(p.confidence()) ? low : sure).add(Pt.of(p.year(), p.relative(), null));
                }
                if (!sure.isEmpty()) {
                    layers.add(Layer.points(null, style - 1, sure, false, false));
                }
                if (!low.isEmpty()) {
                    layers.add(Layer.points(
                            lowNamed ? null : "hollow: low-confidence row (a lead, not fitted)",
                            style - 1,
                            low,
                            true,
                            false));
                    lowNamed = true;
                }
            }
        }
        PlotSpec spec = new PlotSpec(
                new PlotSpec.Axis("year", PlotSpec.Scale.YEAR),
                new PlotSpec.Axis("efficiency relative to the series' first point", PlotSpec.Scale.LOG),
                layers);
        var written = PlotFiles.write(spec, outDir, baseName, "efficiency histories relative to their first point");
        String caption = History.referenceCaption(ref) + " Data: " + snapshot.citeLine() + ".";
        List<List<?>> csvRows = new ArrayList<>();
        for (var p : ref.points()) {
            csvRows.add(Arrays.asList(
                    p.series(), p.label(), p.date(), p.relative(), "relative", p.confidence(), p.source()));
        }
        return finish(
                outDir,
                baseName,
                caption,
                written,
                csvRows,
                List.of("series", "label", "date", "value", "unit", "confidence", "source"),
                null,
                ref.points().size());
    }

    private Figure finish(
            Path outDir,
            String baseName,
            String caption,
            PlotFiles.Written written,
            List<List<?>> rows,
            List<String> header,
            TrendFit fit,
            int points) {
        try {
            List<Path> files = new ArrayList<>(written.files());
            StringBuilder csv = new StringBuilder();
            for (String line : wrap(caption)) {
                csv.append("# ").append(line).append('\n');
            }
            csv.append(Csv.line(header));
            rows.forEach(r -> csv.append(Csv.line(r)));
            if (fit != null) {
                // which points the trend used (the site's history page says the same)
                csv.append("# trend: ordinary least squares on ln(value) over the ")
                        .append(fit.points())
                        .append(" 'system' rows above (one per system: its best result, at its chip's announcement"
                                + " date)\n");
            }
            Path csvFile = outDir.resolve(baseName + ".csv");
            Files.writeString(csvFile, csv);
            Path captionFile = outDir.resolve(baseName + ".caption.txt");
            Files.writeString(captionFile, caption + "\n");
            Path cff = outDir.resolve("CITATION.cff");
            Files.writeString(cff, snapshot.citationCff());
            Path bib = outDir.resolve("joulebench-data.bib");
            Files.writeString(bib, snapshot.bibtex());
            files.addAll(List.of(csvFile, captionFile, cff, bib));
            Path single = outDir.resolve(baseName + "-" + FigureSize.SINGLE.suffix + ".svg");
            return new Figure(
                    List.copyOf(files),
                    single,
                    outDir.resolve(baseName + "-" + FigureSize.SINGLE.suffix + ".pdf"),
                    outDir.resolve(baseName + ".tex"),
                    csvFile,
                    captionFile,
                    caption,
                    fit,
                    points,
                    snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + baseName + " into " + outDir, e);
        }
    }

    /** The caption as CSV comment lines: one sentence a line, so spreadsheets show it whole. */
    static List<String> wrap(String caption) {
        return List.of(caption.split("(?<=\\.) (?=[A-Z])"));
    }
}
