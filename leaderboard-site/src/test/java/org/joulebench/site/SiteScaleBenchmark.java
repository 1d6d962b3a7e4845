package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.system.ChipKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site at scale: builds it from the committed submissions, from 10,000 synthetic submissions and from 100,000
 * results (20 submissions of 5 runs of 1,000 results, under the record and submission size limits), times the build and the leaderboard's time to
 * usable in headless Chromium, and prints the bytes each page type loads (every file the page holds: HTML, CSS,
 * scripts, data) beside what the single data file of every page ({@code site-data.js}, before data per view) would
 * have been. Not in the default run; run it with:
 *
 * <pre>./mvnw -o -pl leaderboard-site test -Dsite.excludedGroups=none -Dgroups=benchmark \
 *     -Dtest=SiteScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class SiteScaleBenchmark {
    static final int SUBMISSIONS = Integer.getInteger("site.benchmark.submissions", 10_000);
    static final int RESULTS = Integer.getInteger("site.benchmark.results", 100_000);
    /** Results per run record (a record is at most 16 MiB) and runs per submission (at most 64 MiB). */
    static final int RESULTS_PER_RECORD = 1_000, RUNS_PER_SUBMISSION = 5;

    @TempDir
    Path tmp;

    @Test
    void bytesEachPageLoadsAndTimeToUsable() throws Exception {
        Path ref = SiteTestData.referenceDir(null);
        var report = new org.joulebench.results.check.Checker().check(SiteRealDataBrowserTest.COMMITTED);
        measure("committed tree", SiteInput.fromCheck(report, ref, List.of()));

        Path subs = tmp.resolve("submissions");
        Synthetic.write(subs, SUBMISSIONS, 11);
        measure(SUBMISSIONS + " synthetic submissions", SiteTestData.unchecked(subs, ref, List.of()));

        Path many = tmp.resolve("results");
        writeManyResults(many, RESULTS);
        measure(
                RESULTS + " synthetic results in " + (RESULTS / RESULTS_PER_RECORD) + " runs",
                SiteTestData.unchecked(many, ref, List.of()));
    }

    private void measure(String what, SiteInput input) throws Exception {
        Path site = Files.createTempDirectory(tmp, "site");
        long t0 = System.nanoTime();
        SiteGenerator.generate(input, site);
        long t1 = System.nanoTime();
        SiteModel model = SiteModel.of(input);
        long oldData = oneDataSetForEveryPage(model).length();
        System.out.printf(
                "SCALE %s: %d systems, %d rows; generate %.2f s; the one data set of every page before (site-data.js)"
                        + " would be %.2f MB%n",
                what, model.systems().size(), model.rows().size(), (t1 - t0) / 1e9, oldData / 1e6);
        String first = model.systems().getFirst().id();
        String second = model.systems().size() > 1 ? model.systems().get(1).id() : first;
        try (Browser browser = Browser.start()) {
            page(browser, site, "index.html", null, "document.documentElement.dataset.ready === '1'", oldData);
            page(browser, site, "compare.html", first + "," + second, chart("cmp-chart"), oldData);
            page(browser, site, "roofline.html", first, chart("roofline-chart"), oldData);
            page(
                    browser,
                    site,
                    "history.html",
                    null,
                    chart("history-chart"),
                    oldData + Files.size(site.resolve(ViewData.HISTORY)));
            page(browser, site, "systems/" + first + ".html", null, "document.readyState === 'complete'", 0);
            for (int i = 0; i < 3; i++) {
                long w0 = System.nanoTime();
                browser.open(site.resolve("index.html"));
                browser.waitFor("document.documentElement.dataset.ready === '1'");
                long w1 = System.nanoTime();
                Object ready = browser.js("return window.jbReadyMs");
                System.out.printf(
                        "SCALE %s: leaderboard time-to-usable (performance.now at first table render) %.0f ms;"
                                + " driver.get to ready %.0f ms%n",
                        what, ((Number) ready).doubleValue(), (w1 - w0) / 1e6);
            }
            assertThat(browser.texts("#lb tbody tr")).isNotEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static String chart(String id) {
        return "document.getElementById('" + id + "').dataset.rendered === '1'";
    }

    private static void page(Browser browser, Path site, String page, String fragment, String ready, long before) {
        browser.driver.get("about:blank");
        if (fragment == null) {
            browser.open(site.resolve(page));
        } else {
            browser.open(site.resolve(page), fragment);
        }
        browser.waitFor(ready);
        List<String> files = PageLoads.fetched(browser, site);
        List<String> data = files.stream().filter(f -> f.startsWith("data/")).toList();
        long all = PageLoads.bytes(site, files), dataBytes = PageLoads.bytes(site, data);
        System.out.printf(
                "SCALE   %-28s loads %8.3f MB in %2d files, of which data %8.3f MB (%s); data before: %8.3f MB%n",
                page.startsWith("systems/") ? "a system page" : page,
                all / 1e6,
                files.size(),
                dataBytes / 1e6,
                String.join(" ", data),
                before / 1e6);
    }

    /** The data file every page loaded before data per view: all systems and all rows. */
    static String oneDataSetForEveryPage(SiteModel model) {
        List<List<Object>> rows = new ArrayList<>(model.rows().size());
        for (ResultRow r : model.rows()) {
            List<Object> row = new ArrayList<>(SiteGenerator.ROW_COLUMNS.size());
            row.add(r.system());
            row.addAll(r.columnValues());
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("citation", "");
        data.put("version", SiteGenerator.version());
        data.put("columns", SiteGenerator.ROW_COLUMNS);
        data.put("systems", model.systems());
        data.put("rows", rows);
        return "window.JB = " + SiteJson.scriptSafe(data) + ";\n";
    }

    /** {@code total} results in submissions of {@link #RESULTS_PER_RECORD}, spread over 14 kernel/dtype boards. */
    static void writeManyResults(Path root, int total) {
        String[][] boards = {
            {"gemm", "fp32"},
            {"gemm", "fp16"},
            {"gemm", "bf16"},
            {"gemm", "int8"},
            {"gemv", "fp32"},
            {"conv2d", "fp32"},
            {"attention", "fp32"},
            {"softmax", "fp32"},
            {"layernorm", "fp32"},
            {"rmsnorm", "fp32"},
            {"gelu", "fp32"},
            {"silu", "fp32"},
            {"stream-triad", "fp32"},
            {"qgemv", "int4"}
        };
        String[] sizes = {"S", "M", "L"};
        Random rnd = new Random(17);
        int runs = (total + RESULTS_PER_RECORD - 1) / RESULTS_PER_RECORD;
        for (int s = 0; s * RUNS_PER_SUBMISSION < runs; s++) {
            List<org.joulebench.results.record.RunRecord> records = new ArrayList<>();
            for (int r = s * RUNS_PER_SUBMISSION; r < Math.min(runs, (s + 1) * RUNS_PER_SUBMISSION); r++) {
                List<BenchmarkResult> results = new ArrayList<>();
                for (int i = 0; i < RESULTS_PER_RECORD && r * RESULTS_PER_RECORD + i < total; i++) {
                    String[] b = boards[i % boards.length];
                    boolean memory = !b[0].equals("gemm") && !b[0].equals("conv2d") && !b[0].equals("attention");
                    results.add(Synthetic.result(
                            b[0],
                            b[1],
                            sizes[(i / boards.length) % sizes.length],
                            (1 + rnd.nextDouble()) * (memory ? 0.5 : 5),
                            "cpu0",
                            "cpu-package",
                            new String[] {"A", "B", "C", "ESTIMATE"}[i % 4],
                            memory,
                            256));
                }
                records.add(Synthetic.record("many" + r, results));
            }
            LocalDate announced = LocalDate.of(2016 + s % 10, 1 + s % 12, 1);
            Synthetic.writeSubmission(
                    root,
                    "big-" + s,
                    "box-" + s,
                    Synthetic.system("Big " + s, "Box " + s, "AMD", "Chip " + s, ChipKind.CPU, announced),
                    records);
        }
    }
}
