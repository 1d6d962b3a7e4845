package org.joulebench.site.plot;

import java.awt.Color;

/**
 * Okabe and Ito's color-blind-safe palette (Okabe &amp; Ito 2008, "Color Universal Design"), ordered so that
 * neighbouring series also differ in lightness, each with its own marker shape so the series stay apart in
 * grayscale. Yellow is left out: it vanishes on white paper.
 */
public final class Palette {
    private static final Color[] COLOURS = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x00, 0x00), // black
    };
    /** For context that is not measured (datasheets, models): gray. */
    public static final int GRAY = 100;

    public enum Marker {
        CIRCLE("*"),
        SQUARE("square*"),
        TRIANGLE("triangle*"),
        DIAMOND("diamond*"),
        TRIANGLE_DOWN("triangle*"),
        PENTAGON("pentagon*"),
        CROSS("x");

        /** pgfplots' name for the mark. */
        public final String pgf;

        Marker(String pgf) {
            this.pgf = pgf;
        }
    }

    public static Color color(int style) {
        return style == GRAY ? new Color(0x70, 0x70, 0x70) : COLOURS[Math.floorMod(style, COLOURS.length)];
    }

    public static Marker marker(int style) {
        return style == GRAY ? Marker.DIAMOND : Marker.values()[Math.floorMod(style, Marker.values().length)];
    }

    /** The color mixed with white: a confidence band light enough for points to show through, no transparency. */
    public static Color tint(int style, double amount) {
        Color c = color(style);
        return new Color(
                (int) Math.round(255 - (255 - c.getRed()) * amount),
                (int) Math.round(255 - (255 - c.getGreen()) * amount),
                (int) Math.round(255 - (255 - c.getBlue()) * amount));
    }

    public static String hex(Color c) {
        return String.format("%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
    }

    private Palette() {}
}
