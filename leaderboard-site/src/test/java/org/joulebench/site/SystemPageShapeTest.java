package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.joulebench.results.system.ChipKind;
import org.joulebench.results.system.SystemDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission with no measured result publishes no system page (nor row, nor raw file); a system whose
 * names are one 200-character word wraps inside the page in a real browser, never pushing it sideways.
 */
class SystemPageShapeTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptySubmissionHasNoPageAndALongOneWordNameWraps() throws Exception {
        String word = "W".repeat(200);
        SystemDescription longNames =
                Synthetic.system(word, word, "Acme", word, ChipKind.GPU, LocalDate.of(2022, 3, 1));
        SystemDescription empty =
                Synthetic.system("Empty Lab", "Empty box", "Acme", "E1", ChipKind.GPU, LocalDate.of(2022, 3, 1));
        SiteSubmission full = new SiteSubmission(
                longNames,
                List.of(new SiteRun(
                        Synthetic.run("r1", new Random(1), longNames.announced(), ChipKind.GPU, false),
                        null,
                        "r1.json")),
                null,
                "long/long",
                null);
        SiteSubmission none = new SiteSubmission(
                empty,
                List.of(new SiteRun(Synthetic.record("r2", List.of()), null, "r2.json")),
                null,
                "empty/empty",
                null);
        SiteSubmission noRuns = new SiteSubmission(empty, List.of(), null, "empty/none", null);
        Path site = tmp.resolve("site");
        SiteGenerator.generate(new SiteInput(List.of(full, none, noRuns), List.of(), null), site);

        try (var pages = Files.list(site.resolve("systems"))) {
            assertThat(pages.map(p -> p.getFileName().toString())).containsExactly("long-long.html");
        }
        assertThat(site.resolve("raw/empty-empty")).doesNotExist();
        try (var data = Files.walk(site.resolve("data"))) {
            for (Path f : data.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("Empty box");
            }
        }

        try (Browser browser = Browser.start()) {
            browser.open(site.resolve("systems/long-long.html"));
            assertThat(overflow(browser))
                    .as("pixels the system page is wider than the window")
                    .isLessThanOrEqualTo(0);
            assertThat(browser.driver.getPageSource()).contains(word);
            // the pages that list it (tables, and the choosers of compare and roofline) wrap it too
            browser.open(site.resolve("index.html"));
            browser.waitFor("document.documentElement.dataset.ready === '1'");
            assertThat(browser.texts("#lb tbody td:nth-child(2)")).contains(word);
            assertThat(overflow(browser)).as("leaderboard").isLessThanOrEqualTo(0);
            browser.open(site.resolve("compare.html"));
            browser.waitForChart("cmp-chart");
            assertThat(browser.texts("#cmp thead th")).anyMatch(t -> t.contains(word));
            assertThat(overflow(browser)).as("compare").isLessThanOrEqualTo(0);
            browser.open(site.resolve("roofline.html"));
            browser.waitForChart("roofline-chart");
            assertThat(overflow(browser)).as("roofline").isLessThanOrEqualTo(0);
            browser.open(site.resolve("history.html"));
            browser.waitForChart("history-chart");
            assertThat(overflow(browser)).as("history").isLessThanOrEqualTo(0);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /** Pixels the page is wider than the window (the window is 1400 px wide). */
    private static long overflow(Browser browser) {
        return ((Number) browser.js(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                .longValue();
    }
}
