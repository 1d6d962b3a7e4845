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
        // independent check (numpy.polyfit on ln(TH/J) of the 11 rows of results/reference: 0.94009)
        assertThat(fit.doublingYears()).isCloseTo(0.9401, org.assertj.core.data.Offset.offset(1e-3));
        var history = History.reference(ref, java.util.Map.of());
        TrendFit withoutLow = history.fits().get("Bitcoin mining hardware TH/J (fit without low-confidence rows)");
        // numpy.polyfit on the 7 rows that are not low confidence: 1.2296
        assertThat(withoutLow.doublingYears()).isCloseTo(1.2296, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(withoutLow.points()).isEqualTo(7);
        // normalized to the first row that is not low confidence (the X6500 FPGA, medium), not to "CPU mining" (low)
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
        assertThat(SystemPageWriter.rawRunName("20261125T142011Z-8e63c9.json"))
                .isEqualTo("20261125T142011Z-8e63c9.json");
        assertThat(SystemPageWriter.rawRunName("../My Run?.json")).isEqualTo("my-run.json");
    }

    @Test
    void aLocalRunIsOneSystemPerBackendDeviceWithNormalizedVendorAndKind() {
        var cpu = Synthetic.result("gemm", "fp32", "S", 2, "cpu0", "cpu-package", "B", false, 64);
        var gpu = on(
                Synthetic.result("gemm", "fp32", "S", 40, "gpu0", "gpu-board", "B", false, 64),
                "cuda",
                "gpu0",
                "NVIDIA H100 80GB HBM3");
        var base = Synthetic.record("Local-1", List.of(cpu, gpu));
        var env = base.environment();
        var devices = List.of(
                new org.joulebench.results.record.BackendInfo(
                        "cpu",
                        "cpu",
                        true,
                        null,
                        List.of(new org.joulebench.results.record.DeviceRecord(
                                "cpu0", "Test device", "CPU", "cpu-socket:0", "java", java.util.Map.of(), List.of()))),
                new org.joulebench.results.record.BackendInfo(
                        "cuda",
                        "cuda",
                        true,
                        null,
                        List.of(new org.joulebench.results.record.DeviceRecord(
                                "gpu0",
                                "NVIDIA H100 80GB HBM3",
                                "GPU",
                                "0000:19:00.0",
                                "cuda 12",
                                java.util.Map.of(),
                                List.of()))));
        var withDevices = new org.joulebench.results.record.EnvironmentInfo(
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
        var run = new org.joulebench.results.record.RunRecord(
                org.joulebench.results.record.RunRecord.CURRENT_SCHEMA_VERSION,
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

    @Test
    void implementationsSideBySideScopesApartNoopNeverAndCustomShapesByTheirDims() throws Exception {
        var ours = Synthetic.withNodeMeter(
                Synthetic.result("gemm", "fp32", "S", 2, "cpu0", "cpu-package", "B", false, 64));
        var vendor = Synthetic.vendorLibrary(
                Synthetic.result("gemm", "fp32", "S", 5, "cpu0", "cpu-package", "B", false, 64));
        var noop = Synthetic.result("noop", "fp32", "S", 1, "cpu0", "cpu-package", "B", false, 1);
        var custom = Synthetic.result("gemm", "fp32", "S", 3, "cpu0", "cpu-package", "B", false, 128).toBuilder()
                .shape("gemm", "custom", "K=64,M=128,N=256", java.util.Map.of("M", 128, "N", 256, "K", 64), "fp32")
                .build();
        // the vendor library's result comes first in the run: the system page still puts ours beside it
        var run = Synthetic.record("Mixed-1", List.of(vendor, custom, noop, ours));
        SiteInput input = new SiteInput(List.of(), List.of(new SiteRun(run, null, "Mixed-1.json")), null);
        SiteModel model = SiteModel.of(input);
        assertThat(model.rows()).extracting(ResultRow::kernel).doesNotContain("noop");
        assertThat(model.rows())
                .extracting(
                        ResultRow::implementation,
                        ResultRow::implementationLabel,
                        ResultRow::size,
                        ResultRow::scope,
                        ResultRow::domain,
                        ResultRow::otherScopes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "vendorlib", "vendor library", "S", "DEVICE", "cpu-package", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "java", "ours", "K=64,M=128,N=256", "DEVICE", "cpu-package", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "java", "ours", "S", "DEVICE", "cpu-package", "NODE node-wall 1.2 GFLOP/J"),
                        org.assertj.core.groups.Tuple.tuple(
                                "java", "ours", "S", "NODE", "node-wall", "DEVICE cpu-package 2 GFLOP/J"));
        assertThat(model.rows().get(1).customShape()).isTrue();
        assertThat(model.deviceScope().rows())
                .extracting(ResultRow::scope)
                .containsOnly("DEVICE")
                .hasSize(3);

        Path site = tmp.resolve("mixed-site");
        SiteGenerator.generate(input, site);
        List<String> csv = Files.readAllLines(site.resolve("downloads/results.csv"));
        assertThat(csv.getFirst())
                .contains(",implementation,implementationKind,implementationLabel,device,deviceKind,deviceHardwareId,"
                        + "scope,scopeDevice,domain,");
        assertThat(csv)
                .anyMatch(l -> l.contains(",vendorlib,VENDOR_LIBRARY,vendor library,cpu0,CPU,cpu-socket:0,"
                        + "DEVICE,cpu-socket:0,cpu-package,"));
        assertThat(csv).anyMatch(l -> l.contains(",java,PORTABLE,ours,cpu0,CPU,cpu-socket:0,NODE,,node-wall,"));
        assertThat(csv).noneMatch(l -> l.contains("noop"));
        String page = Files.readString(
                site.resolve("systems/" + model.systems().getFirst().id() + ".html"));
        assertThat(page)
                .doesNotContain("noop")
                .contains("<td class=\"sec\">vendorlib (vendor library)</td>")
                .contains("<td>custom</td><td class=\"sec\">K=64,M=128,N=256</td>")
                .contains("<tr><th>Devices</th><td>cpu/cpu0: CPU, cpu-socket:0</td></tr>")
                .contains("<tr><th>Implementations</th><td>vendorlib (vendor library); java (ours)</td></tr>");
        // one chip's two implementations of gemm fp32 S are adjacent rows
        List<String> implementations = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("<td>S</td><td class=\"sec\">gemm-S</td><td class=\"sec\">cpu cpu0</td>"
                        + "<td class=\"sec\">([a-z]+) \\(")
                .matcher(page);
        while (m.find()) {
            implementations.add(m.group(1));
        }
        assertThat(implementations).containsExactly("java", "java", "vendorlib");
    }

    @Test
    void figuresFilterByImplementationAndScopeAndNameBoth() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 8, 4);
        SiteInput input = SiteTestData.unchecked(subs, null, List.of());
        var vendor = FigureExporter.export(
                input,
                new FigureRequest(
                        "gemm",
                        "fp32",
                        Metric.EFFICIENCY,
                        null,
                        null,
                        null,
                        null,
                        "S",
                        null,
                        "vendor_library",
                        null,
                        "vendor"),
                tmp.resolve("fig"));
        assertThat(vendor.points()).isEqualTo(5); // the GPUs (systems 1, 2, 4, 5, 7)
        List<String> lines = Files.readAllLines(vendor.csv());
        assertThat(lines.stream().filter(l -> !l.startsWith("# ")).findFirst().orElseThrow())
                .isEqualTo("series,label,date,value,unit,domain,tier_or_confidence,implementation,scope");
        assertThat(lines.stream().filter(l -> l.startsWith("system,")))
                .hasSize(5)
                .allMatch(l -> l.endsWith(",vendorlib (vendor library),DEVICE"));
        var node = FigureExporter.export(
                input,
                new FigureRequest(
                        "gemm", "fp32", Metric.EFFICIENCY, null, null, null, null, "S", null, null, "node", "node"),
                tmp.resolve("fig"));
        assertThat(node.points()).isEqualTo(7); // system-0 is an estimate: not in the measured figure
        assertThat(Files.readAllLines(node.csv()).stream().filter(l -> l.startsWith("system,")))
                .allMatch(l -> l.contains(",node-wall,A,java (ours),NODE"));
        assertThat(node.citation()).contains("NODE scope");
        assertThatThrownBy(() ->
                        new FigureRequest("gemm", "fp32", null, null, null, null, null, null, null, null, "rack", null))
                .hasMessage("unknown Scope 'rack'; valid: [DEVICE, HOST, NODE]");
    }

    private static org.joulebench.results.record.BenchmarkResult on(
            org.joulebench.results.record.BenchmarkResult b, String backend, String device, String deviceName) {
        return b.toBuilder()
                .device(backend, b.implementation(), device, deviceName, b.deviceKind(), b.deviceHardwareId())
                .build();
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
                .isEqualTo(org.joulebench.results.names.DisplayNames.sha256Hex(
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
        // the CSV's header is the caption, sentence by sentence, word for word
        String header = String.join(
                " ",
                Files.readAllLines(fig.csv()).stream()
                        .takeWhile(l -> l.startsWith("# "))
                        .map(l -> l.substring(2))
                        .toList());
        assertThat(header).isEqualTo(fig.citation());
        assertThat(fig.citation())
                .startsWith("gemm fp16 efficiency, DEVICE scope (GFLOP/J, log scale) against chip announcement date;")
                .contains("measured results, tiers shown: A")
                .contains("n = 7 systems, announced ")
                .contains("95 % CI")
                .contains("Estimates are never fitted with measurements")
                .contains("SHA-256 " + fig.snapshot().sha256());
        assertThat(Files.readString(fig.citationFile())).isEqualTo(fig.citation() + "\n");
        assertThat(fig.points()).isEqualTo(7); // system-0 is an estimate: not in the measured figure
        assertThat(fig.fit().doublingYears()).isBetween(1.0, 4.0);
        assertThatThrownBy(
                        () -> FigureExporter.export(input, FigureRequest.of("conv2d", "fp32", Metric.EFFICIENCY), tmp))
                .hasMessageContaining("conv2d");
    }
}
