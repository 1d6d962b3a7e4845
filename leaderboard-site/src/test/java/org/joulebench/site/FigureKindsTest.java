package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.check.Checker;
import org.joulebench.site.plot.SvgGeometry;
import org.joulebench.site.plot.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid, the comparison and the roofline, from synthetic and from the committed data: every format written
 * at both widths, clean geometry, text that stays text, a .tex that compiles, the same bytes twice.
 */
class FigureKindsTest {
    @TempDir
    Path tmp;

    static final String ESTIMATED = "estimated";

    static FigureRequest req(String kernel, String dtype, String tier) {
        return new FigureRequest(
                kernel, dtype, Metric.EFFICIENCY, tier, null, null, null, null, null, null, null, null);
    }

    SiteInput synthetic() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 8, 4);
        return SiteTestData.unchecked(subs, SiteTestData.referenceDir(tmp), List.of());
    }

    @Test
    void gridComparisonAndRooflineFromSyntheticData() throws Exception {
        SiteInput input = synthetic();
        var ex = new FigureExporter(input, "c0ffee");
        Path out = tmp.resolve("out");
        var grid = ex.exportGrid(
                List.of(req("gemm", "fp32", null), req("gemm", "fp16", null), req("stream-triad", "fp32", null)),
                out,
                "grid");
        assertThat(grid.citation())
                .contains("gemm fp32: n = ")
                .contains("gemm fp16: n = ")
                .contains("95 % CI")
                .contains("shared axes");
        var compare = ex.exportComparison("fp32", "measured", List.of(), out, "compare");
        assertThat(compare.citation()).contains("hollow for the vendor library");
        assertThat(Files.readString(compare.csv())).contains(",vendor library,").contains(",ours,");
        SiteModel model = SiteModel.of(input);
        String cpu = model.systems().stream()
                .filter(s -> s.measuredRoofs() != null)
                .findFirst()
                .orElseThrow()
                .id();
        var roofline = ex.exportRoofline(cpu, out, "roofline");
        assertThat(roofline.citation()).contains("measured by calibration");
        for (var f : List.of(grid, compare, roofline)) {
            assertThat(f.files()).hasSize(13);
            for (String size : List.of("single", "double")) {
                String stem = f.csv().getFileName().toString().replace(".csv", "");
                SvgGeometry.assertClean(out.resolve(stem + "-" + size + ".svg"));
            }
        }
        // the same again, byte for byte
        var again = new FigureExporter(input, "c0ffee");
        again.exportGrid(
                List.of(req("gemm", "fp32", null), req("gemm", "fp16", null), req("stream-triad", "fp32", null)),
                tmp.resolve("again"),
                "grid");
        for (Path p : grid.files()) {
            assertThat(tmp.resolve("again").resolve(p.getFileName())).hasSameBinaryContentAs(p);
        }
        assertThatThrownBy(() ->
                        ex.exportGrid(List.of(req("gemm", "fp32", null), req("gemm", "fp16", ESTIMATED)), out, "mixed"))
                .hasMessageContaining("measured and estimated never mix");
        assertThatThrownBy(() -> ex.exportRoofline("nope", out, "r")).hasMessageStartingWith("no system 'nope'");
    }

    @Test
    void everyKindFromTheCommittedDataCompilesWithPdflatexAndKeepsItsText() throws Exception {
        SiteInput input =
                SiteInput.fromCheck(new Checker().check(SnapshotTest.COMMITTED), SnapshotTest.REFERENCE, List.of());
        var ex = new FigureExporter(input, "c0ffee");
        Path out = tmp.resolve("committed");
        String system = SiteModel.of(input).systems().getFirst().id();
        var figures = List.of(
                ex.export(req("gemm", "fp32", ESTIMATED), out),
                ex.exportGrid(List.of(req("gemm", "fp32", ESTIMATED), req("softmax", "fp32", ESTIMATED)), out, "grid"),
                ex.exportComparison("fp32", ESTIMATED, List.of(), out, "compare"),
                ex.exportRoofline(system, out, "roofline"),
                ex.exportReference(out, "reference"));
        for (var f : figures) {
            String stem = f.csv().getFileName().toString().replace(".csv", "");
            SvgGeometry.assertClean(out.resolve(stem + "-single.svg"));
            SvgGeometry.assertClean(out.resolve(stem + "-double.svg"));
        }
        Tools.require("pdflatex (texlive-latex-base, texlive-pictures)", "pdflatex", "-version");
        Tools.require("poppler-utils (pdffonts, pdftotext)", "pdffonts", "-v");
        for (var f : figures) {
            String stem = f.csv().getFileName().toString().replace(".csv", "");
            assertThat(Tools.run(out, "pdffonts", stem + "-double.pdf"))
                    .contains("LiberationSans")
                    .containsPattern("\\s+yes\\s+yes\\s+");
            String text = Tools.run(out, "pdftotext", stem + "-double.pdf", "-");
            assertThat(text)
                    .as(stem)
                    .containsAnyOf("chip announcement", "kernel (fp32)", "arithmetic intensity", "Koomey");
            Tools.run(out, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", stem + ".tex");
            assertThat(out.resolve(stem + ".pdf")).exists();
        }
    }
}
