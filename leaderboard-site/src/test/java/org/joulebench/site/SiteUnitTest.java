package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteUnitTest {
    @TempDir
    Path tmp;

    @Test
    void trendFitOnTheBitcoinHistoryGivesTheLeastSquaresDoublingTime() throws Exception {
        var ref = ReferenceData.load(SiteTestData.referenceDir(tmp));
        List<double[]> xy = new ArrayList<>();
        for (var a : ref.bitcoinAsics()) {
            xy.add(new double[] {a.year(), 1.0 / a.joulesPerTerahash()});
        }
        TrendFit fit = TrendFit.fit(xy);
        // independent check (numpy-style least squares on ln(TH/J) of the 10 rows of results/reference)
        assertThat(fit.doublingYears()).isCloseTo(0.8875, org.assertj.core.data.Offset.offset(1e-3));
        var history = History.reference(ref, java.util.Map.of());
        TrendFit withoutLow = history.fits().get("Bitcoin mining hardware TH/J (fit without low-confidence rows)");
        assertThat(withoutLow.doublingYears()).isCloseTo(1.153, org.assertj.core.data.Offset.offset(1e-2));
        assertThat(withoutLow.points()).isEqualTo(6);
        // normalised to the first row that is not low confidence (the X6500 FPGA, medium), not to "CPU mining" (low)
        assertThat(history.points().stream()
                        .filter(p -> p.series().startsWith("Bitcoin"))
                        .filter(p -> p.label().startsWith("X6500")))
                .singleElement()
                .extracting(History.RelPoint::relative)
                .isEqualTo(1.0);
        assertThat(fit.doublingYearsStandardError()).isPositive().isFinite();
    }

    @Test
    void rawRunFilesKeepTheNamesTheManifestLists() throws Exception {
        Path subs = Path.of("../results/submissions").toAbsolutePath().normalize();
        SiteInput input = SiteInput.fromCheck(new org.joulebench.results.check.Checker().check(subs), null, List.of());
        assertThat(input.submissions()).isNotEmpty();
        Path site = tmp.resolve("site");
        SiteGenerator.generate(input, site);
        SiteModel model = SiteModel.of(input);
        int listed = 0;
        for (int i = 0; i < input.submissions().size(); i++) {
            var sub = input.submissions().get(i);
            Path folder = subs.resolve(sub.relativePath());
            var manifest =
                    SiteJson.MAPPER.readTree(folder.resolve("manifest.json").toFile());
            for (String path : manifest.get("files").propertyNames()) {
                Path raw =
                        site.resolve("raw").resolve(model.systems().get(i).id()).resolve(path);
                assertThat(raw).as(path).exists().hasSameBinaryContentAs(folder.resolve(path));
                listed++;
            }
        }
        assertThat(listed).isGreaterThan(1);
        String systemPage = Files.readString(
                site.resolve("systems/" + model.systems().getFirst().id() + ".html"));
        assertThat(systemPage).contains("<td>ESTIMATE</td>").doesNotContain("ESTIMATE (estimate)");
        assertThat(Files.readString(site.resolve("index.html")))
                .contains("Energy per operation from joulebench runs")
                .doesNotContain("measured by joulebench");
        assertThat(SiteGenerator.rawRunName("20261125T142011Z-8e63c9.json")).isEqualTo("20261125T142011Z-8e63c9.json");
        assertThat(SiteGenerator.rawRunName("../My Run?.json")).isEqualTo("my-run.json");
    }

    @Test
    void aLocalRunIsOneSystemPerBackendDeviceWithNormalisedVendorAndKind() {
        var cpu = Synthetic.result("gemm", "fp32", "S", 2, "cpu0", "cpu-package", "B", false, 64);
        var gpu = on(
                Synthetic.result("gemm", "fp32", "S", 40, "gpu0", "gpu-board", "B", false, 64),
                "cuda",
                "gpu0",
                "NVIDIA H100 80GB HBM3");
        var base = Synthetic.record("Local-1", List.of(cpu, gpu));
        var env = base.environment();
        var devices = List.of(
                new org.joulebench.results.run.BackendInfo(
                        "cpu",
                        "cpu",
                        true,
                        null,
                        List.of(new org.joulebench.results.run.DeviceRecord(
                                "cpu0", "Test device", "CPU", "java", java.util.Map.of()))),
                new org.joulebench.results.run.BackendInfo(
                        "cuda",
                        "cuda",
                        true,
                        null,
                        List.of(new org.joulebench.results.run.DeviceRecord(
                                "gpu0", "NVIDIA H100 80GB HBM3", "GPU", "cuda 12", java.util.Map.of()))));
        var withDevices = new org.joulebench.results.run.EnvironmentInfo(
                env.hostname(),
                env.cpuModel(),
                "GenuineIntel",
                env.logicalCores(),
                env.memoryBytes(),
                env.osName(),
                env.osVersion(),
                env.arch(),
                env.jvmVendor(),
                env.jvmVersion(),
                env.jvmName(),
                env.jvmFlags(),
                devices);
        var run = new org.joulebench.results.run.RunRecord(
                1,
                "Local-1",
                "quick",
                base.startedAt(),
                base.endedAt(),
                1,
                2,
                base.harness(),
                withDevices,
                base.results(),
                List.of());
        SiteModel model = SiteModel.of(new SiteInput(List.of(), List.of(new SiteRun(run, null, "Local-1.json")), null));
        assertThat(model.systems())
                .extracting(SystemEntry::vendor, SystemEntry::kind, SystemEntry::model)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Intel", "CPU", "Test device"),
                        org.assertj.core.groups.Tuple.tuple("NVIDIA", "GPU", "NVIDIA H100 80GB HBM3"));
        assertThat(model.rows())
                .extracting(ResultRow::system, ResultRow::device)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "cpu0"), org.assertj.core.groups.Tuple.tuple(1, "gpu0"));
        assertThat(SiteModel.vendor("AMD EPYC", "AuthenticAMD")).isEqualTo("AMD");
        assertThat(SiteModel.vendor("Some NPU", null)).isNull();
        Path site = tmp.resolve("local-site");
        SiteGenerator.generate(new SiteInput(List.of(), List.of(new SiteRun(run, null, "Local-1.json")), null), site);
        assertThat(site.resolve("systems/" + model.systems().get(1).id() + ".html"))
                .content()
                .contains("NVIDIA H100 80GB HBM3")
                .contains("<td class=\"sec\">no datasheet declared</td>")
                .doesNotContain("cpu-package");
    }

    private static org.joulebench.results.run.BenchmarkResult on(
            org.joulebench.results.run.BenchmarkResult b, String backend, String device, String deviceName) {
        return new org.joulebench.results.run.BenchmarkResult(
                b.kernel(),
                b.size(),
                b.shapeLabel(),
                b.dims(),
                b.dtype(),
                backend,
                device,
                deviceName,
                b.status(),
                b.failure(),
                b.work(),
                b.jmh(),
                b.score(),
                b.throughput(),
                b.verification(),
                b.energy(),
                b.energyUnavailableReason());
    }

    @Test
    void trendFitRecoversAnExactExponential() {
        List<double[]> xy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            xy.add(new double[] {2010 + i, 3 * Math.pow(2, i / 1.5)});
        }
        TrendFit fit = TrendFit.fit(xy);
        assertThat(fit.doublingYears()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.doublingYearsStandardError()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.rSquared()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrendFit.fit(List.of(new double[] {1, 1}))).isNull();
    }

    @Test
    void scriptSafeJsonEscapesEverythingThatCouldEndAScriptOrALine() {
        String json = SiteJson.scriptSafe(List.of("</script><!-- & \u2028\u2029 >"));
        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        assertThat(SiteJson.MAPPER.readValue(json, List.class)).containsExactly("</script><!-- & \u2028\u2029 >");
    }

    @Test
    void csvQuotesAndDefusesFormulas() {
        assertThat(Csv.line(List.of("a,b", "say \"hi\"", "=cmd()", 1.5)))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",'=cmd(),1.5\n");
    }

    @Test
    void loadReadsTheSubmissionLayoutAndHashesTheManifest() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 3, 1);
        SiteInput input = SiteTestData.unchecked(subs, null, List.of());
        assertThat(input.submissions()).hasSize(3);
        SiteSubmission s = input.submissions().getFirst();
        assertThat(s.relativePath()).isEqualTo("submitter-0/system-0");
        assertThat(s.manifestSha256())
                .isEqualTo(org.joulebench.results.Names.sha256Hex(
                        Files.readAllBytes(subs.resolve("submitter-0/system-0/manifest.json"))));
        assertThat(s.runs()).hasSize(1);
    }

    @Test
    void siteKeepsMeasuredAndEstimatedApartAndCopiesRawFiles() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 11, 2);
        Path out = tmp.resolve("site");
        Path index = SiteGenerator.generate(
                SiteTestData.unchecked(subs, SiteTestData.referenceDir(tmp.resolve("ref")), List.of()), out);
        assertThat(index).exists();
        assertThat(out.resolve("raw/submitter-0-system-0/runs/run0.json"))
                .hasSameTextualContentAs(subs.resolve("submitter-0/system-0/runs/run0.json"));
        assertThat(out.resolve("raw/submitter-0-system-0/manifest.json")).exists();
        String page = Files.readString(out.resolve("systems/submitter-0-system-0.html"));
        assertThat(page).contains("Content-Security-Policy").contains("../raw/submitter-0-system-0/runs/run0.json");
        assertThat(Files.readString(out.resolve("downloads/results.csv"))).startsWith("system_id,submitter,");
        for (String html : List.of("index.html", "history.html", "compare.html", "roofline.html", "downloads.html")) {
            String text = Files.readString(out.resolve(html));
            assertThat(text)
                    .as(html)
                    .contains("script-src 'self'")
                    .doesNotContain("<script>")
                    .doesNotContain("onclick");
        }
        var series = History.series(
                SiteModel.of(SiteTestData.unchecked(subs, null, List.of())),
                new ReferenceData(List.of(), List.of(), List.of()));
        assertThat(series.keySet()).contains("gemm|fp32|measured", "gemm|fp32|estimated");
        for (History.Series s : series.values()) {
            for (History.Point p : s.points()) {
                assertThat(p.tier().equals("ESTIMATE")).isEqualTo(s.tierClass().equals("estimated"));
            }
        }
    }

    @Test
    void figureExporterWritesSvgPdfCsvAndCitation() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 8, 4);
        SiteInput input = SiteTestData.unchecked(subs, SiteTestData.referenceDir(tmp.resolve("ref")), List.of());
        var fig = FigureExporter.export(input, FigureRequest.of("gemm", "fp16", Metric.EFFICIENCY), tmp.resolve("fig"));
        var svg = SiteTestData.xmlParser().parse(new ByteArrayInputStream(Files.readAllBytes(fig.svg())));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        SiteTestData.assertPdf(fig.pdf());
        assertThat(Files.readString(fig.csv()))
                .startsWith("# Source: joulebench")
                .contains("0.1.0-test");
        assertThat(Files.readString(fig.citationFile())).isEqualTo(fig.citation() + "\n");
        assertThat(fig.points()).isEqualTo(7); // system-0 is an estimate: not in the measured figure
        assertThat(fig.fit().doublingYears()).isBetween(1.0, 4.0);
        assertThatThrownBy(
                        () -> FigureExporter.export(input, FigureRequest.of("conv2d", "fp32", Metric.EFFICIENCY), tmp))
                .hasMessageContaining("conv2d");
    }
}
