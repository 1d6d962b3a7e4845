package org.joulebench.site.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every format from synthetic figures at the edges the issue names: 1, 2, 10 and 500 points; one system; dates
 * spanning a month and twenty years; values spanning one and six decades. The SVG's geometry is read back and
 * checked (nothing outside the plot area, nothing under the legend, labels collide with nothing, every decade
 * labelled); the PDF through poppler (embedded subset font, text extracts); the pgfplots file through pdflatex.
 */
class FigureFormatsTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 20.0, 1.0),
                Arguments.of(2, 1.0 / 12, 1.0),
                Arguments.of(10, 20.0, 6.0),
                Arguments.of(10, 1.0 / 12, 1.0),
                Arguments.of(500, 20.0, 6.0),
                Arguments.of(500, 1.0 / 12, 1.0));
    }

    /** A history-like figure: n points over {@code years} from 2005, values over {@code decades} from 5. */
    static PlotSpec synthetic(int n, double years, double decades) {
        Random r = new Random(n * 31L + (long) (years * 12) + (long) decades);
        List<PlotSpec.Pt> pts = new ArrayList<>();
        List<double[]> xy = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 2005 + (n == 1 ? 0.3 : years * i / (n - 1));
            double y = 5 * Math.pow(10, decades * (n == 1 ? 0.5 : (i + r.nextDouble() * 0.6) / (n - 0.4)));
            pts.add(PlotSpec.Pt.of(x, y, "Chip " + (char) ('A' + i % 26) + i));
            xy.add(new double[] {x, y});
        }
        List<PlotSpec.Layer> layers = new ArrayList<>();
        var fit = org.joulebench.site.TrendFitAccess.fit(xy);
        if (fit != null && fit.hasInterval()) {
            List<PlotSpec.Pt> band = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                double x = fit.xFirst() + (fit.xLast() - fit.xFirst()) * i / 40;
                double[] b = fit.bandAt(x);
                band.add(new PlotSpec.Pt(x, b[0], b[1], null));
            }
            layers.add(new PlotSpec.Layer("95 % confidence band", PlotSpec.Kind.BAND, 0, band, false, false, false));
        }
        if (fit != null) {
            layers.add(PlotSpec.Layer.line(
                    "trend",
                    PlotSpec.Kind.LINE,
                    0,
                    List.of(
                            PlotSpec.Pt.of(fit.xFirst(), fit.valueAt(fit.xFirst()), null),
                            PlotSpec.Pt.of(fit.xLast(), fit.valueAt(fit.xLast()), null)),
                    true));
        }
        layers.add(PlotSpec.Layer.points(
                "datasheet (not measured)",
                Palette.GRAY,
                List.of(PlotSpec.Pt.of(2005 + years / 2, 5 * Math.pow(10, decades / 3), null)),
                true,
                false));
        layers.add(PlotSpec.Layer.points("measured systems", 0, pts, false, true));
        return new PlotSpec(
                new PlotSpec.Axis("chip announcement (year)", PlotSpec.Scale.YEAR),
                new PlotSpec.Axis("gemm fp32 (GFLOP/J)", PlotSpec.Scale.LOG),
                layers);
    }

    @ParameterizedTest(name = "{0} points over {1} years and {2} decades")
    @MethodSource("shapes")
    void svgKeepsDataInsideThePlotAreaLabelsApartAndLabelsEveryDecade(int n, double years, double decades)
            throws Exception {
        PlotSpec spec = synthetic(n, years, decades);
        var written = PlotFiles.write(spec, tmp, "f", "synthetic");
        for (FigureSize size : FigureSize.values()) {
            Document svg = parse(tmp.resolve("f-" + size.suffix + ".svg"));
            Element area = (Element) svg.getElementsByTagName("rect").item(1);
            assertThat(area.getAttribute("class")).isEqualTo("plot-area");
            double[] plot = {d(area, "x"), d(area, "y"), d(area, "width"), d(area, "height")};
            List<double[]> markers = new ArrayList<>();
            List<double[]> labels = new ArrayList<>();
            List<double[]> legend = new ArrayList<>();
            int dataElements = 0;
            for (Element e : elements(svg)) {
                String role = e.getAttribute("class");
                double[] box = bbox(e);
                if (box == null) {
                    continue;
                }
                switch (role) {
                    case "data" -> {
                        dataElements++;
                        assertThat(strictlyInside(box, plot, 0.2))
                                .as(size + " data element inside the plot area: " + java.util.Arrays.toString(box)
                                        + " in " + java.util.Arrays.toString(plot))
                                .isTrue();
                        if (!e.getTagName().equals("polyline") && box[2] < 8) {
                            markers.add(box);
                        }
                    }
                    case "point-label" -> {
                        labels.add(box);
                        assertThat(strictlyInside(box, plot, 0.5))
                                .as("label inside the plot area")
                                .isTrue();
                    }
                    case "legend" -> legend.add(box);
                    default -> {}
                }
            }
            assertThat(dataElements).isGreaterThanOrEqualTo(n);
            for (double[] l : legend) {
                assertThat(overlaps(l, plot))
                        .as(size + " legend outside the plot area")
                        .isFalse();
            }
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    assertThat(overlaps(labels.get(i), labels.get(j)))
                            .as("labels collide")
                            .isFalse();
                }
                for (double[] m : markers) {
                    assertThat(overlaps(labels.get(i), m))
                            .as("label over a marker")
                            .isFalse();
                }
            }
            // every decade the data span is labelled on the y axis
            List<String> tickLabels = new ArrayList<>();
            for (Element e : elements(svg)) {
                if (e.getAttribute("class").equals("tick-label")) {
                    tickLabels.add(e.getTextContent());
                }
            }
            double lo = 5, hi = 5 * Math.pow(10, decades);
            for (int k = (int) Math.floor(Math.log10(lo)); k <= (int) Math.ceil(Math.log10(hi) - 1e-9); k++) {
                String plain = k >= 0 ? String.valueOf((long) Math.pow(10, k)) : null;
                String sup = "10" + (k < 0 ? "\u2212" : "") + Math.abs(k);
                assertThat(tickLabels).as(size + ": decade 10^" + k).containsAnyOf(plain == null ? sup : plain, sup);
            }
            // point labels: names, numbers (the caption's key), or none when too dense
            if (written.labelling(size) == Layout.Labelling.NAMES) {
                assertThat(labels).hasSize(n);
            }
        }
        if (n <= 2) {
            assertThat(written.labelling(FigureSize.DOUBLE)).isEqualTo(Layout.Labelling.NAMES);
        }
        if (n == 500) {
            assertThat(written.labelling(FigureSize.SINGLE)).isEqualTo(Layout.Labelling.NONE);
            assertThat(written.needsKey()).isTrue();
        }
        // sizes and resolution
        BufferedImage png = ImageIO.read(tmp.resolve("f-single.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1050); // 3.5 in at 300 dpi
        assertThat(ImageIO.read(tmp.resolve("f-double.png").toFile()).getWidth())
                .isEqualTo(2148); // 7.16 in
    }

    @Test
    void fontsAreNeverSmallerThanSevenPoints() throws Exception {
        PlotFiles.write(synthetic(10, 20, 6), tmp, "f", "t");
        for (Element e : elements(parse(tmp.resolve("f-single.svg")))) {
            if (e.getTagName().equals("text")) {
                assertThat(Double.parseDouble(e.getAttribute("font-size"))).isGreaterThanOrEqualTo(7);
            }
        }
    }

    @Test
    void sameSpecGivesByteIdenticalFiles() throws Exception {
        var a = PlotFiles.write(synthetic(10, 20, 6), tmp.resolve("a"), "f", "t");
        PlotFiles.write(synthetic(10, 20, 6), tmp.resolve("b"), "f", "t");
        for (Path p : a.files()) {
            assertThat(tmp.resolve("b").resolve(p.getFileName()))
                    .as(p.getFileName().toString())
                    .hasSameBinaryContentAs(p);
        }
        String pdf = new String(
                Files.readAllBytes(tmp.resolve("a/f-single.pdf")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(pdf).doesNotContain("CreationDate").doesNotContain("ModDate");
    }

    @Test
    void pdfEmbedsASubsetFontAndItsTextExtracts() throws Exception {
        Tools.require("poppler-utils (pdffonts, pdftotext)", "pdffonts", "-v");
        PlotFiles.write(synthetic(10, 20, 6), tmp, "f", "t");
        for (FigureSize size : FigureSize.values()) {
            String pdf = "f-" + size.suffix + ".pdf";
            String fonts = Tools.run(tmp, "pdffonts", pdf);
            List<String> rows = fonts.lines().skip(2).toList();
            assertThat(rows).as(fonts).isNotEmpty();
            for (String row : rows) {
                // name  type  encoding  emb sub uni object ID: the font is embedded (emb) and a subset (sub)
                assertThat(row).as(fonts).contains("LiberationSans").containsPattern("\\s+yes\\s+yes\\s+");
                assertThat(row).matches("^[A-Z]{6}\\+.*");
            }
            String text = Tools.run(tmp, "pdftotext", "-layout", pdf, "-");
            assertThat(text)
                    .contains("chip announcement (year)")
                    .contains("measured systems")
                    .contains("2010");
        }
    }

    @Test
    void pgfplotsFileCompilesWithPdflatexAndShowsTheSamePoints() throws Exception {
        Tools.require("pdflatex (texlive-latex-base, texlive-pictures)", "pdflatex", "-version");
        Tools.require("poppler-utils (pdftotext)", "pdftotext", "-v");
        PlotSpec spec = synthetic(10, 20, 6);
        var written = PlotFiles.write(spec, tmp, "f", "t");
        Tools.run(tmp, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "f.tex");
        String text = java.text.Normalizer.normalize(
                Tools.run(tmp, "pdftotext", "-layout", "f.pdf", "-"), java.text.Normalizer.Form.NFKC);
        assertThat(text)
                .contains("measured systems")
                .contains("confidence band")
                .contains("2015");
        if (written.labelling(FigureSize.SINGLE) == Layout.Labelling.NAMES) {
            for (var p : spec.layers().getLast().points()) {
                assertThat(text).contains(p.label());
            }
        }
        // the data rows it plots are the spec's points
        List<String> dat = Files.readAllLines(tmp.resolve("f.dat"));
        int layer = spec.layers().size() - 1;
        assertThat(dat.stream().filter(l -> l.startsWith(layer + "\t"))).hasSize(10);
        // a page the figure's size (3.5 in wide, within a point or two of pgfplots' own estimate of its labels)
        String info = Tools.run(tmp, "pdfinfo", "f.pdf");
        String sizeLine =
                info.lines().filter(l -> l.startsWith("Page size:")).findFirst().orElseThrow();
        double w = Double.parseDouble(sizeLine.replaceAll("Page size:\\s+([0-9.]+) x.*", "$1"));
        assertThat(w).isBetween(230.0, 275.0);
    }

    @Test
    void twoPointsAndOnePointStillDraw() throws Exception {
        var one = PlotFiles.write(synthetic(1, 1, 1), tmp.resolve("one"), "f", "t");
        assertThat(one.labelling(FigureSize.SINGLE)).isEqualTo(Layout.Labelling.NAMES);
        String svg = Files.readString(tmp.resolve("one/f-single.svg"));
        assertThat(svg).contains("Chip A0").doesNotContain("NaN");
    }

    // --- SVG geometry ---

    static Document parse(Path p) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(p)));
    }

    static List<Element> elements(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    static double d(Element e, String a) {
        return Double.parseDouble(e.getAttribute(a));
    }

    /** An element's bounding box {x, y, w, h} read from its own geometry (text: measured in the figure's font). */
    static double[] bbox(Element e) {
        switch (e.getTagName()) {
            case "circle" -> {
                double r = d(e, "r") + 0.3;
                return new double[] {d(e, "cx") - r, d(e, "cy") - r, 2 * r, 2 * r};
            }
            case "polygon", "polyline" -> {
                double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
                for (String pt : e.getAttribute("points").trim().split("\\s+")) {
                    String[] xy = pt.split(",");
                    double x = Double.parseDouble(xy[0]), y = Double.parseDouble(xy[1]);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                double s = e.getTagName().equals("polyline")
                                || e.getAttribute("stroke").startsWith("#")
                        ? 0.3
                        : 0;
                return new double[] {minX - s, minY - s, maxX - minX + 2 * s, maxY - minY + 2 * s};
            }
            case "text" -> {
                if (e.hasAttribute("transform")) {
                    return null;
                }
                double size = d(e, "font-size");
                double w = PlotFont.width(e.getFirstChild().getNodeValue(), size);
                double x = d(e, "x");
                x -= switch (e.getAttribute("text-anchor")) {
                    case "middle" -> w / 2;
                    case "end" -> w;
                    default -> 0;
                };
                double asc = size * PlotFont.ASCENT, desc = size * PlotFont.DESCENT;
                return new double[] {x, d(e, "y") - asc, w, asc + desc};
            }
            default -> {
                return null;
            }
        }
    }

    static boolean strictlyInside(double[] b, double[] area, double margin) {
        return b[0] >= area[0] + margin
                && b[1] >= area[1] + margin
                && b[0] + b[2] <= area[0] + area[2] - margin
                && b[1] + b[3] <= area[1] + area[3] - margin;
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
