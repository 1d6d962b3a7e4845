package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.Checker;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only results whose raw windows meet the submission profile are ranked, judged from the windows and never from the
 * {@code profile} label: the committed submission (2 forks x 8 windows of 2 s, cooled down) is ranked; the same
 * record with the windows a quick run takes (one fork, 150 ms), still labelled "submission", is shown on its system
 * page, marked, and in no ranking, comparison, history or roofline.
 */
class RankingProfileTest {
    @TempDir
    Path tmp;

    @Test
    void onlyResultsWhoseRawWindowsMeetTheSubmissionProfileAreRanked() throws Exception {
        var report = new Checker().check(SiteRealDataBrowserTest.COMMITTED);
        AcceptedSubmission committed = report.accepted().getFirst();
        RunRecord real = committed.runs().getFirst().record();
        RunRecord quick = quickWindows(real);
        SystemDescription d = committed.system();
        SystemDescription other = new SystemDescription(
                "Quick Lab",
                "Quick box",
                d.chipVendor(),
                d.chipModel(),
                d.chipKind(),
                d.announced(),
                d.processNode(),
                d.tdpWatts(),
                d.memory(),
                d.host(),
                d.cooling(),
                d.datasheetPeaks());
        SiteInput input = SiteInput.fromCheck(report, null, List.of());
        List<SiteSubmission> subs = new ArrayList<>(input.submissions());
        int quickSystem = subs.size(); // the committed submissions come first
        subs.add(new SiteSubmission(
                other, List.of(new SiteRun(quick, null, quick.runId() + ".json")), null, "quick-lab/quick-box", null));
        SiteInput both = new SiteInput(subs, List.of(), null);
        SiteModel model = SiteModel.of(both);

        assertThat(model.rows())
                .filteredOn(r -> r.system() < quickSystem)
                .allMatch(ResultRow::ranked)
                .isNotEmpty();
        assertThat(model.rows())
                .filteredOn(r -> r.system() == quickSystem)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.unranked())
                        .isEqualTo("1 fork(s) in its raw windows; the submission profile runs 2"));
        assertThat(model.deviceScope().rows()).allMatch(r -> r.system() < quickSystem);

        Path site = tmp.resolve("site");
        SiteGenerator.generate(both, site);
        String page = Files.readString(site.resolve("systems/quick-lab-quick-box.html"));
        assertThat(page).contains("not ranked: 1 fork(s) in its raw windows");
        try (Browser browser = Browser.start()) {
            browser.open(site.resolve("index.html"));
            browser.waitFor("document.documentElement.dataset.ready === '1'");
            assertThat(browser.texts("#lb tbody td:nth-child(2)")).isNotEmpty().noneMatch(t -> t.contains("Quick box"));
            assertThat((Number) browser.js("return window.jb.rows.length")).isNotEqualTo(0L);
            assertThat((Number) browser.js("return window.jb.rows.filter(function (r) { return r.sys.id === '"
                            + model.systems().get(quickSystem).id() + "'; })" + ".length;"))
                    .isEqualTo(0L);
        }
    }

    /** The record with the windows a quick run takes: one fork, 150 ms each (figures left as they are). */
    static RunRecord quickWindows(RunRecord r) {
        List<BenchmarkResult> results = new ArrayList<>();
        for (BenchmarkResult b : r.results()) {
            if (b.energy() == null) {
                results.add(b);
                continue;
            }
            List<DomainEnergy> domains = new ArrayList<>();
            for (DomainEnergy e : b.energy().domains()) {
                List<RawWindow> ws = new ArrayList<>();
                for (RawWindow w : e.raw().windows()) {
                    ws.add(new RawWindow(
                            1,
                            w.iteration(),
                            w.invocations(),
                            w.startNanos(),
                            w.startNanos() + 150_000_000L,
                            w.startJoules(),
                            w.endJoules(),
                            w.samples(),
                            w.error(),
                            w.conditionsAtStart(),
                            w.conditionsAtEnd()));
                }
                RawReadings raw = new RawReadings(
                        e.raw().kind(), e.raw().minimumWindowMillis(), e.raw().idle(), ws);
                domains.add(new DomainEnergy(
                        e.domain(),
                        e.sensor(),
                        e.method(),
                        e.tier(),
                        e.estimated(),
                        e.joules(),
                        e.joulesPerOp(),
                        e.joulesPerOpError(),
                        e.joulesPerOpPerIteration(),
                        e.picojoulesPerUnit(),
                        e.unitsPerJoule(),
                        e.averagePowerWatts(),
                        e.idlePowerWatts(),
                        e.dynamicJoulesPerOp(),
                        e.details(),
                        e.scope(),
                        e.scopeDevice(),
                        e.summedInstances(),
                        raw));
            }
            results.add(b.toBuilder()
                    .energy(
                            new EnergyResult(
                                    b.energy().selection(), domains, b.energy().warnings()),
                            b.energyUnavailableReason())
                    .build());
        }
        return new RunRecord(
                r.schemaVersion(),
                r.runId() + "-quick",
                r.profile(),
                r.startedAt(),
                r.endedAt(),
                r.startMonotonicNanos(),
                r.endMonotonicNanos(),
                r.harness(),
                r.environment(),
                results,
                r.warnings(),
                r.calibration(),
                r.unfinished());
    }
}
