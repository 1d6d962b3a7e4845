package org.joulebench.site.plot;

import java.util.List;

/**
 * One description of a figure, data plus encodings, from which every format is drawn (PDF, SVG, PNG, pgfplots):
 * the formats differ in how they draw, never in what.
 *
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param layers drawn in order (a band first so points sit on top of it)
 */
public record PlotSpec(Axis x, Axis y, List<Layer> layers) {
    public PlotSpec {
        layers = List.copyOf(layers);
    }

    /** How an axis maps values: a year axis is linear with year ticks; a log axis is labelled at every decade. */
    public enum Scale {
        LINEAR,
        LOG,
        YEAR,
        /** Named positions 0, 1, 2, ... (e.g. kernels), each labelled with its name. */
        CATEGORY
    }

    /** An axis; {@code categories} names the positions of a {@link Scale#CATEGORY} axis (empty otherwise). */
    public record Axis(String label, Scale scale, List<String> categories) {
        public Axis {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        public Axis(String label, Scale scale) {
            this(label, scale, List.of());
        }
    }

    /** What a layer draws. A band's points carry its lower edge in {@code y} and its upper edge in {@code y2}. */
    public enum Kind {
        POINTS,
        LINE,
        STEP,
        BAND
    }

    /**
     * One legend entry's worth of data.
     *
     * @param style index into the {@link Palette} (color, marker shape, dash): the same index, the same look
     * @param hollow open markers (e.g. datasheet figures, not measurements)
     * @param dashed a dashed line (e.g. the fitted trend)
     * @param labelled whether its points get the chip's short name (or a number) beside them
     */
    public record Layer(
            String name, Kind kind, int style, List<Pt> points, boolean hollow, boolean dashed, boolean labelled) {
        public Layer {
            points = List.copyOf(points);
        }

        public static Layer points(String name, int style, List<Pt> points, boolean hollow, boolean labelled) {
            return new Layer(name, Kind.POINTS, style, points, hollow, false, labelled);
        }

        public static Layer line(String name, Kind kind, int style, List<Pt> points, boolean dashed) {
            return new Layer(name, kind, style, points, false, dashed, false);
        }
    }

    /** A data point; {@code label} is the chip's short name (or {@code null}); {@code y2} only for bands. */
    public record Pt(double x, double y, double y2, String label) {
        public static Pt of(double x, double y, String label) {
            return new Pt(x, y, Double.NaN, label);
        }
    }
}
