package org.joulebench.site;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures for papers in pure Java (no browser): XChart drawn through VectorGraphics2D into SVG and PDF, the
 * plotted data as CSV, and a citation line (source, date, versions) in a {@code .citation.txt} beside them
 * and as the CSV's first comment line. The site uses the same code for its pre-rendered PDFs.
 */
public final class FigureExporter {
    static final int WIDTH = 720;
    static final int HEIGHT = 450;

    /** The files written. */
    public record Figure(Path svg, Path pdf, Path csv, Path citationFile, String citation, TrendFit fit, int points) {}

    private final SiteInput input;
    private final SiteModel model;

    public FigureExporter(SiteInput input) {
        this.input = input;
        this.model = SiteModel.of(input);
    }

    /** One-call form for the CLI's {@code joulebench figure}. */
    public static Figure export(SiteInput input, FigureRequest request, Path outDir) {
        return new FigureExporter(input).export(request, outDir);
    }

    public Figure export(FigureRequest request, Path outDir) {
        List<ResultRow> rows = new ArrayList<>();
        List<ResultRow> all = model.rows();
        for (ResultRow r : all) {
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
        String citation = "Source: joulebench leaderboard data ("
                + model.systems().stream().filter(x -> !x.local()).count() + " checked submissions), "
                + request.kernel() + " " + request.dtype() + " "
                + request.tierClass() + " " + request.metric().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + request.scope() + " scope"
                + (request.implementation() == null ? "" : ", implementation " + request.implementation())
                + "; generated " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " (UTC) by joulebench site "
                + SiteGenerator.version() + "; harness versions "
                + rows.stream()
                        .map(ResultRow::harnessVersion)
                        .filter(v -> v != null)
                        .distinct()
                        .sorted()
                        .toList() + ".";
        return renderHistory(s, outDir, request.baseName(), citation, true);
    }

    Figure renderHistory(History.Series s, Path outDir, String baseName, String citation, boolean allFiles) {
        XYChart chart = chart(s.kernel() + " " + s.dtype() + " (" + s.tierClass() + ")", s.unit());
        add(
                chart,
                "systems",
                s.points().stream().map(History.Point::year).toList(),
                s.points().stream().map(History.Point::efficiency).toList(),
                XYSeries.XYSeriesRenderStyle.Scatter);
        if (!s.frontier().isEmpty()) {
            add(
                            chart,
                            "best so far",
                            s.frontier().stream().map(History.LinePoint::year).toList(),
                            s.frontier().stream()
                                    .map(History.LinePoint::efficiency)
                                    .toList(),
                            XYSeries.XYSeriesRenderStyle.Step)
                    .setMarker(SeriesMarkers.NONE);
        }
        if (s.fit() != null) {
            String label = String.format(
                    java.util.Locale.ROOT,
                    "trend: doubling %.2f ± %.2f y",
                    s.fit().doublingYears(),
                    s.fit().doublingYearsStandardError());
            add(
                            chart,
                            label,
                            s.trend().stream().map(History.LinePoint::year).toList(),
                            s.trend().stream()
                                    .map(History.LinePoint::efficiency)
                                    .toList(),
                            XYSeries.XYSeriesRenderStyle.Line)
                    .setMarker(SeriesMarkers.NONE)
                    .setLineStyle(new BasicStroke(
                            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        if (!s.datasheet().isEmpty()) {
            add(
                            chart,
                            "datasheet peak/TDP (not measured)",
                            s.datasheet().stream()
                                    .map(History.DatasheetPoint::year)
                                    .toList(),
                            s.datasheet().stream()
                                    .map(History.DatasheetPoint::efficiency)
                                    .toList(),
                            XYSeries.XYSeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.DIAMOND)
                    .setMarkerColor(Color.GRAY);
        }
        List<List<?>> csvRows = new ArrayList<>();
        for (var p : s.points()) {
            SystemEntry sys = model.systems().get(p.system());
            csvRows.add(Arrays.asList(
                    "system",
                    sys.submitter() + " / " + sys.name(),
                    p.date(),
                    p.efficiency(),
                    s.unit(),
                    p.domain(),
                    p.tier(),
                    p.implementation(),
                    p.scope()));
        }
        for (var p : s.frontier()) {
            csvRows.add(Arrays.asList("frontier", "", p.date(), p.efficiency(), s.unit(), "", "", "", ""));
        }
        for (var p : s.trend()) {
            csvRows.add(Arrays.asList("trend", "", p.date(), p.efficiency(), s.unit(), "", "", "", ""));
        }
        for (var p : s.datasheet()) {
            csvRows.add(Arrays.asList(
                    "datasheet", p.label(), p.date(), p.efficiency(), s.unit(), "", p.confidence(), "", ""));
        }
        return write(
                chart,
                outDir,
                baseName,
                citation,
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
                csvRows,
                s.fit(),
                s.points().size(),
                allFiles);
    }

    Figure renderReference(History.Reference ref, Path outDir, String baseName, String citation) {
        XYChart chart = chart("Efficiency relative to each series' first point", "relative to first point");
        Map<String, List<History.RelPoint>> bySeries = new LinkedHashMap<>();
        ref.points()
                .forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>())
                        .add(p));
        bySeries.forEach((name, pts) -> add(
                chart,
                name,
                pts.stream().map(History.RelPoint::year).toList(),
                pts.stream().map(History.RelPoint::relative).toList(),
                XYSeries.XYSeriesRenderStyle.Line));
        List<List<?>> csvRows = new ArrayList<>();
        for (var p : ref.points()) {
            csvRows.add(Arrays.asList(
                    p.series(), p.label(), p.date(), p.relative(), "relative", p.confidence(), p.source()));
        }
        return write(
                chart,
                outDir,
                baseName,
                citation,
                List.of("series", "label", "date", "value", "unit", "confidence", "source"),
                csvRows,
                null,
                ref.points().size(),
                false);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("chip announcement (year)")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> String.valueOf((int) Math.floor(x)));
        return chart;
    }

    private static XYSeries add(
            XYChart chart, String name, List<Double> x, List<Double> y, XYSeries.XYSeriesRenderStyle style) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(style);
        return series;
    }

    private static Figure write(
            XYChart chart,
            Path outDir,
            String baseName,
            String citation,
            List<String> header,
            List<List<?>> rows,
            TrendFit fit,
            int points,
            boolean allFiles) {
        try {
            Files.createDirectories(outDir);
            Path base = outDir.resolve(baseName);
            Path pdf = Path.of(base + ".pdf");
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsFormat.PDF);
            if (!allFiles) {
                return new Figure(null, pdf, null, null, citation, fit, points);
            }
            Path svg = Path.of(base + ".svg");
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsFormat.SVG);
            StringBuilder csv =
                    new StringBuilder("# ").append(citation.replace('\n', ' ')).append('\n');
            csv.append(Csv.line(header));
            rows.forEach(r -> csv.append(Csv.line(r)));
            if (fit != null) {
                // which points the trend used (the site's history page says the same)
                csv.append("# trend: ordinary least squares on ln(value) over the ")
                        .append(fit.points())
                        .append(" 'system' rows above (one per system: its best result, at its chip's announcement"
                                + " date)\n");
            }
            Path csvFile = Path.of(base + ".csv");
            Files.writeString(csvFile, csv);
            Path citationFile = Path.of(base + ".citation.txt");
            Files.writeString(citationFile, citation + "\n");
            return new Figure(svg, pdf, csvFile, citationFile, citation, fit, points);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + baseName + " into " + outDir, e);
        }
    }
}
