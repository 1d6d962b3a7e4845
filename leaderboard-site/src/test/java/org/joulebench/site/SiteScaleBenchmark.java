package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the site from 10,000 synthetic submissions and times it, then the leaderboard's time to usable in
 * headless Chromium. Not in the default run; run it with:
 *
 * <pre>./mvnw -o -pl leaderboard-site test -Dsite.excludedGroups=none -Dgroups=benchmark \
 *     -Dtest=SiteScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class SiteScaleBenchmark {
    static final int SUBMISSIONS = Integer.getInteger("site.benchmark.submissions", 10_000);

    @TempDir
    Path tmp;

    @Test
    void buildAndOpenTenThousandSubmissions() throws Exception {
        Path subs = tmp.resolve("submissions");
        Synthetic.write(subs, SUBMISSIONS, 11);
        Path ref = SiteTestData.referenceDir(tmp.resolve("reference"));
        long t0 = System.nanoTime();
        SiteInput input = SiteTestData.unchecked(subs, ref, List.of());
        long t1 = System.nanoTime();
        Path index = SiteGenerator.generate(input, tmp.resolve("site"));
        long t2 = System.nanoTime();
        long dataBytes = Files.size(tmp.resolve("site/data/site-data.js"));
        System.out.printf(
                "SCALE %d submissions: load %.2f s, generate %.2f s, build total %.2f s; site-data.js %.1f MB%n",
                SUBMISSIONS, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, dataBytes / 1e6);
        try (Browser browser = Browser.start()) {
            for (int i = 0; i < 3; i++) {
                long w0 = System.nanoTime();
                browser.open(index);
                browser.waitFor("document.documentElement.dataset.ready === '1'");
                long w1 = System.nanoTime();
                Object ready = browser.js("return window.jbReadyMs");
                System.out.printf(
                        "SCALE leaderboard time-to-usable (performance.now at first table render): %.0f ms;"
                                + " driver.get to ready: %.0f ms%n",
                        ((Number) ready).doubleValue(), (w1 - w0) / 1e6);
            }
            assertThat(browser.texts("#lb tbody tr")).hasSize(100);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
