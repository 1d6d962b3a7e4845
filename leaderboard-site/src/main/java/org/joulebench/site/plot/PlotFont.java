package org.joulebench.site.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The one font every format draws and measures with: Liberation Sans (SIL Open Font License, metric-compatible
 * with Arial and Helvetica), the TrueType file PDFBox ships. Widths come from its own advance widths, so the
 * layout measured here is what the PDF (which embeds a subset of it) and the PNG show, and what an SVG viewer
 * shows with Liberation Sans, Arial or Helvetica.
 */
public final class PlotFont {
    static final String RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    public static final String SVG_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif";

    private static final byte[] BYTES;
    private static final TrueTypeFont TTF;

    static {
        try (InputStream in = PlotFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the class path: " + RESOURCE);
            }
            BYTES = in.readAllBytes();
            TTF = new TTFParser().parse(new RandomAccessReadBuffer(BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the figure font " + RESOURCE, e);
        }
    }

    public static InputStream open() {
        return new java.io.ByteArrayInputStream(BYTES);
    }

    /** Advance width of {@code s} at {@code size} points, in points. */
    public static double width(String s, double size) {
        try {
            var cmap = TTF.getUnicodeCmapLookup();
            double units = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                units += TTF.getAdvanceWidth(cmap.getGlyphId(cp));
                i += Character.charCount(cp);
            }
            return units / TTF.getUnitsPerEm() * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cap height and descender as fractions of the size (Liberation Sans: 0.729 and 0.212). */
    public static final double ASCENT = 0.73;

    public static final double DESCENT = 0.21;

    private PlotFont() {}
}
