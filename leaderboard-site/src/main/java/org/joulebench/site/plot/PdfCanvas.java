package org.joulebench.site.plot;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

/**
 * Vector PDF through PDFBox: one page the figure's size, text as text in an embedded subset of the figure font
 * (so {@code pdffonts} lists it and {@code pdftotext} extracts it). No dates and a document ID derived from the
 * content: the same figure gives the same bytes.
 */
final class PdfCanvas implements Canvas {
    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private final PDPageContentStream cs;
    private final double h;

    PdfCanvas(double w, double h) {
        this.h = h;
        try {
            PDPage page = new PDPage(new PDRectangle((float) w, (float) h));
            doc.addPage(page);
            font = PDType0Font.load(doc, PlotFont.open(), true);
            cs = new PDPageContentStream(doc, page);
            cs.setLineJoinStyle(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PDF figure", e);
        }
    }

    byte[] finish(String title) {
        try {
            cs.close();
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setProducer("joulebench");
            // a fixed ID from the title: PDFBox would otherwise derive one from the clock
            byte[] id = java.security.MessageDigest.getInstance("MD5")
                    .digest(title.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            doc.close();
            return out.toByteArray();
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot write the PDF figure", e);
        }
    }

    private float fy(double y) {
        return (float) (h - y);
    }

    private void path(double[] xs, double[] ys) throws IOException {
        cs.moveTo((float) xs[0], fy(ys[0]));
        for (int i = 1; i < xs.length; i++) {
            cs.lineTo((float) xs[i], fy(ys[i]));
        }
    }

    @Override
    public void line(double[] xs, double[] ys, Color c, double width, double[] dash, String role) {
        try {
            cs.setStrokingColor(c);
            cs.setLineWidth((float) width);
            cs.setLineDashPattern(dash == null ? new float[0] : new float[] {(float) dash[0], (float) dash[1]}, 0);
            path(xs, ys);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void fill(double[] xs, double[] ys, Color c, String role) {
        try {
            cs.setNonStrokingColor(c);
            path(xs, ys);
            cs.closePath();
            cs.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rect(double x, double y, double w, double hh, Color c, double width, String role) {
        try {
            cs.setStrokingColor(c);
            cs.setLineWidth((float) width);
            cs.setLineDashPattern(new float[0], 0);
            cs.addRect((float) x, fy(y + hh), (float) w, (float) hh);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void marker(Palette.Marker m, double x, double y, double r, Color c, boolean hollow, String role) {
        try {
            cs.setStrokingColor(c);
            cs.setNonStrokingColor(hollow ? Color.WHITE : c);
            cs.setLineWidth(0.6f);
            cs.setLineDashPattern(new float[0], 0);
            if (m == Palette.Marker.CIRCLE) {
                float k = (float) (0.5523 * r), cx = (float) x, cy = fy(y), rr = (float) r;
                cs.moveTo(cx + rr, cy);
                cs.curveTo(cx + rr, cy + k, cx + k, cy + rr, cx, cy + rr);
                cs.curveTo(cx - k, cy + rr, cx - rr, cy + k, cx - rr, cy);
                cs.curveTo(cx - rr, cy - k, cx - k, cy - rr, cx, cy - rr);
                cs.curveTo(cx + k, cy - rr, cx + rr, cy - k, cx + rr, cy);
            } else {
                double[][] p = Painter.markerPolygon(m, x, y, r);
                cs.moveTo((float) p[0][0], fy(p[0][1]));
                for (int i = 1; i < p.length; i++) {
                    cs.lineTo((float) p[i][0], fy(p[i][1]));
                }
            }
            cs.closePath();
            cs.fillAndStroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text as the embedded font can draw it: control and format characters (a TAB in a submitted name, a
     * direction mark) become spaces, and a character the font has no glyph for becomes '?', rather than failing
     * the whole figure on one label.
     */
    private String drawable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                out.append(' ');
                return;
            }
            String one = new String(Character.toChars(cp));
            try {
                font.encode(one);
                out.append(one);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    @Override
    public void text(String s0, String sup0, double x, double y, double size, Anchor a, boolean vertical, String role) {
        String s = drawable(s0);
        String sup = drawable(sup0);
        double w = PlotFont.width(s, size) + (sup == null ? 0 : PlotFont.width(sup, size * 0.7));
        double shift = switch (a) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        try {
            cs.setNonStrokingColor(Color.BLACK);
            cs.beginText();
            Matrix m = vertical
                    ? new Matrix(0, 1, -1, 0, (float) x, fy(y - shift)) // reads upwards: starts below (x, y)
                    : Matrix.getTranslateInstance((float) (x + shift), fy(y));
            cs.setTextMatrix(m);
            cs.setFont(font, (float) size);
            cs.showText(s);
            if (sup != null) {
                cs.setFont(font, (float) (size * 0.7));
                cs.setTextRise((float) (size * 0.38));
                cs.showText(sup);
                cs.setTextRise(0);
            }
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw text '" + s + "' in the PDF figure", e);
        }
    }
}
