package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.ChipKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The generated site in real headless Chromium, opened from file://. */
class SiteBrowserTest {
    static final String XSS_SUBMITTER = "<script>window.__pwned='submitter' & co";
    static final String XSS_NAME = "<img src=x onerror=\"window.__pwned='name'\">Evil<b>bold box";
    static final String XSS_VENDOR = "\"><svg onload=window.__pwned='vendor'>";

    @TempDir
    static Path tmp;

    static Path site;
    static Browser browser;

    @BeforeAll
    static void build() throws Exception {
        Path subs = tmp.resolve("submissions");
        Synthetic.write(subs, 12, 7);
        var xss = Synthetic.system(
                XSS_SUBMITTER, XSS_NAME, XSS_VENDOR, "<b>chip</b>", ChipKind.GPU, LocalDate.of(2024, 3, 1));
        Synthetic.writeSubmission(
                subs,
                "mallory",
                "evil",
                xss,
                List.of(Synthetic.run("xssrun", new Random(3), LocalDate.of(2024, 3, 1), ChipKind.GPU, false)));
        Path local = tmp.resolve("local-run.json");
        RunRecord localRun = Synthetic.run("localrun", new Random(5), LocalDate.of(2025, 1, 1), ChipKind.CPU, false);
        org.joulebench.results.json.Json.writeRunRecord(local, localRun);
        Path ref = SiteTestData.referenceDir(tmp.resolve("reference"));
        SiteInput input = SiteTestData.unchecked(subs, ref, List.of(local));
        site = tmp.resolve("site");
        SiteGenerator.generate(input, site);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void openLeaderboard() {
        browser.open(site.resolve("index.html"));
        browser.waitFor("document.documentElement.dataset.ready === '1'");
    }

    @Test
    void everyPageLoadsWithoutConsoleErrors() throws Exception {
        browser.consoleErrors();
        openLeaderboard();
        assertThat(browser.consoleErrors()).as("index.html").isEmpty();
        for (String page : List.of("history.html", "compare.html", "roofline.html")) {
            browser.open(site.resolve(page));
            String chart = switch (page) {
                case "history.html" -> "history-chart";
                case "compare.html" -> "cmp-chart";
                default -> "roofline-chart";
            };
            browser.waitForChart(chart);
            assertThat(browser.consoleErrors()).as(page).isEmpty();
        }
        browser.open(site.resolve("downloads.html"));
        // results CSV/JSON, the snapshot archive, CITATION.cff, BibTeX, the reference curves
        assertThat(browser.texts("a[download]")).hasSize(6);
        // the "Figures for papers" page: every figure type's rendering loads, at both widths
        browser.open(site.resolve("papers.html"));
        assertThat(browser.js("return document.images.length")).isEqualTo(10L);
        assertThat(browser.js("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
                .isEqualTo(true);
        assertThat(browser.consoleErrors()).as("papers.html").isEmpty();
        try (var pages = Files.list(site.resolve("systems"))) {
            for (Path p : pages.limit(3).toList()) {
                browser.open(p);
                assertThat(browser.texts("#sys-results tbody tr")).isNotEmpty();
            }
        }
        assertThat(browser.consoleErrors()).as("system pages").isEmpty();
    }

    /** All energy domains and sizes in one table (the page opens on one of each). */
    private void anyDomainAndSize() {
        new Select(browser.driver.findElement(By.id("f-domain"))).selectByValue("");
        new Select(browser.driver.findElement(By.id("f-size"))).selectByValue("");
    }

    @Test
    void opensOnTheLocalRunsKernelWithOneDomainAndSizeRanked() {
        openLeaderboard();
        assertThat(browser.js("return [document.getElementById('f-kernel').value, "
                        + "document.getElementById('f-dtype').value, document.getElementById('f-domain').value, "
                        + "document.getElementById('f-size').value]"))
                .isEqualTo(List.of("gemm", "fp32", "cpu-package", "S"));
        assertThat(browser.texts("#lb tbody td:nth-child(10)")).isNotEmpty().allMatch("cpu-package"::equals);
        assertThat(browser.texts("#lb tbody td:nth-child(8)")).allMatch("S"::equals);
        assertThat(browser.texts("#lb tbody td:nth-child(9)")).allMatch("DEVICE"::equals);
        assertThat(browser.texts("#lb tbody .badge.local")).containsExactly("local, unchecked");
        assertThat(browser.driver.findElement(By.id("lb-summary")).getText())
                .contains("for gemm fp32 at size S, DEVICE scope, energy domain cpu-package, ranked by GFLOP/J");
        anyDomainAndSize();
        assertThat(browser.texts("#lb tbody td:nth-child(10)")).contains("cpu-package", "gpu-board");
        assertThat(browser.texts("#lb tbody td:nth-child(9)")).allMatch("DEVICE"::equals);
        assertThat(browser.driver.findElement(By.id("lb-summary")).getText())
                .contains("any size (sizes mixed), DEVICE scope, any energy domain (domains mixed)");
    }

    @Test
    void implementationsSitSideBySideAndScopesAreNeverMixed() throws Exception {
        openLeaderboard();
        anyDomainAndSize();
        // ours and the vendor library's gemm fp32 S on the GPUs: both ranked, each named
        assertThat(browser.texts("#lb tbody td:nth-child(7) .impl-name"))
                .contains("java (ours)", "vendorlib (vendor library)")
                .allMatch(t -> t.equals("java (ours)") || t.equals("vendorlib (vendor library)"));
        // the wall meter's figure is beside the DEVICE one, not ranked with it
        assertThat(browser.texts("#lb tbody td:nth-child(12)")).anyMatch(t -> t.startsWith("NODE node-wall "));
        new Select(browser.driver.findElement(By.id("f-scope"))).selectByValue("NODE");
        new Select(browser.driver.findElement(By.id("f-domain"))).selectByValue("");
        assertThat(browser.texts("#lb tbody td:nth-child(9)")).isNotEmpty().allMatch("NODE"::equals);
        assertThat(browser.texts("#lb tbody td:nth-child(10)")).allMatch("node-wall"::equals);
        assertThat(browser.texts("#lb tbody td:nth-child(12)")).allMatch(t -> t.startsWith("DEVICE "));
        assertThat(browser.driver.findElement(By.id("lb-summary")).getText()).contains(", NODE scope, ");
        assertThat(browser.driver.findElements(By.cssSelector("#f-scope option[value='']")))
                .isEmpty();
        browser.js("jb.lastDownload = null");
        browser.driver.findElement(By.id("lb-csv")).click();
        browser.waitFor("jb.lastDownload && jb.lastDownload.name.endsWith('.csv')");
        String csv = (String)
                browser.driver.executeAsyncScript("var done = arguments[0]; jb.lastDownload.blob.text().then(done);");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .contains(
                        ",implementation,implementation_kind,device_kind,device_hardware_id,size,scope,scope_device,");
        assertThat(csv).contains(",NODE,,node-wall,");
    }

    @Test
    void sortingAndFilteringChangeTheTable() {
        openLeaderboard();
        anyDomainAndSize();
        List<String> byRank = browser.texts("#lb tbody td:nth-child(2)");
        assertThat(byRank).hasSizeGreaterThan(5);
        List<Double> eff = efficiencies();
        assertThat(eff).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        browser.driver
                .findElement(By.cssSelector("#lb th[data-key=efficiency]"))
                .click();
        assertThat(efficiencies()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        browser.driver
                .findElement(By.cssSelector("#lb th[data-key=efficiency]"))
                .click();
        assertThat(efficiencies()).isSorted();
        browser.driver.findElement(By.cssSelector("#lb th[data-key=system]")).click();
        assertThat(browser.texts("#lb tbody td:nth-child(2)")).isNotEqualTo(byRank);

        int all = browser.texts("#lb tbody tr").size();
        new Select(browser.driver.findElement(By.id("f-vendor"))).selectByValue("AMD");
        List<String> vendors = browser.texts("#lb tbody td:nth-child(4)");
        assertThat(vendors).isNotEmpty().allMatch("AMD"::equals);
        assertThat(vendors.size()).isLessThan(all);

        new Select(browser.driver.findElement(By.id("f-vendor"))).selectByValue("");
        browser.driver.findElement(By.id("tc-estimated")).click();
        List<String> tiers = browser.texts("#lb tbody td:nth-child(17)");
        assertThat(tiers).isNotEmpty().allMatch("ESTIMATE"::equals);
        browser.driver.findElement(By.id("tc-measured")).click();
        assertThat(browser.texts("#lb tbody td:nth-child(17)")).isNotEmpty().noneMatch("ESTIMATE"::equals);
        assertThat(browser.texts("#lb tbody .badge.local")).containsOnly("local, unchecked");
    }

    private List<Double> efficiencies() {
        return browser.texts("#lb tbody td:nth-child(11)").stream()
                .map(t -> Double.parseDouble(t.split(" ")[0]))
                .toList();
    }

    @Test
    void historyChartRendersPointsAndTrendLine() {
        browser.open(site.resolve("history.html"));
        browser.waitForChart("history-chart");
        Object points = browser.js("return JB_HISTORY.series[document.getElementById('h-kernel').value + '|' + "
                + "document.getElementById('h-dtype').value + '|measured'].points.length");
        long symbols =
                (Long) browser.js("return document.querySelectorAll('#history-chart g.points_marks path').length");
        assertThat(symbols).isEqualTo((Long) points).isGreaterThan(3);
        long trend = (Long) browser.js("return document.querySelectorAll('#history-chart g.trend_marks path').length");
        assertThat(trend).isEqualTo(1);
        assertThat(browser.driver.findElement(By.id("h-fit")).getText()).contains("doubling every");
        browser.waitForChart("reference-chart");
        assertThat(browser.texts("#ref-fits tbody td:first-child"))
                .contains(
                        "Bitcoin mining hardware TH/J (fit without low-confidence rows)",
                        "Koomey's law (1946–2009, published)");
    }

    @Test
    void compareShowsTheChosenSystems() {
        browser.open(site.resolve("compare.html"), "submitter-4-system-4,submitter-5-system-5");
        browser.waitForChart("cmp-chart");
        List<String> heads = browser.driver.findElements(By.cssSelector("#cmp th.sys-col")).stream()
                .map(e -> e.getDomAttribute("data-system"))
                .toList();
        assertThat(heads).hasSize(2);
        assertThat(heads.get(0)).isEqualTo("submitter-4-system-4");
        assertThat(heads.get(1)).isEqualTo("submitter-5-system-5");
        assertThat(browser.texts("#cmp tbody tr")).isNotEmpty();
        assertThat(browser.texts("#cmp tbody td:nth-child(4)")).anyMatch(t -> t.endsWith("×"));
    }

    @Test
    void submittedMarkupIsShownAsTextAndNeverRuns() {
        openLeaderboard();
        anyDomainAndSize();
        browser.driver.findElement(By.id("f-text")).sendKeys("evil");
        assertThat(browser.texts("#lb tbody td:nth-child(2) a")).isNotEmpty().allMatch(t -> t.contains("<img src=x"));
        assertThat(browser.texts("#lb tbody td:nth-child(3)")).allMatch(XSS_SUBMITTER::equals);
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.findElements(By.cssSelector("#lb tbody img, #lb tbody svg, #lb tbody script")))
                .isEmpty();

        browser.driver
                .findElement(By.cssSelector("#lb tbody td:nth-child(2) a"))
                .click();
        browser.waitFor("document.querySelector('h1')");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo(XSS_NAME);
        assertThat(browser.driver.findElement(By.cssSelector("table.kv")).getText())
                .contains(XSS_SUBMITTER)
                .contains("<b>chip</b>");
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.findElements(By.cssSelector("main img, main svg, main script, main b")))
                .isEmpty();

        browser.open(site.resolve("compare.html"), "mallory-evil,submitter-1-system-1");
        browser.waitForChart("cmp-chart");
        browser.open(site.resolve("roofline.html"), "mallory-evil");
        browser.waitForChart("roofline-chart");
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void exportsGiveValidSvgAndPdf() throws Exception {
        browser.open(site.resolve("history.html"));
        browser.waitForChart("history-chart");
        Object svg = browser.driver.executeAsyncScript(
                "var done = arguments[0]; jbCharts.registry['history-chart'].view.toSVG().then(done);");
        var doc = SiteTestData.xmlParser()
                .parse(new ByteArrayInputStream(((String) svg).getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        String pdfHref = browser.driver.findElement(By.id("h-pdf")).getDomAttribute("href");
        Path pdf = site.resolve(pdfHref);
        SiteTestData.assertPdf(pdf);
        SiteTestData.assertPdf(site.resolve("figures/reference-single.pdf"));
        assertThat(browser.consoleErrors()).isEmpty();
        String csv = (String)
                browser.js("var c = jbCharts.registry['history-chart'].csv;" + "return jb.toCsv(c.header, c.records);");
        assertThat(csv).startsWith("# Source: joulebench leaderboard").contains("\nseries,label,");
    }

    @Test
    void theRooflineDrawsTheMachinesMeasuredRoofsBesideTheDatasheetOnesAndTheLeaderboardShowsTheFraction() {
        browser.consoleErrors();
        // submitter-0-system-0 is a CPU system: datasheet peaks declared, and its run carries a calibration
        browser.driver.get("about:blank"); // a new fragment on the same page would not reload it
        browser.open(site.resolve("roofline.html"), "submitter-0-system-0");
        browser.waitForChart("roofline-chart");
        String csv = (String)
                browser.js("var c = jbCharts.registry['roofline-chart'].csv; return jb.toCsv(c.header, c.records);");
        assertThat(csv).contains("roof fp32 (measured)").contains("roof fp32 (datasheet)");
        // the measured roof flattens at the measured peak, 150 GFLOP/s, far under the 60 TFLOP/s datasheet one
        @SuppressWarnings("unchecked")
        List<Number> measured = (List<Number>)
                browser.js(
                        "return jbCharts.registry['roofline-chart'].csv.records"
                                + ".filter(function (r) { return r[0] === 'roof fp32 (measured)'; }).map(function (r) { return r[3]; })");
        assertThat(measured).isNotEmpty();
        assertThat(measured.stream().mapToDouble(Number::doubleValue).max().orElseThrow())
                .isCloseTo(150.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(browser.driver.findElement(By.id("r-note")).getText())
                .contains("measured roofs (full calibration")
                .contains("fp32 FMA peak 150 GFLOP/s")
                .contains("triad 20 GB/s")
                .contains("80 GB/s with 1 MiB in cache");
        // the roof for data in a cache: the bandwidth curve's fastest point, 80 GB/s, under the same peak
        @SuppressWarnings("unchecked")
        List<List<Number>> inCache = (List<List<Number>>) browser.js("return jbCharts.registry['roofline-chart']"
                + ".csv.records.filter(function (r) { return r[0] === 'roof fp32, data in cache (measured)'; })"
                + ".map(function (r) { return [r[2], r[3]]; })");
        assertThat(inCache)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.get(1).doubleValue())
                        .isCloseTo(
                                Math.min(150.0, p.get(0).doubleValue() * 80.0),
                                org.assertj.core.data.Offset.offset(1e-6)));
        // its system page lists the bandwidth curve
        browser.open(site.resolve("systems/submitter-0-system-0.html"));
        assertThat(browser.driver.findElement(By.tagName("body")).getText())
                .contains("Measured bandwidth in caches")
                .contains("1 MiB: 80 GB/s, 16 MiB: 40 GB/s");
        // a GPU system gets no CPU calibration drawn over it
        browser.driver.get("about:blank");
        browser.open(site.resolve("roofline.html"), "submitter-1-system-1");
        browser.waitForChart("roofline-chart");
        assertThat((String) browser.js(
                        "var c = jbCharts.registry['roofline-chart'].csv; return jb.toCsv(c.header, c.records);"))
                .doesNotContain("(measured)");
        assertThat(browser.driver.findElement(By.id("r-note")).getText()).contains("no measured roofs");

        openLeaderboard();
        var roofHeader = browser.driver.findElement(By.cssSelector("#lb th[data-key=roof]"));
        assertThat(roofHeader.isDisplayed()).isTrue();
        assertThat(roofHeader.getText()).isEqualTo("Roof fraction");
        assertThat(roofHeader.getDomAttribute("title")).startsWith("fraction of this machine's roof");
        @SuppressWarnings("unchecked")
        List<String> fractions = (List<String>) browser.js("return Array.from(document.querySelectorAll("
                + "'#lb td.roof')).filter(function (td) { return td.textContent !== '–'; })"
                + ".map(function (td) { return td.title; })");
        assertThat(fractions)
                .as("CPU rows carry their fraction of the measured roof")
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("of this machine's measured"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void everyChartsPdfButtonGivesAPdfOfThatChartWithTheCitation() throws Exception {
        browser.consoleErrors();
        browser.open(site.resolve("compare.html"), "submitter-4-system-4,submitter-5-system-5");
        assertChartPdf("cmp-chart", "compare.pdf", "System 5 (Submitter 5)");
        browser.open(site.resolve("roofline.html"), "submitter-2-system-2");
        assertChartPdf("roofline-chart", "roofline-submitter-2-system-2.pdf", "arithmetic intensity (op/byte)");
        browser.open(site.resolve("history.html"));
        assertChartPdf("history-chart", "history-gemm-fp32-measured.pdf", "chip announcement");
        assertChartPdf("reference-chart", "reference.pdf", "source confidence");
    }

    /** Clicks the chart's PDF button and opens what the page saved with pdfbox. */
    private void assertChartPdf(String chart, String fileName, String axisTitle) throws Exception {
        browser.waitForChart(chart);
        browser.js("jb.lastDownload = null");
        browser.driver
                .findElement(By.cssSelector("button[data-export=pdf][data-chart=" + chart + "]"))
                .click();
        browser.waitFor("jb.lastDownload && jb.lastDownload.name.endsWith('.pdf')");
        assertThat(browser.js("return jb.lastDownload.name")).isEqualTo(fileName);
        String base64 = (String) browser.driver.executeAsyncScript("var done = arguments[0], r = new FileReader();"
                + "r.onload = function () { done(r.result.split(',')[1]); };"
                + "r.readAsDataURL(jb.lastDownload.blob);");
        byte[] pdf = java.util.Base64.getDecoder().decode(base64);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII))
                .as(fileName)
                .isEqualTo("%PDF-");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).as(fileName).isEqualTo(1);
            String citation = (String) browser.js("return jb.data.citation");
            assertThat(citation).startsWith("Source: joulebench leaderboard");
            assertThat(doc.getDocumentInformation().getSubject()).isEqualTo(citation);
            String text =
                    new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            // the chart's own (horizontal) text was drawn as text, so not an empty page nor a picture, and the citation
            // is printed under it
            assertThat(text).as(fileName).contains(axisTitle).contains(citation);
            var page = doc.getPage(0).getMediaBox();
            long svgWidth = Math.round(Double.parseDouble(
                    (String) browser.js("return document.querySelector('#" + chart + " svg').getAttribute('width')")));
            assertThat(Math.round(page.getWidth())).isEqualTo(svgWidth + 48);
        }
        assertThat(browser.consoleErrors()).as(fileName).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".pdf-scratch"))).isEmpty();
    }
}
