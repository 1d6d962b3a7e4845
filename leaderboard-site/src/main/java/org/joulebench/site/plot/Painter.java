package org.joulebench.site.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** Draws a {@link Layout} onto any {@link Canvas}: the same strokes in PDF, SVG and PNG. */
final class Painter {
    static final Color FRAME = Color.BLACK;
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    static final double[] DASH = {4, 2.5};
    /** Band samples across the fitted span: dense enough that clamping each edge equals clipping the band. */
    static final int BAND_SAMPLES = 96;

    private Painter() {}

    static void paint(Layout lay, Canvas c) {
        var plot = lay.plot;
        // grid at the major ticks, under everything
        for (var t : lay.yTicks) {
            if (t.major() && t.pos() > plot.y() + 0.5 && t.pos() < plot.y() + plot.h() - 0.5) {
                c.line(
                        new double[] {plot.x(), plot.x() + plot.w()},
                        new double[] {t.pos(), t.pos()},
                        GRID,
                        0.4,
                        null,
                        "grid");
            }
        }
        for (var t : lay.xTicks) {
            if (t.major()
                    && t.pos() > plot.x() + 0.5
                    && t.pos() < plot.x() + plot.w() - 0.5
                    && lay.spec.x().scale() != PlotSpec.Scale.CATEGORY) {
                c.line(
                        new double[] {t.pos(), t.pos()},
                        new double[] {plot.y(), plot.y() + plot.h()},
                        GRID,
                        0.4,
                        null,
                        "grid");
            }
        }
        for (var l : lay.spec.layers()) {
            switch (l.kind()) {
                case BAND -> band(lay, c, l);
                case LINE, STEP -> polyline(lay, c, l);
                case POINTS -> {
                    for (var p : l.points()) {
                        if (lay.plottable(p.x(), p.y())) {
                            c.marker(
                                    Palette.marker(l.style()),
                                    lay.px(p.x()),
                                    lay.py(p.y()),
                                    Layout.MARKER_R,
                                    Palette.color(l.style()),
                                    l.hollow(),
                                    "data");
                        }
                    }
                }
            }
        }
        for (var lab : lay.labels) {
            c.text(lab.text(), null, lab.x(), lab.y(), FigureSize.LABEL_PT, Canvas.Anchor.START, false, "point-label");
        }
        c.rect(plot.x(), plot.y(), plot.w(), plot.h(), FRAME, 0.6, "plot-area");
        axes(lay, c);
        legend(lay, c);
    }

    private static void band(Layout lay, Canvas c, PlotSpec.Layer l) {
        List<PlotSpec.Pt> pts = l.points();
        int n = pts.size();
        double[] xs = new double[2 * n], ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            var p = pts.get(i);
            xs[i] = lay.px(p.x());
            ys[i] = lay.py(lay.clampY(p.y2()));
            var q = pts.get(n - 1 - i);
            xs[n + i] = lay.px(q.x());
            ys[n + i] = lay.py(lay.clampY(q.y()));
        }
        c.fill(xs, ys, Palette.tint(l.style(), 0.22), "data");
    }

    private static void polyline(Layout lay, Canvas c, PlotSpec.Layer l) {
        List<double[]> pts = new ArrayList<>();
        double prevY = Double.NaN;
        for (var p : l.points()) {
            if (!lay.plottable(p.x(), p.y())) {
                continue;
            }
            if (l.kind() == PlotSpec.Kind.STEP && !Double.isNaN(prevY)) {
                pts.add(new double[] {lay.px(p.x()), prevY});
            }
            pts.add(new double[] {lay.px(p.x()), lay.py(p.y())});
            prevY = lay.py(p.y());
        }
        if (pts.size() < 2) {
            return;
        }
        c.line(
                pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray(),
                Palette.color(l.style()),
                1.0,
                l.dashed() ? DASH : null,
                "data");
    }

    private static void axes(Layout lay, Canvas c) {
        var plot = lay.plot;
        double bottom = plot.y() + plot.h();
        double tickAsc = FigureSize.TICK_PT * PlotFont.ASCENT;
        for (var t : lay.xTicks) {
            double len = t.major() ? Layout.MAJOR_TICK : Layout.MINOR_TICK;
            c.line(new double[] {t.pos(), t.pos()}, new double[] {bottom, bottom + len}, FRAME, 0.5, null, "tick");
            if (t.major() && lay.uprightXLabels) {
                c.text(
                        t.base(),
                        t.sup(),
                        t.pos() + tickAsc / 2,
                        bottom + Layout.MAJOR_TICK + 2,
                        FigureSize.TICK_PT,
                        Canvas.Anchor.END,
                        true,
                        "tick-label");
            } else if (t.major()) {
                c.text(
                        t.base(),
                        t.sup(),
                        t.pos(),
                        bottom + Layout.MAJOR_TICK + 2 + tickAsc,
                        FigureSize.TICK_PT,
                        Canvas.Anchor.MIDDLE,
                        false,
                        "tick-label");
            }
        }
        for (var t : lay.yTicks) {
            double len = t.major() ? Layout.MAJOR_TICK : Layout.MINOR_TICK;
            c.line(new double[] {plot.x() - len, plot.x()}, new double[] {t.pos(), t.pos()}, FRAME, 0.5, null, "tick");
            if (t.major()) {
                c.text(
                        t.base(),
                        t.sup(),
                        plot.x() - Layout.MAJOR_TICK - 2,
                        t.pos() + tickAsc / 2,
                        FigureSize.TICK_PT,
                        Canvas.Anchor.END,
                        false,
                        "tick-label");
            }
        }
        double tickH = lay.uprightXLabels
                ? lay.xTicks.stream()
                        .filter(Layout.Tick::major)
                        .mapToDouble(Layout::labelWidth)
                        .max()
                        .orElse(0)
                : FigureSize.TICK_PT * (PlotFont.ASCENT + PlotFont.DESCENT);
        c.text(
                lay.spec.x().label(),
                null,
                plot.x() + plot.w() / 2,
                bottom + Layout.MAJOR_TICK + 2 + tickH + 3 + FigureSize.AXIS_PT * PlotFont.ASCENT,
                FigureSize.AXIS_PT,
                Canvas.Anchor.MIDDLE,
                false,
                "axis-label");
        c.text(
                lay.spec.y().label(),
                null,
                lay.cell.x() + 2 + FigureSize.AXIS_PT * PlotFont.ASCENT,
                plot.y() + plot.h() / 2,
                FigureSize.AXIS_PT,
                Canvas.Anchor.MIDDLE,
                true,
                "axis-label");
        if (lay.title != null) {
            c.text(
                    lay.title,
                    null,
                    plot.x(),
                    lay.titleBaseline,
                    FigureSize.AXIS_PT,
                    Canvas.Anchor.START,
                    false,
                    "panel-title");
        }
    }

    private static void legend(Layout lay, Canvas c) {
        double mid = FigureSize.LEGEND_PT * 0.3; // symbol center above the baseline
        for (var e : lay.legend) {
            var l = e.layer();
            double y = e.baseline() - mid;
            Color col = Palette.color(l.style());
            switch (l.kind()) {
                case POINTS ->
                    c.marker(Palette.marker(l.style()), e.x() + 8, y, Layout.MARKER_R, col, l.hollow(), "legend");
                case LINE, STEP ->
                    c.line(
                            new double[] {e.x(), e.x() + 16},
                            new double[] {y, y},
                            col,
                            1.0,
                            l.dashed() ? DASH : null,
                            "legend");
                case BAND ->
                    c.fill(
                            new double[] {e.x(), e.x() + 16, e.x() + 16, e.x()},
                            new double[] {y - 3, y - 3, y + 3, y + 3},
                            Palette.tint(l.style(), 0.22),
                            "legend");
            }
            c.text(
                    l.name(),
                    null,
                    e.x() + 19,
                    e.baseline(),
                    FigureSize.LEGEND_PT,
                    Canvas.Anchor.START,
                    false,
                    "legend");
        }
    }

    /** Marker outline as a polygon (all but the circle), radius r about (x, y). */
    static double[][] markerPolygon(Palette.Marker m, double x, double y, double r) {
        return switch (m) {
            case SQUARE -> poly(x, y, r * 0.9, 4, Math.PI / 4);
            case TRIANGLE -> poly(x, y + r * 0.15, r * 1.15, 3, -Math.PI / 2);
            case TRIANGLE_DOWN -> poly(x, y - r * 0.15, r * 1.15, 3, Math.PI / 2);
            case DIAMOND -> poly(x, y, r * 1.1, 4, 0);
            case PENTAGON -> poly(x, y, r * 1.05, 5, -Math.PI / 2);
            case CROSS ->
                new double[][] { // an X as a 12-sided polygon
                    {x - r, y - r * 0.6},
                    {x - r * 0.6, y - r},
                    {x, y - r * 0.4},
                    {x + r * 0.6, y - r},
                    {x + r, y - r * 0.6},
                    {x + r * 0.4, y},
                    {x + r, y + r * 0.6},
                    {x + r * 0.6, y + r},
                    {x, y + r * 0.4},
                    {x - r * 0.6, y + r},
                    {x - r, y + r * 0.6},
                    {x - r * 0.4, y}
                };
            case CIRCLE -> throw new IllegalArgumentException("a circle is not a polygon");
        };
    }

    private static double[][] poly(double x, double y, double r, int n, double start) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = start + 2 * Math.PI * i / n;
            p[i] = new double[] {x + r * Math.cos(a), y + r * Math.sin(a)};
        }
        return p;
    }
}
