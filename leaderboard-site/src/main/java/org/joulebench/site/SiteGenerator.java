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
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.submission.SystemDescription;
import org.joulebench.vocabulary.HeadlineUnit;
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
            "rooflineRoof");

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(
            null, ContentType.Html, SiteGenerator.class.getClassLoader(), "org.joulebench.site.jte");

    /** Builds the site into {@code outDir} (created; existing files overwritten) and returns its index.html. */
    public static Path generate(SiteInput input, Path outDir) {
        return new SiteGenerator().build(input, outDir);
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
            IntStream.range(0, model.systems().size()).parallel().forEach(i -> writeSystem(model, i, out));
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

    private void writeSystem(SiteModel model, int index, Path out) {
        SystemEntry sys = model.systems().get(index);
        SiteModel.Source src = model.sources().get(index);
        try {
            Path raw = out.resolve("raw").resolve(sys.id());
            Files.createDirectories(raw.resolve("runs"));
            List<List<String>> files = new ArrayList<>();
            if (src.submission() != null) {
                // only the bytes check verified: never a file read from the submissions folder again
                for (String f : List.of("system.json", "manifest.json", "manifest.sig", "public-key.pem")) {
                    byte[] bytes = src.submission().files().get(f);
                    if (bytes != null) {
                        writeNoFollow(raw.resolve(f), bytes);
                        files.add(List.of(f, "../raw/" + sys.id() + "/" + f));
                    }
                }
            }
            Map<String, String> runHref = new LinkedHashMap<>();
            for (SiteRun run : src.runs()) {
                String name = rawRunName(run.fileName());
                Path to = raw.resolve("runs").resolve(name);
                writeNoFollow(to, run.raw() != null ? run.raw() : SiteJson.MAPPER.writeValueAsBytes(run.record()));
                String href = "../raw/" + sys.id() + "/runs/" + name;
                files.add(List.of("runs/" + name, href));
                runHref.put(run.record().runId(), href);
            }
            List<SystemPage.Line> lines = new ArrayList<>();
            List<BenchmarkResult> shown = new ArrayList<>();
            for (SiteRun run : src.runs()) {
                List<BenchmarkResult> covered = run.record().results().stream()
                        .filter(b -> src.covers(b) && !b.nullWorkload())
                        .toList();
                shown.addAll(covered);
                for (BenchmarkResult b : sideBySide(covered)) {
                    lines.addAll(lines(
                            sys,
                            b,
                            run.record().runId(),
                            runHref.get(run.record().runId())));
                }
            }
            List<List<String>> facts = new ArrayList<>();
            if (src.submission() != null) {
                SystemDescription d = src.submission().system();
                facts.add(List.of("Process", String.valueOf(d.processNode())));
                facts.add(List.of("TDP", d.tdpWatts() == null ? "not declared" : Fmt.num(d.tdpWatts()) + " W"));
                facts.add(List.of("Memory", String.valueOf(d.memory())));
                facts.add(List.of("Host", String.valueOf(d.host())));
                facts.add(List.of("Cooling", String.valueOf(d.cooling())));
                if (d.datasheetPeaks() == null) {
                    facts.add(List.of("Datasheet peaks", "no datasheet declared"));
                } else {
                    var pk = d.datasheetPeaks();
                    pk.flopsPerSecondByDtype()
                            .forEach((dt, v) ->
                                    facts.add(List.of("Datasheet peak " + dt, Fmt.num(v / 1e12) + " TFLOP/s")));
                    if (pk.memoryBandwidthBytesPerSecond() != null) {
                        facts.add(List.of(
                                "Datasheet memory bandwidth",
                                Fmt.num(pk.memoryBandwidthBytesPerSecond() / 1e9) + " GB/s"));
                    }
                    facts.add(List.of("Datasheet source", String.valueOf(pk.source())));
                }
            } else {
                var env = src.localRun().record().environment();
                if (src.backend() != null) {
                    facts.add(List.of("Backend / device", src.backend() + " / " + src.device()));
                }
                facts.add(List.of("Host CPU", env.cpuModel() + " (" + env.cpuVendor() + ")"));
                facts.add(List.of("OS", env.osName() + " " + env.osVersion()));
                facts.add(List.of("JVM", env.jvmVendor() + " " + env.jvmVersion()));
            }
            facts.addAll(deviceFacts(shown));
            var m = sys.measuredRoofs();
            if (m != null) {
                facts.add(List.of(
                        "Measured roofs (" + m.mode() + " calibration, " + m.measuredAt() + ")",
                        "fp32 FMA peak " + Fmt.num(m.peakFlopsPerSecond() / 1e9) + " GFLOP/s ("
                                + Fmt.num(m.peakFlopsPerSecondOneCore() / 1e9) + " on one core), triad "
                                + Fmt.num(m.bytesPerSecond() / 1e9) + " GB/s, vendor sgemm "
                                + (m.vendorGemmFlopsPerSecond() == null
                                        ? "not measured"
                                        : Fmt.num(m.vendorGemmFlopsPerSecond() / 1e9) + " GFLOP/s")));
            }
            SystemPage page = new SystemPage(sys, facts, files, lines, List.of());
            StringOutput html = new StringOutput();
            templates.render("system.jte", page, html);
            Files.writeString(out.resolve("systems").resolve(sys.id() + ".html"), html.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the page and raw files of " + sys.id() + " into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Run file names a manifest may list (results' {@code Manifest.LISTED_PATH}): kept as they are. */
    private static final java.util.regex.Pattern SAFE_RUN_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.json");

    /**
     * The raw copy's name: the original one, so it matches the paths in manifest.json; only a name outside the
     * safe charset (possible for a local run file) becomes a slug.
     */
    /** Writes a file of the site; an existing link at that path is never followed (the write fails). */
    static void writeNoFollow(Path file, byte[] bytes) throws IOException {
        Files.write(
                file,
                bytes,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    static String rawRunName(String fileName) {
        if (SAFE_RUN_NAME.matcher(fileName).matches()) {
            return fileName;
        }
        return SiteModel.slug(fileName.replaceAll("\\.json$", "")) + ".json";
    }

    private static List<SystemPage.Line> lines(SystemEntry sys, BenchmarkResult b, String runId, String href) {
        String status = b.status() == null ? "?" : b.status().name();
        if (b.failure() != null) {
            status += ": " + b.failure();
        }
        String verification = b.verification() == null
                ? "not verified"
                : (b.verification().passed() ? "passed" : "FAILED") + " (max rel. error "
                        + Fmt.num(b.verification().maxRelativeError()) + ")";
        String thr = b.throughput() == null
                ? "–"
                : Fmt.num(b.throughput().value()) + " " + b.throughput().unit();
        String size = b.customShape() ? "custom" : b.size();
        String impl = b.implementation().id() + " (" + SiteModel.implementationLabel(b.implementation()) + ")";
        List<SystemPage.Line> out = new ArrayList<>();
        List<DomainEnergy> domains = b.energy() == null ? List.of() : b.energy().domains();
        HeadlineUnit headline = b.work() == null ? null : b.work().headlineUnit();
        boolean memory = headline != null && headline.memoryBound();
        String unit = headline == null ? "" : headline.efficiencyUnit();
        Double ds = sys.datasheetUnitsPerJoule(b.dtype(), memory);
        if (domains.isEmpty()) {
            String why = b.energyUnavailableReason() == null ? "no energy figure" : b.energyUnavailableReason();
            out.add(new SystemPage.Line(
                    b.kernel(),
                    b.dtype(),
                    size,
                    b.shapeLabel(),
                    b.backend(),
                    impl,
                    b.device(),
                    status,
                    verification,
                    thr,
                    "",
                    why,
                    "–",
                    "none",
                    "–",
                    "–",
                    "–",
                    ds == null ? "no datasheet declared" : Fmt.num(ds) + " " + unit,
                    "–",
                    runId,
                    href));
        }
        for (DomainEnergy e : domains) {
            String tierClass = e.estimated() ? Tier.ESTIMATED : Tier.MEASURED;
            out.add(new SystemPage.Line(
                    b.kernel(),
                    b.dtype(),
                    size,
                    b.shapeLabel(),
                    b.backend(),
                    impl,
                    b.device(),
                    status,
                    verification,
                    thr,
                    e.scope(),
                    e.domain(),
                    // "ESTIMATE" says so already; another tier flagged as estimated gets the word once
                    e.tier() + (e.estimated() && !Tier.ESTIMATE.name().equals(e.tier()) ? " (estimate)" : ""),
                    tierClass,
                    Fmt.num(e.unitsPerJoule()) + " " + unit,
                    Fmt.num(e.picojoulesPerUnit()),
                    Fmt.num(e.averagePowerWatts()),
                    ds == null ? "no datasheet declared" : Fmt.num(ds) + " " + unit,
                    ds == null ? "–" : Fmt.num(e.unitsPerJoule() / ds),
                    runId,
                    href));
        }
        return out;
    }

    /**
     * The system page's results in an order that puts one chip's implementations of a case side by side: by kernel,
     * dtype, size and shape, then ours before the vendor library's; otherwise as the runs list them.
     */
    static List<BenchmarkResult> sideBySide(List<BenchmarkResult> results) {
        List<BenchmarkResult> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparing(BenchmarkResult::kernel)
                .thenComparing(BenchmarkResult::dtype)
                .thenComparing(b -> String.valueOf(b.size()))
                .thenComparing(b -> String.valueOf(b.shapeLabel()))
                .thenComparing(b -> String.valueOf(b.implementation().kind()))
                .thenComparing(b -> b.implementation().id()));
        return sorted;
    }

    /** One line per device the results ran on: {@code backend/device: kind, hardware id}. */
    static List<List<String>> deviceFacts(List<BenchmarkResult> results) {
        java.util.Set<String> devices = new java.util.LinkedHashSet<>();
        java.util.Set<String> impls = new java.util.LinkedHashSet<>();
        for (BenchmarkResult b : results) {
            devices.add(b.backend() + "/" + b.device() + ": " + b.deviceKind()
                    + (b.deviceHardwareId() == null ? "" : ", " + b.deviceHardwareId()));
            impls.add(b.implementation().id() + " (" + SiteModel.implementationLabel(b.implementation()) + ")");
        }
        List<List<String>> facts = new ArrayList<>();
        if (!devices.isEmpty()) {
            facts.add(List.of("Devices", String.join("; ", devices)));
            facts.add(List.of("Implementations", String.join("; ", impls)));
        }
        return facts;
    }
}
