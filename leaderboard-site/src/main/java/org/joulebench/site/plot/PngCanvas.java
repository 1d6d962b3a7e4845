package org.joulebench.site.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;

/** PNG at 300 dpi (its pHYs chunk says so) drawn with Java 2D from the same layout, in the same font. */
final class PngCanvas implements Canvas {
    static final double DPI = 300;
    private static final Font BASE;

    static {
        try {
            BASE = Font.createFont(Font.TRUETYPE_FONT, PlotFont.open());
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("cannot load the figure font for PNG", e);
        }
    }

    private final BufferedImage img;
    private final Graphics2D g;

    PngCanvas(double w, double h) {
        double s = DPI / 72;
        img = new BufferedImage((int) Math.round(w * s), (int) Math.round(h * s), BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(s, s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    byte[] finish() {
        g.dispose();
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            IIOMetadata meta = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(img), writer.getDefaultWriteParam());
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
            IIOMetadataNode dim = new IIOMetadataNode("Dimension");
            for (String axis : new String[] {"HorizontalPixelSize", "VerticalPixelSize"}) {
                IIOMetadataNode n = new IIOMetadataNode(axis);
                n.setAttribute("value", Double.toString(25.4 / DPI)); // millimetres per pixel
                dim.appendChild(n);
            }
            root.appendChild(dim);
            meta.mergeTree("javax_imageio_1.0", root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(new IIOImage(img, null, meta));
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PNG figure", e);
        }
    }

    private static Path2D path(double[] xs, double[] ys) {
        Path2D p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        return p;
    }

    @Override
    public void line(double[] xs, double[] ys, Color c, double width, double[] dash, String role) {
        g.setColor(c);
        g.setStroke(new BasicStroke(
                (float) width,
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND,
                10f,
                dash == null ? null : new float[] {(float) dash[0], (float) dash[1]},
                0f));
        g.draw(path(xs, ys));
    }

    @Override
    public void fill(double[] xs, double[] ys, Color c, String role) {
        Path2D p = path(xs, ys);
        p.closePath();
        g.setColor(c);
        g.fill(p);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color c, double width, String role) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width));
        g.draw(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void marker(Palette.Marker m, double x, double y, double r, Color c, boolean hollow, String role) {
        java.awt.Shape s;
        if (m == Palette.Marker.CIRCLE) {
            s = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        } else {
            double[][] p = Painter.markerPolygon(m, x, y, r);
            Path2D path = new Path2D.Double();
            path.moveTo(p[0][0], p[0][1]);
            for (int i = 1; i < p.length; i++) {
                path.lineTo(p[i][0], p[i][1]);
            }
            path.closePath();
            s = path;
        }
        g.setColor(hollow ? Color.WHITE : c);
        g.fill(s);
        g.setColor(c);
        g.setStroke(new BasicStroke(0.6f));
        g.draw(s);
    }

    @Override
    public void text(String s, String sup, double x, double y, double size, Anchor a, boolean vertical, String role) {
        double w = PlotFont.width(s, size) + (sup == null ? 0 : PlotFont.width(sup, size * 0.7));
        double shift = switch (a) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.setColor(Color.BLACK);
        g.setFont(BASE.deriveFont((float) size));
        g.drawString(s, (float) shift, 0f);
        if (sup != null) {
            g.setFont(BASE.deriveFont((float) (size * 0.7)));
            g.drawString(sup, (float) (shift + PlotFont.width(s, size)), (float) (-size * 0.38));
        }
        g.setTransform(saved);
    }
}
