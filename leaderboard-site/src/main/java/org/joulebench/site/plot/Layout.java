package org.joulebench.site.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where everything goes, in points, for one {@link PlotSpec} at one {@link FigureSize}: axis ranges padded so no
 * point or line touches the frame, log axes running from decade to decade (each labelled, minor ticks between),
 * the legend above the plot area (never over data), and point labels placed where they collide with nothing,
 * or else numbers, or else none (the caption's key then names the points).
 */
public final class Layout {
    static final double MARKER_R = 2.6;
    static final double MAJOR_TICK = 3;
    static final double MINOR_TICK = 1.7;
    /** Beyond this many points, none is labelled (and placement, quadratic in the points, is not tried). */
    static final int MAX_LABELS = 60;

    public record Box(double x, double y, double w, double h) {
        boolean intersects(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean inside(Box o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }
    }

    /** A tick; {@code base}/{@code sup} its label (sup an exponent, may be null), both null on minor ticks. */
    public record Tick(double value, double pos, String base, String sup) {
        boolean major() {
            return base != null;
        }
    }

    public record LegendEntry(PlotSpec.Layer layer, double x, double baseline) {}

    /** A placed point label: text from x at baseline y, occupying box. */
    public record Label(String text, double x, double y, Box box, String texAnchor) {}

    public enum Labelling {
        NAMES,
        NUMBERS,
        NONE
    }

    final PlotSpec spec;
    final FigureSize size;
    /** The whole figure's size in points (a panel's layout shares it with the other panels). */
    final double pageWidth, pageHeight;
    /** The area this layout may draw in: the page, or one panel's cell of it. */
    final Box cell;
    /** The panel's title (e.g. "gemm fp32") above its plot area, or null. */
    final String title;

    final double titleBaseline;
    final Box plot;
    final double xmin, xmax, ymin, ymax;
    final List<Tick> xTicks, yTicks;
    /** Category names that do not fit side by side are set upright (reading upwards) under their ticks. */
    final boolean uprightXLabels;

    final List<LegendEntry> legend;
    final Box legendBox;
    final List<Label> labels;
    final Labelling labelling;
    /** The labelled points in the order numbers were given: "n = short name". */
    final List<String> key;

    public static Layout of(PlotSpec spec, FigureSize size) {
        return new Layout(
                spec, size, size.width, size.height, new Box(0, 0, size.width, size.height), null, null, true, null);
    }

    /**
     * One panel of a grid: drawn in {@code cell} of a page, with the axis ranges given (shared with the other
     * panels; null: its own), its legend only when asked, and a title above its plot area.
     */
    static Layout panel(
            PlotSpec spec,
            FigureSize size,
            double pageW,
            double pageH,
            Box cell,
            double[] xRange,
            double[] yRange,
            boolean legend,
            String title) {
        return new Layout(spec, size, pageW, pageH, cell, xRange, yRange, legend, title);
    }

    /** The axis range this spec would get on its own, {lo, hi}: a grid takes the union of its panels'. */
    static double[] ownRange(PlotSpec spec, boolean isX, double lengthPt) {
        double[] r = range(spec, isX);
        PlotSpec.Axis a = isX ? spec.x() : spec.y();
        return a.scale() == PlotSpec.Scale.CATEGORY
                ? new double[] {-0.5, a.categories().size() - 0.5}
                : axisRange(a.scale(), r[0], r[1], lengthPt);
    }

    private Layout(
            PlotSpec spec,
            FigureSize size,
            double pageW,
            double pageH,
            Box cell,
            double[] xRange,
            double[] yRange,
            boolean showLegend,
            String title) {
        this.spec = spec;
        this.size = size;
        this.pageWidth = pageW;
        this.pageHeight = pageH;
        this.cell = cell;
        this.title = title;
        // padded with a provisional plot size, so log ranges clear the marker's size
        double[] xa = xRange != null ? xRange : ownRange(spec, true, cell.w() * 0.8);
        double[] ya = yRange != null ? yRange : ownRange(spec, false, cell.h() * 0.6);
        xmin = xa[0];
        xmax = xa[1];
        ymin = ya[0];
        ymax = ya[1];
        // as many year or number labels as fit side by side in the cell (a grid's cells are narrow)
        int maxXTicks =
                Math.max(2, Math.min(11, (int) ((cell.w() - 50) / (PlotFont.width("20000", FigureSize.TICK_PT) + 6))));
        List<Tick> xt = spec.x().scale() == PlotSpec.Scale.CATEGORY
                ? categoryTicks(spec.x().categories())
                : ticks(spec.x().scale(), xmin, xmax, maxXTicks);
        List<Tick> yt = ticks(spec.y().scale(), ymin, ymax, 8);

        double tickH = FigureSize.TICK_PT * (PlotFont.ASCENT + PlotFont.DESCENT);
        double axisH = FigureSize.AXIS_PT * (PlotFont.ASCENT + PlotFont.DESCENT);
        double maxYLabel = yt.stream()
                .filter(Tick::major)
                .mapToDouble(Layout::labelWidth)
                .max()
                .orElse(0);
        double left = 2 + axisH + 3 + maxYLabel + 2 + MAJOR_TICK;
        double lastXLabel = xt.stream()
                .filter(Tick::major)
                .reduce((a, b) -> b)
                .map(Layout::labelWidth)
                .orElse(0.0);
        double right = Math.max(6, lastXLabel / 2 + 2);
        if (spec.x().scale() == PlotSpec.Scale.CATEGORY) {
            right = 6;
        }
        double xLabelsWidth = xt.stream()
                .filter(Tick::major)
                .mapToDouble(t -> labelWidth(t) + 6)
                .sum();
        uprightXLabels = spec.x().scale() == PlotSpec.Scale.CATEGORY && xLabelsWidth > cell.w() - left - 6;
        double maxXLabel = xt.stream()
                .filter(Tick::major)
                .mapToDouble(Layout::labelWidth)
                .max()
                .orElse(0);
        double bottom = MAJOR_TICK + 2 + (uprightXLabels ? maxXLabel : tickH) + 3 + axisH + 2;

        // legend rows above the plot area, left-aligned with it
        double legendWidth = cell.w() - left - right;
        List<double[]> entryPos = new ArrayList<>(); // x offset, row
        List<PlotSpec.Layer> inLegend = !showLegend ? List.of() : legendLayers(spec);
        double rowH = FigureSize.LEGEND_PT * 1.35;
        double cx = 0;
        int row = 0;
        for (PlotSpec.Layer l : inLegend) {
            double w = legendEntryWidth(l);
            if (cx > 0 && cx + w > legendWidth) {
                row++;
                cx = 0;
            }
            entryPos.add(new double[] {cx, row});
            cx += w + 9;
        }
        int rows = inLegend.isEmpty() ? 0 : row + 1;
        double legendH = rows * rowH;
        double titleH = title == null ? 0 : FigureSize.AXIS_PT * (PlotFont.ASCENT + PlotFont.DESCENT) + 3;
        double top = 3 + legendH + (rows > 0 ? 4 : 0) + titleH + tickH / 2 + 1;
        plot = new Box(cell.x() + left, cell.y() + top, cell.w() - left - right, cell.h() - top - bottom);
        titleBaseline = cell.y() + 3 + legendH + (rows > 0 ? 4 : 0) + FigureSize.AXIS_PT * PlotFont.ASCENT;
        legendBox = rows == 0 ? null : new Box(cell.x() + left, cell.y() + 3, legendWidth, legendH);
        List<LegendEntry> le = new ArrayList<>();
        for (int i = 0; i < inLegend.size(); i++) {
            double[] p = entryPos.get(i);
            le.add(new LegendEntry(
                    inLegend.get(i), cell.x() + left + p[0], cell.y() + 3 + p[1] * rowH + FigureSize.LEGEND_PT * 0.95));
        }
        legend = List.copyOf(le);
        xTicks = xt.stream()
                .map(t -> new Tick(t.value(), px(t.value()), t.base(), t.sup()))
                .toList();
        yTicks = yt.stream()
                .map(t -> new Tick(t.value(), py(t.value()), t.base(), t.sup()))
                .toList();

        List<Label> placed = place(false);
        if (placed != null) {
            labels = placed;
            labelling = labelledPoints().isEmpty() ? Labelling.NONE : Labelling.NAMES;
        } else if ((placed = place(true)) != null) {
            labels = placed;
            labelling = Labelling.NUMBERS;
        } else {
            labels = List.of();
            labelling = Labelling.NONE;
        }
        List<String> k = new ArrayList<>();
        for (var p : labelledPoints()) {
            k.add(p.label());
        }
        key = List.copyOf(k);
    }

    /** The layers with a legend entry, each name once. */
    static List<PlotSpec.Layer> legendLayers(PlotSpec spec) {
        List<PlotSpec.Layer> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var l : spec.layers()) {
            if (l.name() != null && !l.name().isEmpty() && seen.add(l.name())) {
                out.add(l);
            }
        }
        return out;
    }

    static List<Tick> categoryTicks(List<String> names) {
        List<Tick> t = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            t.add(new Tick(i, 0, names.get(i), null));
        }
        return t;
    }

    public Labelling labelling() {
        return labelling;
    }

    public List<String> key() {
        return key;
    }

    double px(double v) {
        double f = spec.x().scale() == PlotSpec.Scale.LOG
                ? (Math.log10(v) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin))
                : (v - xmin) / (xmax - xmin);
        return plot.x() + f * plot.w();
    }

    double py(double v) {
        double f = spec.y().scale() == PlotSpec.Scale.LOG
                ? (Math.log10(v) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin))
                : (v - ymin) / (ymax - ymin);
        return plot.y() + plot.h() - f * plot.h();
    }

    /** A y value held inside the axis range: a band is clipped to the plot area this way, in every format. */
    double clampY(double v) {
        return Math.max(ymin, Math.min(ymax, v));
    }

    static double labelWidth(Tick t) {
        return PlotFont.width(t.base(), FigureSize.TICK_PT)
                + (t.sup() == null ? 0 : PlotFont.width(t.sup(), FigureSize.TICK_PT * 0.7));
    }

    static double legendEntryWidth(PlotSpec.Layer l) {
        return 16 + 3 + PlotFont.width(l.name(), FigureSize.LEGEND_PT);
    }

    /** The labelled points, in x order (the numbering's order). */
    List<PlotSpec.Pt> labelledPoints() {
        List<PlotSpec.Pt> pts = new ArrayList<>();
        for (var l : spec.layers()) {
            if (l.labelled() && l.kind() == PlotSpec.Kind.POINTS) {
                l.points().stream().filter(p -> p.label() != null).forEach(pts::add);
            }
        }
        pts.sort(Comparator.comparingDouble(PlotSpec.Pt::x));
        return pts;
    }

    /** Greedy placement: each label at the first of eight spots around its point that hits nothing; null if one fails. */
    private List<Label> place(boolean numbers) {
        List<PlotSpec.Pt> pts = labelledPoints();
        if (pts.isEmpty()) {
            return List.of();
        }
        if (pts.size() > MAX_LABELS) {
            return null; // no reader follows more labels than this; the caption says so and the CSV names them
        }
        List<Box> obstacles = new ArrayList<>();
        for (var l : spec.layers()) {
            if (l.kind() == PlotSpec.Kind.POINTS) {
                for (var p : l.points()) {
                    if (plottable(p.x(), p.y())) {
                        double r = MARKER_R + 0.6;
                        obstacles.add(new Box(px(p.x()) - r, py(p.y()) - r, 2 * r, 2 * r));
                    }
                }
            }
        }
        Box inner = new Box(plot.x() + 1, plot.y() + 1, plot.w() - 2, plot.h() - 2);
        double fs = FigureSize.LABEL_PT;
        double asc = fs * PlotFont.ASCENT, desc = fs * PlotFont.DESCENT, h = asc + desc;
        double gap = MARKER_R + 1.2;
        List<Label> out = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            var p = pts.get(i);
            if (!plottable(p.x(), p.y())) {
                return null;
            }
            String text = numbers ? String.valueOf(i + 1) : p.label();
            double w = PlotFont.width(text, fs);
            double x = px(p.x()), y = py(p.y());
            String[] anchors = {"west", "east", "south", "north", "south west", "north west", "south east", "north east"
            };
            double[][] spots = { // box top-left corners: right, left, above, below, then the diagonals
                {x + gap, y - h / 2},
                {x - gap - w, y - h / 2},
                {x - w / 2, y - gap - h},
                {x - w / 2, y + gap},
                {x + gap * 0.8, y - gap * 0.8 - h},
                {x + gap * 0.8, y + gap * 0.8},
                {x - gap * 0.8 - w, y - gap * 0.8 - h},
                {x - gap * 0.8 - w, y + gap * 0.8}
            };
            Label found = null;
            for (int k = 0; k < spots.length; k++) {
                double[] s = spots[k];
                Box b = new Box(s[0], s[1], w, h);
                if (b.inside(inner) && obstacles.stream().noneMatch(b::intersects)) {
                    found = new Label(text, s[0], s[1] + asc, b, anchors[k]);
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            obstacles.add(new Box(
                    found.box().x() - 0.8, found.box().y() - 0.4, found.box().w() + 1.6, h + 0.8));
            out.add(found);
        }
        return out;
    }

    boolean plottable(double x, double y) {
        return !(spec.y().scale() == PlotSpec.Scale.LOG && !(y > 0))
                && !(spec.x().scale() == PlotSpec.Scale.LOG && !(x > 0))
                && Double.isFinite(x)
                && Double.isFinite(y);
    }

    /** Data range of an axis over every layer but bands (a wide band is clipped rather than squash the points). */
    private static double[] range(PlotSpec spec, boolean isX) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        PlotSpec.Scale scale = isX ? spec.x().scale() : spec.y().scale();
        for (var l : spec.layers()) {
            for (var p : l.points()) {
                if (l.kind() == PlotSpec.Kind.BAND && !isX) {
                    continue;
                }
                double v = isX ? p.x() : p.y();
                if (!Double.isFinite(v) || (scale == PlotSpec.Scale.LOG && !(v > 0))) {
                    continue;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("a figure needs at least one point it can draw");
        }
        return new double[] {lo, hi};
    }

    /**
     * The axis range: a log axis from a decade to a decade, one more where a point would sit within a marker of
     * the frame; a linear or year axis padded by 5 % (a year axis spans at least a year).
     */
    static double[] axisRange(PlotSpec.Scale scale, double lo, double hi, double lengthPt) {
        if (scale == PlotSpec.Scale.LOG) {
            double a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
            if (b == a) {
                b++;
            }
            double margin = (MARKER_R + 2) / lengthPt; // as a fraction of the axis
            for (int i = 0; i < 3; i++) {
                if ((Math.log10(lo) - a) / (b - a) < margin) {
                    a--;
                }
                if ((b - Math.log10(hi)) / (b - a) < margin) {
                    b++;
                }
            }
            return new double[] {Math.pow(10, a), Math.pow(10, b)};
        }
        double span = hi - lo;
        double minSpan = scale == PlotSpec.Scale.YEAR ? 1.0 : (lo == 0 ? 1.0 : Math.abs(lo) * 0.2);
        if (span < minSpan) {
            double mid = (lo + hi) / 2;
            lo = mid - minSpan / 2;
            hi = mid + minSpan / 2;
            span = minSpan;
        }
        return new double[] {lo - 0.05 * span, hi + 0.05 * span};
    }

    static List<Tick> ticks(PlotSpec.Scale scale, double lo, double hi, int maxMajor) {
        List<Tick> t = new ArrayList<>();
        if (scale == PlotSpec.Scale.LOG) {
            int a = (int) Math.round(Math.log10(lo)), b = (int) Math.round(Math.log10(hi));
            boolean plain = a >= -3 && b <= 4; // one style per axis: plain numbers, or powers of ten throughout
            for (int k = a; k <= b; k++) {
                double v = Math.pow(10, k);
                t.add(decadeTick(k, v, plain));
                if (k < b) {
                    for (int m = 2; m <= 9; m++) {
                        t.add(new Tick(m * v, 0, null, null));
                    }
                }
            }
            return t;
        }
        double span = hi - lo;
        double step = niceStep(span, maxMajor, scale == PlotSpec.Scale.YEAR);
        double minorStep = minorStep(step, scale == PlotSpec.Scale.YEAR);
        long first = (long) Math.ceil(lo / minorStep - 1e-9);
        for (long i = first; i * minorStep <= hi + 1e-9; i++) {
            double v = i * minorStep;
            double q = v / step;
            boolean major = Math.abs(q - Math.rint(q)) < 1e-9;
            t.add(major ? new Tick(v, 0, formatLinear(v, step), null) : new Tick(v, 0, null, null));
        }
        return t;
    }

    static Tick decadeTick(int k, double v, boolean plain) {
        if (plain) {
            return new Tick(v, 0, k >= 0 ? String.valueOf((long) v) : "0." + "0".repeat(-k - 1) + "1", null);
        }
        return new Tick(v, 0, "10", (k < 0 ? "\u2212" : "") + Math.abs(k));
    }

    static double niceStep(double span, int maxMajor, boolean whole) {
        double[] mults = {1, 2, 5};
        for (int e = whole ? 0 : -12; e < 12; e++) {
            for (double m : mults) {
                double s = m * Math.pow(10, e);
                if (span / s <= maxMajor) {
                    return s;
                }
            }
        }
        return Math.pow(10, 12);
    }

    static double minorStep(double step, boolean year) {
        if (year && step == 1) {
            return 0.25; // quarters
        }
        double lead = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        return Math.abs(lead - 2) < 1e-9 ? step / 2 : step / 5;
    }

    static String formatLinear(double v, double step) {
        if (Math.abs(v) < step * 1e-9) {
            return "0";
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }
}
