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
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Site data per view: each page loads its own view's data file, and a board or a system only when the page chooses
 * it; never one data set for every page. On the site built from the committed submissions (through {@code check})
 * and on a synthetic one with several kernels, dtypes and systems.
 */
class SiteViewDataTest {
    @TempDir
    static Path tmp;

    static Path realSite;
    static Path synthSite;
    static Browser browser;

    @BeforeAll
    static void build() throws Exception {
        Path ref = SiteTestData.referenceDir(null);
        var report = new org.joulebench.results.check.Checker().check(SiteRealDataBrowserTest.COMMITTED);
        assertThat(report.accepted()).isNotEmpty();
        realSite = tmp.resolve("real");
        SiteGenerator.generate(SiteInput.fromCheck(report, ref, List.of()), realSite);

        Path subs = tmp.resolve("submissions");
        Synthetic.write(subs, 9, 5);
        Path local = tmp.resolve("local-run.json");
        RunRecord localRun = Synthetic.run("localrun", new Random(5), LocalDate.of(2025, 1, 1), ChipKind.CPU, false);
        org.joulebench.results.json.Json.writeRunRecord(local, localRun);
        synthSite = tmp.resolve("synthetic");
        SiteGenerator.generate(SiteTestData.unchecked(subs, ref, List.of(local)), synthSite);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Browser browser() {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    /** The page's own summary, in the HTML; no page names another view's data, nor one file of everything. */
    @Test
    void everyPageNamesOnlyItsOwnViewsDataFile() throws Exception {
        for (Path site : List.of(realSite, synthSite)) {
            assertThat(site.resolve("data/site-data.js")).doesNotExist();
            assertThat(PageLoads.dataScripts(site, site.resolve("index.html"))).containsExactly(ViewData.LEADERBOARD);
            assertThat(PageLoads.dataScripts(site, site.resolve("compare.html")))
                    .containsExactly(ViewData.SYSTEMS);
            assertThat(PageLoads.dataScripts(site, site.resolve("roofline.html")))
                    .containsExactly(ViewData.SYSTEMS);
            assertThat(PageLoads.dataScripts(site, site.resolve("history.html")))
                    .containsExactly(ViewData.HISTORY);
            List<Path> noData = new ArrayList<>(List.of(site.resolve("papers.html"), site.resolve("downloads.html")));
            try (var s = Files.list(site.resolve("systems"))) {
                noData.addAll(s.toList());
            }
            assertThat(noData).hasSizeGreaterThan(2);
            for (Path page : noData) {
                assertThat(PageLoads.dataScripts(site, page))
                        .as(page.toString())
                        .isEmpty();
            }
        }
    }

    /** A board's file holds that kernel and dtype only, a system's file that system only; the summaries list them. */
    @Test
    void eachPartHoldsItsOwnRowsOnly() throws Exception {
        for (Path site : List.of(realSite, synthSite)) {
            JsonNode summary = summary(site.resolve(ViewData.LEADERBOARD));
            assertThat(summary.path("boards").size()).isGreaterThan(1);
            int boardRows = 0;
            for (JsonNode b : summary.path("boards")) {
                JsonNode part = part(site, b.path("file").asString());
                int kernel = column(part, "kernel"), dtype = column(part, "dtype");
                assertThat(part.path("rows").size())
                        .isEqualTo(b.path("rows").asInt())
                        .isPositive();
                for (JsonNode row : part.path("rows")) {
                    assertThat(row.get(kernel).asString())
                            .isEqualTo(b.path("kernel").asString());
                    assertThat(row.get(dtype).asString())
                            .isEqualTo(b.path("dtype").asString());
                }
                boardRows += part.path("rows").size();
            }
            JsonNode systems = summary(site.resolve(ViewData.SYSTEMS));
            int systemRows = 0;
            for (JsonNode s : systems.path("systems")) {
                JsonNode part = part(site, s.path("file").asString());
                assertThat(part.path("systems").size()).isEqualTo(1);
                assertThat(part.path("systems").get(0).path("id").asString())
                        .isEqualTo(s.path("id").asString());
                systemRows += part.path("rows").size();
            }
            // every ranked row is on exactly one board and in exactly one system's file
            assertThat(systemRows).isEqualTo(boardRows);
        }
    }

    @Test
    void everyPageTypeRendersFromItsOwnDataInTheBrowser() {
        Browser b = browser();
        b.consoleErrors();
        Path site = synthSite;
        // leaderboard: its summary and the opening board only
        b.open(site.resolve("index.html"));
        b.waitFor("document.documentElement.dataset.ready === '1'");
        assertThat(b.texts("#lb tbody tr")).isNotEmpty();
        String opening = ViewData.boardFile("gemm", "fp32");
        assertThat(PageLoads.fetchedData(b, site)).containsExactly(ViewData.LEADERBOARD, opening);
        // another kernel: its board is loaded then, and the table shows it
        new Select(b.driver.findElement(By.id("f-kernel"))).selectByValue("stream-triad");
        b.waitFor("document.documentElement.dataset.ready === '1'");
        assertThat(b.driver.findElement(By.id("lb-summary")).getText()).contains("for stream-triad fp32");
        assertThat(b.texts("#lb tbody tr")).isNotEmpty();
        assertThat(PageLoads.fetchedData(b, site))
                .containsExactly(ViewData.LEADERBOARD, opening, ViewData.boardFile("stream-triad", "fp32"));

        // compare: the list of systems and the two chosen systems' files
        b.open(site.resolve("compare.html"), "submitter-4-system-4,submitter-5-system-5");
        b.waitForChart("cmp-chart");
        assertThat(b.texts("#cmp tbody tr")).isNotEmpty();
        assertThat(b.texts("#cmp tbody td:nth-child(4)")).anyMatch(t -> t.endsWith("×"));
        assertThat(PageLoads.fetchedData(b, site))
                .containsExactly(
                        ViewData.SYSTEMS,
                        "data/systems/submitter-4-system-4.js",
                        "data/systems/submitter-5-system-5.js");

        // roofline: the list of systems and the one drawn
        b.driver.get("about:blank");
        b.open(site.resolve("roofline.html"), "submitter-0-system-0");
        b.waitForChart("roofline-chart");
        assertThat(b.js("return document.querySelectorAll('#roofline-chart g.results_marks path').length"))
                .isNotEqualTo(0L);
        assertThat(PageLoads.fetchedData(b, site))
                .containsExactly(ViewData.SYSTEMS, "data/systems/submitter-0-system-0.js");

        // history: its own file, points named from it
        b.open(site.resolve("history.html"));
        b.waitForChart("history-chart");
        assertThat((Long) b.js("return document.querySelectorAll('#history-chart g.points_marks path').length"))
                .isGreaterThan(3);
        assertThat(b.driver.findElement(By.id("h-fit")).getText()).contains("fitted on System ");
        assertThat(PageLoads.fetchedData(b, site)).containsExactly(ViewData.HISTORY);

        // a system page: its table is in the HTML, no data file
        b.open(site.resolve("systems/submitter-1-system-1.html"));
        assertThat(b.texts("#sys-results tbody tr")).isNotEmpty();
        assertThat(PageLoads.fetchedData(b, site)).isEmpty();
        assertThat(b.consoleErrors()).isEmpty();
    }

    private static JsonNode summary(Path file) throws Exception {
        String js = Files.readString(file);
        String prefix = "window.JB = ";
        assertThat(js).startsWith(prefix);
        return SiteJson.MAPPER.readTree(js.substring(prefix.length(), js.indexOf(";\n")));
    }

    private static JsonNode part(Path site, String file) throws Exception {
        String js = Files.readString(site.resolve(file));
        assertThat(js).startsWith("(window.JB_PARTS = window.JB_PARTS || {})[\"" + file + "\"] = ");
        return SiteJson.MAPPER.readTree(js.substring(js.indexOf("] = ") + 4, js.lastIndexOf(';')));
    }

    private static int column(JsonNode part, String name) {
        JsonNode cols = part.path("columns");
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).asString().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
