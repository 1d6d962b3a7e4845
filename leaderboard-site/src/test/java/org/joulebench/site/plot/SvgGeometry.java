package org.joulebench.site.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Reads a figure's SVG back and checks its geometry: the checks every figure kind must pass. */
public final class SvgGeometry {
    private SvgGeometry() {}

    /**
     * Every data element lies inside a plot area, no legend element overlaps a plot area, point labels lie inside
     * their plot area and collide with no other label or marker, no text under 7 pt.
     */
    public static void assertClean(Path svgFile) throws Exception {
        var svg = FigureFormatsTest.parse(svgFile);
        List<double[]> areas = new ArrayList<>();
        List<Element> all = FigureFormatsTest.elements(svg);
        for (Element e : all) {
            if (e.getTagName().equals("rect") && e.getAttribute("class").equals("plot-area")) {
                areas.add(new double[] {
                    FigureFormatsTest.d(e, "x"),
                    FigureFormatsTest.d(e, "y"),
                    FigureFormatsTest.d(e, "width"),
                    FigureFormatsTest.d(e, "height")
                });
            }
        }
        assertThat(areas).as(svgFile + ": plot areas").isNotEmpty();
        List<double[]> markers = new ArrayList<>(), labels = new ArrayList<>(), legend = new ArrayList<>();
        for (Element e : all) {
            if (e.getTagName().equals("text")) {
                assertThat(Double.parseDouble(e.getAttribute("font-size")))
                        .as("font size")
                        .isGreaterThanOrEqualTo(7);
            }
            double[] box = FigureFormatsTest.bbox(e);
            if (box == null) {
                continue;
            }
            switch (e.getAttribute("class")) {
                case "data" -> {
                    assertThat(areas.stream().anyMatch(a -> FigureFormatsTest.strictlyInside(box, a, 0.2)))
                            .as(svgFile.getFileName() + ": data element inside a plot area: "
                                    + java.util.Arrays.toString(box))
                            .isTrue();
                    if (!e.getTagName().equals("polyline") && box[2] < 8) {
                        markers.add(box);
                    }
                }
                case "point-label" -> {
                    labels.add(box);
                    assertThat(areas.stream().anyMatch(a -> FigureFormatsTest.strictlyInside(box, a, 0.5)))
                            .as("label inside a plot area")
                            .isTrue();
                }
                case "legend" -> legend.add(box);
                default -> {}
            }
        }
        for (double[] l : legend) {
            for (double[] a : areas) {
                assertThat(FigureFormatsTest.overlaps(l, a))
                        .as(svgFile.getFileName() + ": legend over a plot area")
                        .isFalse();
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(FigureFormatsTest.overlaps(labels.get(i), labels.get(j)))
                        .as("labels collide")
                        .isFalse();
            }
            for (double[] m : markers) {
                assertThat(FigureFormatsTest.overlaps(labels.get(i), m))
                        .as("label over a marker")
                        .isFalse();
            }
        }
    }
}
