package org.joulebench.site;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Builds the static site: HTML from precompiled jte templates (every string auto-escaped), page data in
 * {@code data/*.js} (classic scripts: work from {@code file://}), Vega, jsPDF and svg2pdf.js bundled (each chart's PDF
 * button converts the chart's SVG in the page), raw run files copied, publication PDFs of
 * the history figures rendered in Java, CSV/JSON downloads.
 */
public final class SiteGenerator {
    static final List<String> ASSETS = List.of(
            "site.css",
            "common.js",
            "leaderboard.js",
            "compare.js",
            "history.js",
            "roofline.js",
            "charts.js",
            "vendor/vega.min.js",
            "vendor/vega-lite.min.js",
            "vendor/vega-embed.min.js",
            "vendor/vega-interpreter.min.js",
            "vendor/jspdf.umd.min.js",
            "vendor/svg2pdf.umd.min.js",
            "vendor/README.md");
    private static final List<String> VEGA = List.of(
            "assets/vendor/vega.min.js",
            "assets/vendor/vega-interpreter.min.js",
            "assets/vendor/vega-lite.min.js",
            "assets/vendor/vega-embed.min.js",
            // PDF export of every chart in the page (svg2pdf.js reads the jspdf global: load jsPDF first)
            "assets/vendor/jspdf.umd.min.js",
            "assets/vendor/svg2pdf.umd.min.js");

    static final List<String> ROW_COLUMNS = List.of(
            "system",
            "kernel",
            "dtype",
            "size",
            "shape",
            "customShape",
            "backend",
            "implementation",
            "implementationKind",
            "implementationLabel",
            "device",
            "deviceKind",
            "deviceHardwareId",
            "scope",
            "scopeDevice",
            "domain",
            "tier",
            "estimated",
            "tierClass",
            "efficiency",
            "efficiencyError",
            "efficiencyUnit",
            "otherScopes",
            "picojoulesPerUnit",
            "throughput",
            "throughputUnit",
            "operationsPerSecond",
            "averagePowerWatts",
            "verified",
            "runId",
            "date",
            "arithmeticIntensity",
            "rooflineFraction",
            "rooflineRoof",
            "rooflineBasis",
            "unranked");

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(
            null, ContentType.Html, SiteGenerator.class.getClassLoader(), "org.joulebench.site.jte");

    /**
     * Builds the site into {@code outDir} and returns its index.html. The folder then holds exactly this
     * build (built aside and swapped in, see {@link SiteOutput}); a folder holding anything but a previous
     * site is refused.
     */
    public static Path generate(SiteInput input, Path outDir) {
        SiteGenerator generator = new SiteGenerator();
        SiteOutput.publish(outDir, staging -> generator.build(input, staging));
        return outDir.resolve("index.html");
    }

    public static String version() {
        try (InputStream in = SiteGenerator.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    Path build(SiteInput input, Path out) {
        SiteModel model = SiteModel.of(input);
        // history ranks the chip the kernel ran on: DEVICE scope only (host and node figures are not its efficiency)
        var series = History.series(model.deviceScope(), input.reference());
        var reference = History.reference(input.reference(), series);
        String citation = citation(model);
        try {
            Files.createDirectories(out.resolve("systems"));
            Files.createDirectories(out.resolve("data"));
            Files.createDirectories(out.resolve("downloads"));
            Files.createDirectories(out.resolve("figures"));
            Files.createDirectories(out.resolve("assets/vendor"));
            for (String a : ASSETS) {
                try (InputStream in = SiteGenerator.class.getResourceAsStream("assets/" + a)) {
                    if (in == null) {
                        throw new IllegalStateException("site asset missing from the jar: " + a);
                    }
                    Files.copy(in, out.resolve("assets/" + a), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            writeData(model, series, reference, citation, out);
            writeDownloads(model, reference, out);
            writePages(citation, out);
            SystemPageWriter systemPages = new SystemPageWriter(this::page);
            IntStream.range(0, model.systems().size()).parallel().forEach(i -> systemPages.write(model, i, out));
            FigureExporter figures = new FigureExporter(input);
            for (History.Series s : series.values()) {
                figures.renderHistory(s, out.resolve("figures"), figureName(s.key()), citation, false);
            }
            figures.renderReference(reference, out.resolve("figures"), "reference", citation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site into " + out, e);
        }
        return out.resolve("index.html");
    }

    static String figureName(String historyKey) {
        return "history-" + SiteModel.slug(historyKey.replace('|', '-'));
    }

    private static String citation(SiteModel model) {
        long checked = model.systems().stream().filter(s -> !s.local()).count();
        long local = model.systems().size() - checked;
        var harness = new TreeSet<String>();
        model.rows().stream()
                .map(ResultRow::harnessVersion)
                .filter(v -> v != null)
                .forEach(harness::add);
        return "Source: joulebench leaderboard, site generator " + version() + ", generated "
                + Instant.now().atZone(ZoneOffset.UTC).toLocalDate() + " (UTC); " + checked
                + " checked submissions" + (local > 0 ? ", " + local + " local unchecked runs" : "")
                + "; harness versions " + (harness.isEmpty() ? "none" : String.join(", ", harness)) + ".";
    }

    private static void writeData(
            SiteModel model, Map<String, History.Series> series, History.Reference reference, String citation, Path out)
            throws IOException {
        List<List<Object>> rows = new ArrayList<>(model.rows().size());
        for (ResultRow r : model.rows()) {
            List<Object> row = new ArrayList<>(ROW_COLUMNS.size());
            row.add(r.system());
            row.addAll(r.columnValues());
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("citation", citation);
        data.put("version", version());
        data.put("columns", ROW_COLUMNS);
        data.put("systems", model.systems());
        data.put("rows", rows);
        Files.writeString(out.resolve("data/site-data.js"), "window.JB = " + SiteJson.scriptSafe(data) + ";\n");
        Map<String, Object> hist = new LinkedHashMap<>();
        hist.put("series", series);
        hist.put("reference", reference);
        Files.writeString(
                out.resolve("data/history-data.js"), "window.JB_HISTORY = " + SiteJson.scriptSafe(hist) + ";\n");
    }

    private static void writeDownloads(SiteModel model, History.Reference reference, Path out) throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(
                "system_id", "submitter", "system", "chip_vendor", "chip_model", "chip_kind", "announced", "local"));
        header.addAll(ROW_COLUMNS.subList(1, ROW_COLUMNS.size()));
        csv.append(Csv.line(header));
        for (ResultRow r : model.rows()) {
            SystemEntry s = model.systems().get(r.system());
            List<Object> line = new ArrayList<>(java.util.Arrays.asList(
                    s.id(), s.submitter(), s.name(), s.vendor(), s.model(), s.kind(), s.announced(), s.local()));
            line.addAll(r.columnValues());
            csv.append(Csv.line(line));
        }
        Files.writeString(out.resolve("downloads/results.csv"), csv);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("systems", model.systems());
        json.put("results", model.rows());
        SiteJson.MAPPER.writeValue(out.resolve("downloads/results.json").toFile(), json);
        StringBuilder ref = new StringBuilder(
                Csv.line(List.of("series", "label", "date", "relative_to_first", "confidence", "source")));
        for (var p : reference.points()) {
            ref.append(Csv.line(java.util.Arrays.asList(
                    p.series(), p.label(), p.date(), p.relative(), p.confidence(), p.source())));
        }
        Files.writeString(out.resolve("downloads/reference.csv"), ref);
    }

    private void writePages(String citation, Path out) throws IOException {
        List<String> common = List.of("data/site-data.js", "assets/common.js");
        page("leaderboard", new PageInfo(concat(common, "assets/leaderboard.js"), citation), out.resolve("index.html"));
        page(
                "compare",
                new PageInfo(concat(concat(common, VEGA), "assets/charts.js", "assets/compare.js"), citation),
                out.resolve("compare.html"));
        page(
                "history",
                new PageInfo(
                        concat(
                                concat(List.of("data/site-data.js", "data/history-data.js", "assets/common.js"), VEGA),
                                "assets/charts.js",
                                "assets/history.js"),
                        citation),
                out.resolve("history.html"));
        page(
                "roofline",
                new PageInfo(concat(concat(common, VEGA), "assets/charts.js", "assets/roofline.js"), citation),
                out.resolve("roofline.html"));
        page("downloads", new PageInfo(List.of(), citation), out.resolve("downloads.html"));
    }

    private void page(String template, Object param, Path file) throws IOException {
        StringOutput html = new StringOutput();
        templates.render(template + ".jte", param, html);
        Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, String... b) {
        return concat(a, List.of(b));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
