package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The history's fitted doubling time says which points it used: the site's history page lists each fitted system
 * with its announcement date, and {@code figure}'s CSV says the trend is least squares over its system rows.
 */
class HistoryFitPointsTest {
    @TempDir
    Path tmp;

    @Test
    void theFitNamesThePointsItUsed() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 6, 5);
        SiteInput input = SiteTestData.unchecked(subs, null, List.of());
        Path site = tmp.resolve("site");
        SiteGenerator.generate(input, site);
        SiteModel model = SiteModel.of(input);
        var series = History.series(model.deviceScope(), input.reference());
        History.Series fitted = series.values().stream()
                .filter(s -> s.fit() != null)
                .findFirst()
                .orElseThrow();
        FigureExporter.Figure figure =
                new FigureExporter(input).renderHistory(fitted, tmp.resolve("fig"), "h", "citation", List.of());
        assertThat(Files.readString(figure.csv()))
                .contains("# trend: ordinary least squares on ln(value) over the "
                        + fitted.points().size() + " 'system' rows above");

        try (Browser browser = Browser.start()) {
            browser.open(site.resolve("history.html"));
            browser.waitForChart("history-chart");
            String text = browser.driver.findElement(By.id("h-fit")).getText();
            assertThat(text)
                    .containsPattern("(doubling|halving) every")
                    .contains("; fitted on ")
                    .containsPattern("System \\d+ \\(\\d{4}-\\d{2}-\\d{2}\\)");
        }
    }
}
