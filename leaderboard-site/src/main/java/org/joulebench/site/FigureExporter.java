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

    /** Why matching results are not on the figure (they are counted, and named in the caption). */
    private List<String> excluded(List<ResultRow> rows) {
        Map<String, Integer> why = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            SystemEntry s = model.systems().get(r.system());
            if (s.local()) {
                why.merge("local runs (unchecked: shown on the site, never fitted or plotted here)", 1, Integer::sum);
            } else if (s.announced() == null) {
                why.merge("results from systems with no chip announcement date (no place on a date axis)", 1,
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
            csvRows.add(Arrays.asList("system", sys.submitter() + " / " + sys.name() + " / " + shortName(sys),
                    p.date(), p.efficiency(), s.unit(), p.domain(), p.tier(), p.implementation(), p.scope()));
        }
        s.frontier().forEach(p -> csvRows.add(
                Arrays.asList("frontier", "", p.date(), p.efficiency(), s.unit(), "", "", "", "")));
        s.trend().forEach(p -> csvRows.add(
                Arrays.asList("trend", "", p.date(), p.efficiency(), s.unit(), "", "", "", "")));
        s.datasheet().forEach(p -> csvRows.add(Arrays.asList(
                "datasheet", p.label(), p.date(), p.efficiency(), s.unit(), "", p.confidence(), "", "")));
        return finish(outDir, baseName, caption, written, csvRows, List.of("series", "label", "date", "value", "unit",
                "domain", "tier_or_confidence", "implementation", "scope"), s.fit(), s.points().size());
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
            layers.add(Layer.points("datasheet peak/TDP (not measured, not fitted)", Palette.GREY,
                    s.datasheet().stream().map(p -> Pt.of(p.year(), p.efficiency(), null)).toList(), true, false));
        }
        if (s.frontier().size() > 1) {
            layers.add(Layer.line("best so far", PlotSpec.Kind.STEP, 6,
                    s.frontier().stream().map(p -> Pt.of(p.year(), p.efficiency(), null)).toList(), false));
        }
        if (fit != null) {
            layers.add(Layer.line(String.format(Locale.ROOT, "least-squares trend (%s %.3g y)",
                            fit.slopePerYear() >= 0 ? "doubling" : "halving", Math.abs(fit.doublingYears())),
                    PlotSpec.Kind.LINE, 0,
                    List.of(Pt.of(fit.xFirst(), fit.valueAt(fit.xFirst()), null),
                            Pt.of(fit.xLast(), fit.valueAt(fit.xLast()), null)), true));
        }
        String tiers = String.join(", ", s.points().stream().map(History.Point::tier).distinct().sorted().toList());
        layers.add(Layer.points(s.tierClass().equals("estimated") ? "ESTIMATES (model, not measured)"
                        : "measured systems (tier " + tiers + ")", s.tierClass().equals("estimated") ? 1 : 0,
                s.points().stream().map(p -> Pt.of(p.year(), p.efficiency(),
                        shortName(model.systems().get(p.system())))).toList(), false, true));
        return new PlotSpec(new PlotSpec.Axis("chip announcement (year)", PlotSpec.Scale.YEAR),
                new PlotSpec.Axis(s.kernel() + " " + s.dtype() + " (" + s.unit() + ")", PlotSpec.Scale.LOG), layers);
    }

    static String shortName(SystemEntry s) {
        String m = s.model() == null || s.model().isBlank() ? s.name() : s.model();
        return m.length() > 28 ? m.substring(0, 27) + "\u2026" : m;
    }

    /** The caption: what is shown, the statistics, the data's span, what was left out and why, the key, the data. */
    String historyCaption(History.Series s, String what, List<String> excluded, PlotFiles.Written written) {
        StringBuilder c = new StringBuilder();
        var pts = s.points();
        String tiers = String.join(", ", pts.stream().map(History.Point::tier).distinct().sorted().toList());
        c.append(s.kernel()).append(' ').append(s.dtype()).append(' ').append(what).append(" (").append(s.unit())
                .append(", log scale) against chip announcement date; ")
                .append(s.tierClass().equals("estimated")
                        ? "ESTIMATES from a power model (not measurements; tier " + tiers + ")"
                        : "measured results, tiers shown: " + tiers)
                .append(". Each point is one system's best figure: n = ").append(pts.size()).append(" systems, announced ")
                .append(pts.getFirst().date()).append(" to ").append(pts.getLast().date()).append(". ");
        if (s.fit() != null) {
            c.append("Dashed line: ").append(s.fit().describe()).append(". ");
            if (s.fit().hasInterval()) {
                c.append("Shaded: the fit's 95 % confidence band (clipped to the axes). ");
            }
        } else {
            c.append("No trend: a fit needs two systems with different dates. ");
        }
        c.append(s.tierClass().equals("estimated")
                ? "Estimates are never fitted or drawn with measurements. "
                : "Estimates are never fitted with measurements (not shown). ");
        if (!s.datasheet().isEmpty()) {
            c.append("Grey hollow diamonds: datasheet peak/TDP (declarations, not fitted). ");
        }
        if (!excluded.isEmpty()) {
            c.append("Left out: ").append(String.join("; ", excluded)).append(". ");
        }
        if (written.needsKey()) {
            List<String> key = written.key();
            c.append("Points").append(written.labelling(FigureSize.SINGLE).name().equals("NONE")
                    ? " (too dense to label; in date order)" : "").append(": ");
            for (int i = 0; i < key.size(); i++) {
                c.append(i == 0 ? "" : ", ").append(i + 1).append(" = ").append(key.get(i));
            }
            c.append(". ");
        }
        c.append("Data: ").append(snapshot.citeLine()).append('.');
        return c.toString();
    }

    Figure renderReference(History.Reference ref, Path outDir, String baseName) {
        Map<String, List<History.RelPoint>> bySeries = new LinkedHashMap<>();
        ref.points().forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
        List<Layer> layers = new ArrayList<>();
        int style = 0;
        for (var e : bySeries.entrySet()) {
            List<Pt> pts = e.getValue().stream().map(p -> Pt.of(p.year(), p.relative(), null)).toList();
            boolean model = e.getKey().startsWith("Koomey");
            layers.add(model ? Layer.line(e.getKey(), PlotSpec.Kind.LINE, 6, pts, true)
                    : Layer.line(e.getKey(), PlotSpec.Kind.LINE, style++, pts, false));
            if (!model) {
                layers.add(Layer.points(null, style - 1, pts, false, false));
            }
        }
        PlotSpec spec = new PlotSpec(new PlotSpec.Axis("year", PlotSpec.Scale.YEAR),
                new PlotSpec.Axis("efficiency relative to the series' first point", PlotSpec.Scale.LOG), layers);
        var written = PlotFiles.write(spec, outDir, baseName, "efficiency histories relative to their first point");
        String caption = History.referenceCaption(ref) + " Data: " + snapshot.citeLine() + ".";
        List<List<?>> csvRows = new ArrayList<>();
        for (var p : ref.points()) {
            csvRows.add(Arrays.asList(p.series(), p.label(), p.date(), p.relative(), "relative", p.confidence(),
                    p.source()));
        }
        return finish(outDir, baseName, caption, written, csvRows,
                List.of("series", "label", "date", "value", "unit", "confidence", "source"), null,
                ref.points().size());
    }

    private Figure finish(Path outDir, String baseName, String caption, PlotFiles.Written written,
            List<List<?>> rows, List<String> header, TrendFit fit, int points) {
        try {
            List<Path> files = new ArrayList<>(written.files());
            StringBuilder csv = new StringBuilder();
            for (String line : wrap(caption)) {
                csv.append("# ").append(line).append('\n');
            }
            csv.append(Csv.line(header));
            rows.forEach(r -> csv.append(Csv.line(r)));
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
            return new Figure(List.copyOf(files), single,
                    outDir.resolve(baseName + "-" + FigureSize.SINGLE.suffix + ".pdf"),
                    outDir.resolve(baseName + ".tex"), csvFile, captionFile, caption, fit, points, snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + baseName + " into " + outDir, e);
        }
    }

    /** The caption as CSV comment lines: one sentence a line, so spreadsheets show it whole. */
    static List<String> wrap(String caption) {
        return List.of(caption.split("(?<=\\.) (?=[A-Z])"));
    }
}
