package org.joulebench.site.plot;

import java.awt.Color;
import java.util.Locale;

/** SVG with its text as text (Liberation Sans or a metric twin), one element per stroke, each with its role. */
final class SvgCanvas implements Canvas {
    private final StringBuilder out = new StringBuilder();

    SvgCanvas(double w, double h) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(n(w))
                .append("pt\" height=\"")
                .append(n(h))
                .append("pt\" viewBox=\"0 0 ")
                .append(n(w))
                .append(' ')
                .append(n(h))
                .append("\" font-family=\"")
                .append(PlotFont.SVG_FAMILY)
                .append("\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");
    }

    String finish() {
        return out + "</svg>\n";
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    private static String col(Color c) {
        return "#" + Palette.hex(c);
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        return b.toString();
    }

    @Override
    public void line(double[] xs, double[] ys, Color c, double width, double[] dash, String role) {
        out.append("<polyline class=\"")
                .append(role)
                .append("\" points=\"")
                .append(points(xs, ys))
                .append("\" fill=\"none\" stroke=\"")
                .append(col(c))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"');
        if (dash != null) {
            out.append(" stroke-dasharray=\"")
                    .append(n(dash[0]))
                    .append(' ')
                    .append(n(dash[1]))
                    .append('"');
        }
        out.append("/>\n");
    }

    @Override
    public void fill(double[] xs, double[] ys, Color c, String role) {
        out.append("<polygon class=\"")
                .append(role)
                .append("\" points=\"")
                .append(points(xs, ys))
                .append("\" fill=\"")
                .append(col(c))
                .append("\" stroke=\"none\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color c, double width, String role) {
        out.append("<rect class=\"")
                .append(role)
                .append("\" x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(n(h))
                .append("\" fill=\"none\" stroke=\"")
                .append(col(c))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append("\"/>\n");
    }

    @Override
    public void marker(Palette.Marker m, double x, double y, double r, Color c, boolean hollow, String role) {
        String paint = "fill=\"" + (hollow ? "#FFFFFF" : col(c)) + "\" stroke=\"" + col(c) + "\" stroke-width=\"0.6\"";
        if (m == Palette.Marker.CIRCLE) {
            out.append("<circle class=\"")
                    .append(role)
                    .append("\" cx=\"")
                    .append(n(x))
                    .append("\" cy=\"")
                    .append(n(y))
                    .append("\" r=\"")
                    .append(n(r))
                    .append("\" ")
                    .append(paint)
                    .append("/>\n");
            return;
        }
        double[][] p = Painter.markerPolygon(m, x, y, r);
        double[] xs = new double[p.length], ys = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            xs[i] = p[i][0];
            ys[i] = p[i][1];
        }
        out.append("<polygon class=\"")
                .append(role)
                .append("\" points=\"")
                .append(points(xs, ys))
                .append("\" ")
                .append(paint)
                .append("/>\n");
    }

    @Override
    public void text(String s, String sup, double x, double y, double size, Anchor a, boolean vertical, String role) {
        String anchor = switch (a) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        out.append("<text class=\"")
                .append(role)
                .append("\" x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" font-size=\"")
                .append(n(size))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append('"');
        if (vertical) {
            out.append(" transform=\"rotate(-90 ")
                    .append(n(x))
                    .append(' ')
                    .append(n(y))
                    .append(")\"");
        }
        out.append('>').append(esc(s));
        if (sup != null) {
            out.append("<tspan font-size=\"")
                    .append(n(size * 0.7))
                    .append("\" dy=\"")
                    .append(n(-size * 0.38))
                    .append("\">")
                    .append(esc(sup))
                    .append("</tspan>");
        }
        out.append("</text>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
