package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.ChipKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site built from what is really committed (one submission whose energy is all model estimates) and from an
 * estimated-only synthetic input: every page loads clean and no chart or table is wider than the window.
 */
class SiteRealDataBrowserTest {
    static final Path COMMITTED =
            Path.of("../results/submissions").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    static Path realSite;
    static Path estimatedSite;
    static Browser browser;

    @BeforeAll
    static void build() throws Exception {
        Path ref = SiteTestData.referenceDir(null);
        assertThat(COMMITTED).isDirectory();
        // the committed run file also as a fresh local run (what a user sees right after `joulebench run`)
        Path committedRun;
        try (var s = Files.walk(COMMITTED)) {
            committedRun = s.filter(p -> p.getParent().getFileName().toString().equals("runs"))
                    .filter(p -> p.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        realSite = tmp.resolve("real");
        // the committed results through the one gate the CLI uses: what check accepts, from the bytes it read
        var report = new org.joulebench.results.check.Checker().check(COMMITTED);
        assertThat(report.accepted()).isNotEmpty();
        SiteGenerator.generate(SiteInput.fromCheck(report, ref, List.of(committedRun)), realSite);

        Path subs = tmp.resolve("estimated-submissions");
        Random rnd = new Random(11);
        for (int i = 0; i < 4; i++) {
            LocalDate announced = LocalDate.of(2016 + 2 * i, 3, 1);
            ChipKind kind = i % 2 == 0 ? ChipKind.CPU : ChipKind.GPU;
            Synthetic.writeSubmission(
                    subs,
                    "est-" + i,
                    "system-" + i,
                    Synthetic.system("Est " + i, "Estimated " + i, "AMD", "Chip " + i, kind, announced),
                    List.of(Synthetic.run("EstRun-" + i, rnd, announced, kind, true)));
        }
        Path local = tmp.resolve("local-est.json");
        RunRecord localRun = Synthetic.run("LocalEst", rnd, LocalDate.of(2025, 1, 1), ChipKind.CPU, true);
        org.joulebench.results.json.Json.writeRunRecord(local, localRun);
        estimatedSite = tmp.resolve("estimated");
        SiteGenerator.generate(SiteTestData.unchecked(subs, ref, List.of(local)), estimatedSite);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void committedResultsSiteIsClean() throws Exception {
        assertEveryPageClean(realSite);
    }

    @Test
    void estimatedOnlySiteIsClean() throws Exception {
        assertEveryPageClean(estimatedSite);
    }

    @Test
    void compareOpensOnTheEstimatesWhenNothingIsMeasured() {
        for (Path site : List.of(realSite, estimatedSite)) {
            browser.open(site.resolve("compare.html"));
            browser.waitForChart("cmp-chart");
            assertThat(browser.js("return document.querySelector('input[name=tierclass]:checked').value"))
                    .isEqualTo("estimated");
            assertThat(browser.texts("#cmp tbody tr")).isNotEmpty();
            assertThat((Long) browser.js("return document.querySelectorAll('#cmp-chart svg path').length"))
                    .isGreaterThan(0);
            // nothing measured: a line saying so, never an empty log-scale chart
            browser.driver
                    .findElement(org.openqa.selenium.By.cssSelector("input[name=tierclass][value=measured]"))
                    .click();
            browser.waitForChart("cmp-chart");
            assertThat(browser.texts("#cmp-chart .no-results"))
                    .singleElement()
                    .asString()
                    .contains("No measured");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#cmp-chart svg")))
                    .isEmpty();
            assertThat(browser.consoleAll()).as("compare measured, empty").isEmpty();
        }
    }

    @Test
    void leaderboardOpensOnTheLocalRunsEstimates() {
        browser.open(realSite.resolve("index.html"));
        browser.waitFor("document.documentElement.dataset.ready === '1'");
        assertThat(browser.driver
                        .findElement(org.openqa.selenium.By.id("lb-summary"))
                        .getText())
                .isEqualTo(
                        "4 estimated results for gemm fp32 at size M, DEVICE scope, energy domain cpu-package, ranked by"
                                + " GFLOP/J");
        // the committed run has gemm fp32 from our kernels and from OpenBLAS; the local copy adds both again
        assertThat(browser.texts("#lb tbody .badge.local")).containsExactly("local, unchecked", "local, unchecked");
        // vendor normalized from the CPUID id, kind from the run's device record
        assertThat(browser.texts("#lb tbody tr.local td:nth-child(4)")).containsExactly("Intel", "Intel");
        assertThat(browser.texts("#lb tbody tr.local td:nth-child(5)")).containsExactly("CPU", "CPU");
    }

    @Test
    void estimatedChartsSaySoInsideTheChartAndHistoryShowsYears() {
        browser.open(estimatedSite.resolve("history.html"));
        browser.waitForChart("history-chart");
        String chartText = svgText("history-chart");
        assertThat(chartText)
                .contains("ESTIMATED figures (models, not measurements)")
                .contains("systems (estimate, not measured)");
        @SuppressWarnings("unchecked")
        List<String> xLabels = (List<String>) browser.js("return Array.from(document.querySelectorAll("
                + "'#history-chart .role-axis')).filter(function (a) { return (a.getAttribute('aria-label') || '')"
                + ".indexOf('X-axis') === 0; }).flatMap(function (a) { return Array.from(a.querySelectorAll("
                + "'.role-axis-label text')).map(function (t) { return t.textContent; }); })");
        assertThat(xLabels).isNotEmpty().allMatch(t -> t.matches("\\d{4}"));
        browser.open(estimatedSite.resolve("compare.html"));
        browser.waitForChart("cmp-chart");
        assertThat(svgText("cmp-chart")).contains("ESTIMATED figures").contains("(estimate, not measured)");
        browser.open(estimatedSite.resolve("roofline.html"));
        browser.waitForChart("roofline-chart");
        assertThat(svgText("roofline-chart")).contains("energy figures are estimates");
    }

    @Test
    void svgExportCarriesTheCitation() throws Exception {
        for (String page : List.of("history.html", "compare.html", "roofline.html")) {
            browser.open(realSite.resolve(page));
            String chart = browser.driver
                    .findElement(org.openqa.selenium.By.cssSelector("button[data-export=svg]"))
                    .getDomAttribute("data-chart");
            browser.waitForChart(chart);
            browser.js("jb.lastDownload = null");
            browser.driver
                    .findElement(
                            org.openqa.selenium.By.cssSelector("button[data-export=svg][data-chart=" + chart + "]"))
                    .click();
            browser.waitFor("jb.lastDownload && jb.lastDownload.name.endsWith('.svg')");
            String svg = (String) browser.driver.executeAsyncScript(
                    "var done = arguments[0]; jb.lastDownload.blob.text().then(done);");
            var doc = SiteTestData.xmlParser()
                    .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var texts = doc.getDocumentElement().getElementsByTagName("text");
            String last = texts.item(texts.getLength() - 1).getTextContent();
            String citation = (String) browser.js("return jb.data.citation");
            assertThat(citation).startsWith("Source: joulebench leaderboard");
            assertThat(last).as(page).isEqualTo(citation);
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static String svgText(String chart) {
        return (String) browser.js("return document.querySelector('#" + chart + " svg').textContent");
    }

    private static void assertEveryPageClean(Path site) throws Exception {
        browser.consoleAll();
        List<String> pages = new ArrayList<>(
                List.of("index.html", "compare.html", "history.html", "roofline.html", "downloads.html"));
        try (var s = Files.list(site.resolve("systems"))) {
            s.sorted().forEach(p -> pages.add("systems/" + p.getFileName()));
        }
        for (String page : pages) {
            browser.open(site.resolve(page));
            switch (page) {
                case "index.html" -> browser.waitFor("document.documentElement.dataset.ready === '1'");
                case "compare.html" -> browser.waitForChart("cmp-chart");
                case "roofline.html" -> browser.waitForChart("roofline-chart");
                case "history.html" -> {
                    browser.waitForChart("history-chart");
                    browser.waitForChart("reference-chart");
                }
                default -> browser.waitFor("document.readyState === 'complete'");
            }
            // errors, CSP violations, failed loads (SEVERE) and Vega's warnings (e.g. "Infinite extent")
            assertThat(browser.consoleAll()).as(site.getFileName() + "/" + page).isEmpty();
            long viewport = (Long) browser.js("return document.documentElement.clientWidth");
            @SuppressWarnings("unchecked")
            List<Number> chartWidths = (List<Number>) browser.js("return Array.from(document.querySelectorAll("
                    + "'.chart svg')).map(function (e) { return e.getBoundingClientRect().width; })");
            assertThat(chartWidths)
                    .as(page + ": chart widths")
                    .allSatisfy(w -> assertThat(w.doubleValue()).isLessThanOrEqualTo(viewport));
            // tables wrap instead of pushing the page sideways (the window is 1400 px wide)
            assertThat((Long) browser.js("return document.documentElement.scrollWidth"))
                    .as(page + ": page width")
                    .isLessThanOrEqualTo(viewport);
            if (page.endsWith("compare.html") || page.endsWith("history.html")) {
                assertThat(chartWidths).as(page + " draws its chart").isNotEmpty();
            }
        }
    }
}
