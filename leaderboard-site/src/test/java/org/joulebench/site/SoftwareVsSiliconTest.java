package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.PairedRatio;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system page's software-vs-silicon table on the committed submissions: the Zen 4 run (schema 3) timed ours and
 * OpenBLAS in alternating forks, so its rows show the record's paired ratio and interval, said to be paired; the
 * Emerald Rapids run (schema 2) has no paired ratios, so its rows divide the two independent scores, marked unpaired.
 */
class SoftwareVsSiliconTest {
    @TempDir
    Path tmp;

    @Test
    void pairedRatiosWhereTheRecordHasThemAndMarkedUnpairedScoresWhereNot() throws Exception {
        var report = new org.joulebench.results.check.Checker().check(SiteRealDataBrowserTest.COMMITTED);
        SiteInput input = SiteInput.fromCheck(report, SiteTestData.referenceDir(null), List.of());
        Path site = tmp.resolve("site");
        SiteGenerator.generate(input, site);

        RunRecord zen4 = run(input, "zen-4");
        BenchmarkResult oursGemm = result(zen4, "gemm", "S", "java");
        PairedRatio paired = oursGemm.pairedRatios().stream()
                .filter(p -> p.versusImplementation().equals("openblas"))
                .findFirst()
                .orElseThrow();
        RunRecord emerald = run(input, "emerald-rapids");
        BenchmarkResult oldOurs = result(emerald, "gemm", "M", "java");
        BenchmarkResult oldVendor = result(emerald, "gemm", "M", "openblas");
        assertThat(oldOurs.pairedRatios()).isEmpty();

        try (Browser browser = Browser.start()) {
            browser.open(systemPage(site, "zen-4"));
            List<String> rows = browser.texts("#sys-versus tbody tr");
            assertThat(rows)
                    .contains(String.join(
                            " ",
                            "gemm fp32 S cpu cpu0",
                            "java " + Fmt.num(oursGemm.throughput().value()) + " GFLOP/s",
                            "openblas "
                                    + Fmt.num(result(zen4, "gemm", "S", "openblas")
                                            .throughput()
                                            .value()) + " GFLOP/s",
                            Fmt.num(paired.ratio()),
                            Fmt.num(paired.low()) + " – " + Fmt.num(paired.high()),
                            "paired, " + paired.pairs() + " fork pairs",
                            zen4.runId()));
            // the vendor library's own paired ratio against ours, turned round, for gemv
            PairedRatio gemv = result(zen4, "gemv", "S", "openblas").pairedRatios().stream()
                    .filter(p -> p.versusImplementation().equals("java"))
                    .findFirst()
                    .orElseThrow();
            assertThat(rows)
                    .anyMatch(r -> r.startsWith("gemv fp32 S cpu cpu0 java ")
                            && r.contains(" " + Fmt.num(1 / gemv.ratio()) + " ")
                            && r.contains(" paired, "));
            // our pre-packed gemm is ours too: compared with OpenBLAS by its own paired ratio
            assertThat(rows).anyMatch(r -> r.startsWith("gemm fp32 S cpu cpu0 java-prepacked "));
            assertThat(rows).allMatch(r -> r.contains(" paired, "));
            assertThat(browser.js(
                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);

            browser.open(systemPage(site, "emerald-rapids"));
            List<String> old = browser.texts("#sys-versus tbody tr");
            assertThat(old)
                    .isNotEmpty()
                    .allMatch(r -> r.contains(" unpaired: independent scores "))
                    .anyMatch(r -> r.startsWith("gemm fp32 M cpu cpu0 java ")
                            && r.contains(" "
                                    + Fmt.num(oldOurs.throughput().value()
                                            / oldVendor.throughput().value())
                                    + " – unpaired"));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static RunRecord run(SiteInput input, String systemSlugPart) {
        return input.submissions().stream()
                .filter(s -> s.relativePath().contains(systemSlugPart))
                .findFirst()
                .orElseThrow()
                .runs()
                .getFirst()
                .record();
    }

    private static BenchmarkResult result(RunRecord r, String kernel, String size, String implementation) {
        return r.results().stream()
                .filter(b -> b.kernel().equals(kernel)
                        && b.dtype().equals("fp32")
                        && size.equals(b.size())
                        && b.implementation().id().equals(implementation))
                .findFirst()
                .orElseThrow();
    }

    private static Path systemPage(Path site, String slugPart) throws Exception {
        try (var s = Files.list(site.resolve("systems"))) {
            return s.filter(p -> p.getFileName().toString().contains(slugPart))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
