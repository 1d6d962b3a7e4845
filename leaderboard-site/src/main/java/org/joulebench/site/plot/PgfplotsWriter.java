package org.joulebench.site.plot;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figure as pgfplots: a snippet ({@code NAME-pgfplots.tex}) an author {@code \input}s so the figure takes the
 * paper's fonts, its data ({@code NAME.dat}, tab-separated, one {@code layer} column picking each plot's rows),
 * and a complete document ({@code NAME.tex}) that {@code pdflatex} compiles unchanged to a page the figure's size.
 * Axis ranges, ticks, colors, marks and label positions are the layout's, so it shows what the PDF shows.
 */
final class PgfplotsWriter {
    private PgfplotsWriter() {}

    record Files(String snippet, String data, String document) {}

    static Files write(Layout lay, String baseName) {
        return write(List.of(lay), baseName);
    }

    /**
     * One figure of one or more panels: a single layout gets an axis {@code \\jbfigurewidth} wide; panels get
     * each its own axis box placed where the layout put it ({@code scale only axis}), all in one picture.
     */
    static Files write(List<Layout> panels, String baseName) {
        boolean grid = panels.size() > 1;
        String dataFile = baseName + ".dat";
        StringBuilder dat = new StringBuilder("layer\tx\ty\tlabel\tanchor\n");
        StringBuilder t = new StringBuilder();
        t.append("% joulebench figure ")
                .append(baseName)
                .append(" (pgfplots 1.18; data in ")
                .append(dataFile)
                .append(").\n% In a paper: \\usepackage{pgfplots}\\pgfplotsset{compat=1.18}, then\n")
                .append(
                        grid
                                ? "%   \\input{" + baseName + "-pgfplots}\n"
                                : "%   \\def\\jbfigurewidth{\\columnwidth}\\input{" + baseName + "-pgfplots}\n")
                .append("% The figure takes the document's fonts; the caption is in ")
                .append(baseName)
                .append(".caption.txt.\n")
                .append("\\providecommand\\jbfigurewidth{")
                .append(num(panels.getFirst().size.width))
                .append("pt}\n")
                .append("\\begin{tikzpicture}\n");
        java.util.Set<String> colors = new java.util.TreeSet<>();
        for (Layout lay : panels) {
            for (var l : lay.spec.layers()) {
                if (colors.add(colorName(l.style()))) {
                    t.append("\\definecolor{jb")
                            .append(colorName(l.style()))
                            .append("}{HTML}{")
                            .append(Palette.hex(Palette.color(l.style())))
                            .append("}\n");
                }
            }
        }
        for (int pi = 0; pi < panels.size(); pi++) {
            Layout lay = panels.get(pi);
            int base = pi * 100;
            data(dat, lay, base);
            axisBlock(t, lay, dataFile, base, grid);
        }
        t.append("\\end{tikzpicture}\n");
        String doc = "% Compiles unchanged: pdflatex " + baseName + ".tex (needs " + baseName + "-pgfplots.tex and "
                + dataFile + " beside it)\n"
                + "\\documentclass{article}\n\\usepackage{pgfplots}\n"
                + "\\pgfplotsset{compat=1.18}\n\\pdfinfoomitdate=1 \\pdftrailerid{} \\pdfsuppressptexinfo=-1\n"
                + "\\begin{document}\n\\newsavebox\\jbfig\n\\sbox\\jbfig{\\input{" + baseName + "-pgfplots}}\n"
                + "\\pdfpagewidth=\\wd\\jbfig \\pdfpageheight=\\dimexpr\\ht\\jbfig+\\dp\\jbfig\\relax\n"
                + "\\hoffset=-1in \\voffset=-1in\n\\shipout\\box\\jbfig\n\\end{document}\n";
        return new Files(t.toString(), dat.toString(), doc);
    }

    private static void data(StringBuilder dat, Layout lay, int base) {
        var spec = lay.spec;
        Map<PlotSpec.Pt, Layout.Label> labelOf = new IdentityHashMap<>();
        if (!lay.labels.isEmpty()) {
            List<PlotSpec.Pt> lp = lay.labelledPoints();
            for (int i = 0; i < lp.size(); i++) {
                labelOf.put(lp.get(i), lay.labels.get(i));
            }
        }
        for (int li = 0; li < spec.layers().size(); li++) {
            var l = spec.layers().get(li);
            int id = base + li;
            if (l.kind() == PlotSpec.Kind.BAND) { // the band as one closed polygon: upper edge out, lower edge back
                for (var p : l.points()) {
                    dat.append(id)
                            .append('\t')
                            .append(num(p.x()))
                            .append('\t')
                            .append(num(lay.clampY(p.y2())))
                            .append("\t{}\tcenter\n");
                }
                for (var p : l.points().reversed()) {
                    dat.append(id)
                            .append('\t')
                            .append(num(p.x()))
                            .append('\t')
                            .append(num(lay.clampY(p.y())))
                            .append("\t{}\tcenter\n");
                }
                continue;
            }
            for (var p : l.points()) {
                if (!lay.plottable(p.x(), p.y())) {
                    continue;
                }
                Layout.Label lab = labelOf.get(p);
                dat.append(id)
                        .append('\t')
                        .append(num(p.x()))
                        .append('\t')
                        .append(num(p.y()))
                        .append('\t')
                        .append(lab == null ? "{}" : "{" + tex(lab.text()) + "}")
                        .append('\t')
                        .append(lab == null ? "center" : "{" + lab.texAnchor() + "}")
                        .append('\n');
            }
        }
    }

    private static void axisBlock(StringBuilder t, Layout lay, String dataFile, int base, boolean grid) {
        var spec = lay.spec;
        t.append("\\begin{axis}[\n");
        if (grid) {
            t.append("  scale only axis, width=")
                    .append(num(lay.plot.w()))
                    .append("pt, height=")
                    .append(num(lay.plot.h()))
                    .append("pt, anchor=north west, at={(")
                    .append(num(lay.plot.x()))
                    .append("pt,")
                    .append(num(-lay.plot.y()))
                    .append("pt)},\n");
            if (lay.title != null) {
                t.append("  title={").append(tex(lay.title)).append("}, title style={font=\\footnotesize},\n");
            }
        } else {
            t.append("  width=\\jbfigurewidth, height={")
                    .append(num(lay.size.height / lay.size.width))
                    .append("*\\jbfigurewidth},\n");
        }
        t.append("  xmin=")
                .append(num(lay.xmin))
                .append(", xmax=")
                .append(num(lay.xmax))
                .append(", ymin=")
                .append(num(lay.ymin))
                .append(", ymax=")
                .append(num(lay.ymax))
                .append(",\n");
        axis(t, "x", spec.x().scale(), lay.xTicks);
        axis(t, "y", spec.y().scale(), lay.yTicks);
        if (lay.uprightXLabels) {
            t.append("  xticklabel style={rotate=90, anchor=east},\n");
        }
        t.append("  xlabel={")
                .append(tex(spec.x().label()))
                .append("}, ylabel={")
                .append(tex(spec.y().label()))
                .append("},\n")
                .append("  tick label style={font=\\footnotesize}, label style={font=\\footnotesize},\n")
                .append("  tick align=outside, tick pos=left, grid=major, major grid style={gray!20},\n")
                .append("  legend style={font=\\scriptsize, draw=none, fill=none, at={(0,1.02)}, anchor=south west,")
                .append(" legend columns=")
                .append(lay.size == FigureSize.SINGLE ? 2 : 4)
                .append(", /tikz/every even column/.append style={column sep=6pt}},\n")
                .append("  legend cell align=left,\n")
                .append("  table/col sep=tab, table/x=x, table/y=y,\n")
                .append("]\n");
        java.util.Set<String> named = new java.util.HashSet<>();
        boolean legend = !lay.legend.isEmpty();
        for (int li = 0; li < spec.layers().size(); li++) {
            var l = spec.layers().get(li);
            String c = "jb" + colorName(l.style());
            String restrict = "restrict expr to domain={\\thisrow{layer}}{" + (base + li) + ":" + (base + li) + "}";
            boolean entry = legend && l.name() != null && !l.name().isEmpty() && named.add(l.name());
            String forget = entry ? "" : "forget plot, ";
            switch (l.kind()) {
                case BAND ->
                    t.append("\\addplot[")
                            .append(forget)
                            .append("draw=none, fill=")
                            .append(c)
                            .append("!22, area legend, ")
                            .append(restrict)
                            .append("] table {")
                            .append(dataFile)
                            .append("} -- cycle;\n");
                case LINE, STEP ->
                    t.append("\\addplot[")
                            .append(forget)
                            .append(c)
                            .append(", thick, no marks, ")
                            .append(l.kind() == PlotSpec.Kind.STEP ? "const plot, " : "")
                            .append(l.dashed() ? "dashed, " : "")
                            .append(restrict)
                            .append("] table {")
                            .append(dataFile)
                            .append("};\n");
                case POINTS -> {
                    boolean labelled = l.labelled() && !lay.labels.isEmpty();
                    t.append("\\addplot[")
                            .append(forget)
                            .append("only marks, mark=")
                            .append(Palette.marker(l.style()).pgf)
                            .append(", mark size=")
                            .append(num(Layout.MARKER_R * 0.8))
                            .append("pt, color=")
                            .append(c)
                            .append(", mark options={solid")
                            .append(l.hollow() ? ", fill=white" : "")
                            .append(Palette.marker(l.style()) == Palette.Marker.TRIANGLE_DOWN ? ", rotate=180" : "")
                            .append("}, ")
                            .append(restrict);
                    if (labelled) {
                        t.append(",\n  nodes near coords, point meta=explicit symbolic,")
                                .append(" visualization depends on={value \\thisrow{anchor} \\as \\jbanchor},\n")
                                .append("  every node near coord/.append style={font=\\scriptsize, text=black,")
                                .append(" anchor=\\jbanchor, inner sep=1.5pt}");
                    }
                    t.append("] table")
                            .append(labelled ? "[meta=label]" : "")
                            .append(" {")
                            .append(dataFile)
                            .append("};\n");
                }
            }
            if (entry) {
                t.append("\\addlegendentry{").append(tex(l.name())).append("}\n");
            }
        }
        t.append("\\end{axis}\n");
    }

    private static void axis(StringBuilder t, String a, PlotSpec.Scale scale, List<Layout.Tick> ticks) {
        if (scale == PlotSpec.Scale.LOG) {
            t.append("  ").append(a).append("mode=log, log basis ").append(a).append("=10,\n");
            if (ticks.stream().filter(Layout.Tick::major).allMatch(x -> x.sup() == null)) {
                t.append("  log ticks with fixed point,\n");
            }
        }
        t.append("  ")
                .append(a)
                .append("tick={")
                .append(ticks.stream()
                        .filter(Layout.Tick::major)
                        .map(x -> num(x.value()))
                        .collect(Collectors.joining(",")))
                .append("}, minor ")
                .append(a)
                .append("tick={")
                .append(ticks.stream()
                        .filter(x -> !x.major())
                        .map(x -> num(x.value()))
                        .collect(Collectors.joining(",")))
                .append("},\n");
        if (scale == PlotSpec.Scale.YEAR) {
            t.append("  xticklabel style={/pgf/number format/1000 sep={}, /pgf/number format/fixed},\n");
        }
        if (scale == PlotSpec.Scale.CATEGORY) {
            t.append("  ")
                    .append(a)
                    .append("ticklabels={")
                    .append(ticks.stream().map(x -> "{" + tex(x.base()) + "}").collect(Collectors.joining(",")))
                    .append("}, ")
                    .append(a)
                    .append("majorgrids=false,\n");
        }
    }

    private static String colorName(int style) {
        return style == Palette.GRAY ? "gray" : String.valueOf((char) ('a' + Math.floorMod(style, 26)));
    }

    static String num(double v) {
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
            return String.format(Locale.ROOT, "%.10e", v);
        }
        String s = String.format(Locale.ROOT, "%.10f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** Text safe in TeX: the special characters escaped, the few non-ASCII ones the figures use spelled in TeX. */
    static String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\textbackslash{}");
                case '{', '}', '&', '%', '$', '#', '_' -> b.append('\\').append(ch);
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '\u00B1' -> b.append("$\\pm$");
                case '\u2013' -> b.append("--");
                case '\u2212' -> b.append("$-$");
                case '\u2264' -> b.append("$\\le$");
                case '\u2265' -> b.append("$\\ge$");
                case '\u00B5' -> b.append("$\\mu$");
                case '\u00D7' -> b.append("$\\times$");
                default -> b.append(ch < 128 ? String.valueOf(ch) : "?");
            }
        }
        return b.toString();
    }
}
