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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.joulebench.vocabulary.Tier;

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
            "unranked",
            "implementationDescription",
            "runner");

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(
            null, ContentType.Html, SiteGenerator.class.getClassLoader(), "org.joulebench.site.jte");

    /**
     * Builds the site into {@code outDir} and returns its index.html. The folder then holds exactly this
     * build (built aside and swapped in, see {@link SiteOutput}); a folder holding anything but a previous
     * site is refused.
     */
    public static Path generate(SiteInput input, Path outDir) {
        return generate(input, outDir, null);
    }

    /** As {@link #generate(SiteInput, Path)}, naming the results' git commit in the data snapshot's citation. */
    public static Path generate(SiteInput input, Path outDir, String resultsCommit) {
        SiteGenerator generator = new SiteGenerator();
        SiteOutput.publish(outDir, staging -> generator.build(input, staging, resultsCommit));
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

    Path build(SiteInput input, Path out, String resultsCommit) {
        SiteModel model = SiteModel.of(input);
        FigureExporter figures = new FigureExporter(input, resultsCommit);
        DataSnapshot snapshot = figures.snapshot();
        // history ranks the chip the kernel ran on: DEVICE scope only (host and node figures are not its efficiency)
        var series = History.series(model.deviceScope(), input.reference());
        var reference = History.reference(input.reference(), series);
        String citation = citation(model, snapshot);
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
            Map<String, String> captions = new LinkedHashMap<>();
            for (History.Series s : series.values()) {
                var f = figures.renderHistory(
                        s, out.resolve("figures"), figureName(s.key()), "efficiency, DEVICE scope", List.of());
                captions.put(s.key(), f.citation());
            }
            String referenceCaption = figures.renderReference(reference, out.resolve("figures"), "reference")
                    .citation();
            writeData(model, series, reference, citation, out, captions, referenceCaption);
            page(
                    "papers",
                    papers(figures, model, series, snapshot, input, out.resolve("figures/papers")),
                    out.resolve("papers.html"));
            writeSnapshot(input, snapshot, out);
            writeDownloads(model, reference, out);
            writePages(citation, out);
            SystemPageWriter systemPages = new SystemPageWriter(this::page);
            IntStream.range(0, model.systems().size()).parallel().forEach(i -> systemPages.write(model, i, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site into " + out, e);
        }
        return out.resolve("index.html");
    }

    /** Each figure type from this snapshot, for the "Figures for papers" page; what the data cannot make is named. */
    static PapersPage papers(
            FigureExporter figures,
            SiteModel model,
            Map<String, History.Series> series,
            DataSnapshot snapshot,
            SiteInput input,
            Path dir) {
        List<PapersPage.Entry> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // the series with the most systems, measured before estimated
        List<History.Series> ranked = new ArrayList<>(series.values());
        ranked.sort(java.util.Comparator.comparing(
                        (History.Series s) -> !s.tierClass().equals(Tier.MEASURED))
                .thenComparing(s -> -s.points().size())
                .thenComparing(History.Series::key));
        if (ranked.isEmpty()) {
            missing.add("History, grid and comparison: no checked result with a chip announcement date.");
        } else {
            History.Series top = ranked.getFirst();
            String tier = top.tierClass();
            var f = figures.export(
                    new FigureRequest(
                            top.kernel(),
                            top.dtype(),
                            Metric.EFFICIENCY,
                            tier,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "history"),
                    dir);
            entries.add(new PapersPage.Entry(
                    "History: " + top.kernel() + " " + top.dtype() + " (" + tier + ")",
                    "history",
                    "./joulebench figure --kernel " + top.kernel() + " --dtype " + top.dtype() + " --tier " + tier,
                    f.citation()));
            List<History.Series> same = ranked.stream()
                    .filter(s -> s.tierClass().equals(tier))
                    .limit(3)
                    .toList();
            List<FigureRequest> panels = same.stream()
                    .map(s -> new FigureRequest(
                            s.kernel(),
                            s.dtype(),
                            Metric.EFFICIENCY,
                            tier,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))
                    .toList();
            var g = figures.exportGrid(panels, dir, "grid");
            entries.add(new PapersPage.Entry(
                    "Grid: " + same.size() + " kernels and dtypes sharing axes (" + tier + ")",
                    "grid",
                    "./joulebench figure --kind grid --tier " + tier + " --panels "
                            + String.join(
                                    ",",
                                    same.stream()
                                            .map(s -> s.kernel() + ":" + s.dtype())
                                            .toList()),
                    g.citation()));
            // the newest few systems with results of this dtype and tier class, so the figure stays readable
            java.util.Set<Integer> withResults = new java.util.HashSet<>();
            for (ResultRow r : model.rows()) {
                if (r.dtype().equals(top.dtype()) && r.tierClass().equals(tier)) {
                    withResults.add(r.system());
                }
            }
            List<String> ids = IntStream.range(0, model.systems().size())
                    .filter(withResults::contains)
                    .mapToObj(i -> model.systems().get(i))
                    .filter(s -> !s.local() && s.announced() != null)
                    .sorted(java.util.Comparator.comparing(SystemEntry::announced)
                            .reversed()
                            .thenComparing(SystemEntry::id))
                    .limit(4)
                    .map(SystemEntry::id)
                    .toList();
            var c = figures.exportComparison(top.dtype(), tier, ids, dir, "compare");
            entries.add(new PapersPage.Entry(
                    "Energy per operation by kernel: " + ids.size() + " systems, " + top.dtype() + " (" + tier + ")",
                    "compare",
                    "./joulebench figure --kind compare --dtype " + top.dtype() + " --tier " + tier + " --systems "
                            + String.join(",", ids),
                    c.citation()));
        }
        java.util.Set<Integer> withIntensity = new java.util.HashSet<>();
        for (ResultRow r : model.rows()) {
            if (r.arithmeticIntensity() != null && r.dtype().equals("fp32")) {
                withIntensity.add(r.system());
            }
        }
        String roofSystem = null;
        for (int i = 0; i < model.systems().size() && roofSystem == null; i++) {
            SystemEntry s = model.systems().get(i);
            boolean hasRoofs = s.measuredRoofs() != null
                    || (s.peakBytesPerSecond() != null
                            && s.peakFlopsByDtype() != null
                            && s.peakFlopsByDtype().get("fp32") != null);
            if (!s.local() && hasRoofs && withIntensity.contains(i)) {
                roofSystem = s.id();
            }
        }
        if (roofSystem == null) {
            missing.add("Roofline: no checked system with roofs (declared or measured) and fp32 results.");
        } else {
            var r = figures.exportRoofline(roofSystem, dir, "roofline");
            entries.add(new PapersPage.Entry(
                    "Roofline: " + roofSystem,
                    "roofline",
                    "./joulebench figure --kind roofline --systems " + roofSystem,
                    r.citation()));
        }
        sweepFigures(input, dir, entries, missing);
        var ref = figures.exportReference(dir, "reference");
        entries.add(new PapersPage.Entry(
                "Efficiency histories with their sources",
                "reference",
                "./joulebench figure --kind reference",
                ref.citation()));
        return new PapersPage(entries, missing, snapshot);
    }

    /**
     * The size-sweep figures (throughput, and J/op where the sweep has energy) of the first accepted sweep, as
     * {@code figure --sweep} draws them; each figure's stem gets the sweep's CSV and caption beside it, as the
     * page links them. A snapshot without a sweep says so.
     */
    private static void sweepFigures(SiteInput input, Path dir, List<PapersPage.Entry> entries, List<String> missing) {
        SiteRun sweep = null;
        String where = null;
        for (SiteSubmission s : input.submissions()) {
            for (SiteRun r : s.runs()) {
                if (sweep == null && r.record().sweep() != null) {
                    sweep = r;
                    where = s.relativePath();
                }
            }
        }
        if (sweep == null) {
            missing.add("Size sweep: no checked submission holds a sweep (./joulebench sweep, then submit).");
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep figure into " + dir, e);
        }
        var w = org.joulebench.site.plot.SweepFigure.write(
                sweep.record(), where + "/runs/" + sweep.fileName(), dir, "sweep");
        var k = sweep.record().sweep();
        String command = "./joulebench figure --sweep results/submissions/" + where + "/runs/" + sweep.fileName();
        for (String figure : w.energy() == null ? List.of("throughput") : List.of("throughput", "energy")) {
            String stem = "sweep-" + figure;
            try {
                Files.copy(w.csv(), dir.resolve(stem + ".csv"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(stem + ".caption.txt"), w.caption() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the sweep figure into " + dir, e);
            }
            entries.add(new PapersPage.Entry(
                    "Size sweep: " + (figure.equals("energy") ? "J/op" : "throughput") + " of " + k.kernel() + " "
                            + k.dtype() + " against the working set (" + where + ")",
                    stem,
                    command,
                    w.caption()));
        }
    }

    static String figureName(String historyKey) {
        return "history-" + SiteModel.slug(historyKey.replace('|', '-'));
    }

    /** The snapshot archive, CITATION.cff and BibTeX in downloads/: what a reader fetches to rebuild a figure. */
    private static void writeSnapshot(SiteInput input, DataSnapshot snapshot, Path out) throws IOException {
        Files.write(out.resolve("downloads").resolve(snapshot.archiveName()), snapshot.archive(input.submissions()));
        Files.writeString(out.resolve("downloads/CITATION.cff"), snapshot.citationCff());
        Files.writeString(out.resolve("downloads/joulebench-data.bib"), snapshot.bibtex());
    }

    private static String citation(SiteModel model, DataSnapshot snapshot) {
        long checked = model.systems().stream().filter(s -> !s.local()).count();
        long local = model.systems().size() - checked;
        var harness = new TreeSet<String>();
        model.rows().stream()
                .map(ResultRow::harnessVersion)
                .filter(v -> v != null)
                .forEach(harness::add);
        return "Source: joulebench leaderboard, site generator " + version() + ", data snapshot " + snapshot.date()
                + " (SHA-256 " + snapshot.sha256() + "); " + checked
                + " checked submissions" + (local > 0 ? ", " + local + " local unchecked runs" : "")
                + "; harness versions " + (harness.isEmpty() ? "none" : String.join(", ", harness)) + ".";
    }

    private static void writeData(
            SiteModel model,
            Map<String, History.Series> series,
            History.Reference reference,
            String citation,
            Path out,
            Map<String, String> captions,
            String referenceCaption)
            throws IOException {
        ViewData.write(model, citation, version(), out);
        Map<String, Object> hist = new LinkedHashMap<>();
        hist.put("series", series);
        hist.put("reference", reference);
        hist.put("captions", captions);
        hist.put("referenceCaption", referenceCaption);
        // the names of the systems its points are (the history page loads no other data)
        Map<Integer, Map<String, String>> names = new java.util.TreeMap<>();
        for (History.Series s : series.values()) {
            for (History.Point p : s.points()) {
                SystemEntry sys = model.systems().get(p.system());
                names.put(p.system(), Map.of("name", sys.name(), "submitter", sys.submitter()));
            }
        }
        hist.put("systems", names);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("citation", citation);
        meta.put("version", version());
        Files.writeString(
                out.resolve(ViewData.HISTORY),
                "window.JB = " + SiteJson.scriptSafe(meta) + ";\nwindow.JB_HISTORY = " + SiteJson.scriptSafe(hist)
                        + ";\n");
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
        // each page its own view's data (ViewData); a board or a system is loaded when the page chooses it
        page(
                "leaderboard",
                new PageInfo(List.of(ViewData.LEADERBOARD, "assets/common.js", "assets/leaderboard.js"), citation),
                out.resolve("index.html"));
        List<String> systems = List.of(ViewData.SYSTEMS, "assets/common.js");
        page(
                "compare",
                new PageInfo(concat(concat(systems, VEGA), "assets/charts.js", "assets/compare.js"), citation),
                out.resolve("compare.html"));
        page(
                "history",
                new PageInfo(
                        concat(
                                concat(List.of(ViewData.HISTORY, "assets/common.js"), VEGA),
                                "assets/charts.js",
                                "assets/history.js"),
                        citation),
                out.resolve("history.html"));
        page(
                "roofline",
                new PageInfo(concat(concat(systems, VEGA), "assets/charts.js", "assets/roofline.js"), citation),
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
