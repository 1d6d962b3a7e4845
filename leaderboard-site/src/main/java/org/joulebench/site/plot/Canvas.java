package org.joulebench.site.plot;

import java.awt.Color;

/** What a format must draw; coordinates in points from the top-left corner. */
interface Canvas {
    enum Anchor {
        START,
        MIDDLE,
        END
    }

    /** An open polyline; {@code dash} null for solid. */
    void line(double[] xs, double[] ys, Color c, double width, double[] dash, String role);

    void fill(double[] xs, double[] ys, Color c, String role);

    void rect(double x, double y, double w, double h, Color c, double width, String role);

    void marker(Palette.Marker m, double x, double y, double radius, Color c, boolean hollow, String role);

    /**
     * Text at baseline {@code y}; {@code sup} (may be null) is an exponent drawn after it, smaller and raised;
     * {@code vertical} turns it 90 degrees counter-clockwise about (x, y).
     */
    void text(String s, String sup, double x, double y, double size, Anchor a, boolean vertical, String role);
}
