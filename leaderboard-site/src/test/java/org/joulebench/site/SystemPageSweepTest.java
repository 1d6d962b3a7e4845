package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.ChipKind;
import org.joulebench.site.plot.SweepFigureTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submitted sweep on the site, built from real files: its system page shows the sweep in its own entry, marked
 * unranked, and marks each of its points unranked in the results table; the leaderboard ranks none of them.
 */
class SystemPageSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aSubmittedSweepIsShownOnItsSystemPageUnrankedAndRankedNowhere() throws Exception {
        RunRecord golden = Fixtures.goldenRun();
        RunRecord sweep = SweepFigureTest.gemmSweep(true);
        sweep = new RunRecord(
                        sweep.schemaVersion(),
                        "20261125T130000Z-5ee9a1",
                        sweep.profile(),
                        sweep.startedAt(),
                        sweep.endedAt(),
                        sweep.startMonotonicNanos(),
                        sweep.endMonotonicNanos(),
                        sweep.harness(),
                        sweep.environment(),
                        sweep.results(),
                        sweep.warnings(),
                        sweep.calibration())
                .withSweep(sweep.sweep());
        Path subs = tmp.resolve("subs");
        Synthetic.writeSubmission(
                subs,
                "example-lab",
                "xeon-gold-6338-test-box",
                Synthetic.system(
                        "Example Lab",
                        "Xeon Gold 6338 test box",
                        "Intel",
                        "Xeon Gold 6338",
                        ChipKind.CPU,
                        LocalDate.parse("2021-04-06")),
                List.of(golden, sweep));
        SiteInput input = SiteTestData.unchecked(subs, SiteTestData.referenceDir(tmp), List.of());

        // ranked nowhere: the leaderboard's rows are the golden run's only
        SiteModel model = SiteModel.of(input);
        assertThat(model.rows())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.runId()).isEqualTo(golden.runId()));

        Path out = tmp.resolve("site");
        SiteGenerator.generate(input, out);
        Path page;
        try (var s = Files.list(out.resolve("systems"))) {
            page = s.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        }
        String html = Files.readString(page);
        assertThat(html)
                .contains("Size sweep, unranked: gemm fp32 on cpu:cpu0 (run 20261125T130000Z-5ee9a1)")
                .contains("7 points from K=32,M=32,N=32 to K=2048,M=2048,N=2048, geometric, submission profile;"
                        + " ranked nowhere")
                .contains("12 KiB (java): 2 GFLOP/s, ")
                .contains("Caches: L1d 48 KiB, L2 2 MiB, L3 32 MiB.")
                .contains("Figure: ./joulebench figure --sweep ");
        // 14 sweep points in the results table, each marked; the golden run's result is not
        int marked = html.split("not ranked: size sweep", -1).length - 1;
        assertThat(marked).isEqualTo(14);

        // the "Figures for papers" page carries the sweep's figures at both widths, with caption and data
        String papers = Files.readString(out.resolve("papers.html"));
        for (String stem : List.of("sweep-throughput", "sweep-energy")) {
            for (String size : List.of("single", "double")) {
                assertThat(papers).contains("figures/papers/" + stem + "-" + size + ".png");
                assertThat(out.resolve("figures/papers/" + stem + "-" + size + ".png"))
                        .isNotEmptyFile();
                assertThat(out.resolve("figures/papers/" + stem + "-" + size + ".pdf"))
                        .isNotEmptyFile();
            }
            for (String file : List.of(".tex", ".csv", ".caption.txt")) {
                assertThat(out.resolve("figures/papers/" + stem + file)).isNotEmptyFile();
            }
        }
        assertThat(papers)
                .contains("Size sweep: throughput of gemm fp32 against the working set")
                .contains("./joulebench figure --sweep results/submissions/example-lab/xeon-gold-6338-test-box/runs/")
                .doesNotContain("no checked submission holds a sweep");
    }
}
