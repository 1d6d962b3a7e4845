package org.joulebench.site.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link PlotSpec} in every format at both column widths: {@code NAME-single.pdf/.svg/.png},
 * {@code NAME-double.pdf/.svg/.png}, and the pgfplots trio {@code NAME.tex}, {@code NAME-pgfplots.tex},
 * {@code NAME.dat}. Nothing in them depends on the clock: the same spec gives the same bytes.
 */
public final class PlotFiles {
    public enum Format {
        PDF,
        SVG,
        PNG
    }

    /** What was written, and each size's layout (its labelling decides whether the caption needs a key). */
    public record Written(List<Path> files, Map<FigureSize, Layout> layouts) {
        /** True when some size numbered its points or could not label them: the caption must carry the key. */
        public boolean needsKey() {
            return layouts.values().stream().anyMatch(l -> l.labelling() != Layout.Labelling.NAMES)
                    && !layouts.values().iterator().next().key().isEmpty();
        }

        public Layout.Labelling labelling(FigureSize s) {
            return layouts.get(s).labelling();
        }

        public List<String> key() {
            return layouts.values().iterator().next().key();
        }
    }

    private PlotFiles() {}

    public static Written write(PlotSpec spec, Path outDir, String baseName, String title) {
        List<Path> files = new ArrayList<>();
        Map<FigureSize, Layout> layouts = new EnumMap<>(FigureSize.class);
        try {
            Files.createDirectories(outDir);
            for (FigureSize size : FigureSize.values()) {
                Layout lay = Layout.of(spec, size);
                layouts.put(size, lay);
                String stem = baseName + "-" + size.suffix;
                for (Format f : Format.values()) {
                    Path p = outDir.resolve(stem + "." + f.name().toLowerCase(java.util.Locale.ROOT));
                    Files.write(p, render(lay, f, title));
                    files.add(p);
                }
            }
            var pgf = PgfplotsWriter.write(layouts.get(FigureSize.SINGLE), baseName);
            files.add(write(outDir.resolve(baseName + ".tex"), pgf.document()));
            files.add(write(outDir.resolve(baseName + "-pgfplots.tex"), pgf.snippet()));
            files.add(write(outDir.resolve(baseName + ".dat"), pgf.data()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + baseName + " into " + outDir, e);
        }
        return new Written(List.copyOf(files), layouts);
    }

    /**
     * Panels in a grid sharing their axes (the union of their ranges), {@code columns} wide, the legend over the first
     * row, each panel titled; the same files as {@link #write}.
     */
    public static Written writeGrid(
            List<PlotSpec> panels, List<String> titles, int columns, Path outDir, String baseName, String title) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one panel");
        }
        List<Path> files = new ArrayList<>();
        Map<FigureSize, Layout> first = new EnumMap<>(FigureSize.class);
        try {
            Files.createDirectories(outDir);
            List<Layout> singlePanels = null;
            for (FigureSize size : FigureSize.values()) {
                int cols = Math.max(1, Math.min(columns, size == FigureSize.SINGLE ? 2 : columns));
                int rows = (panels.size() + cols - 1) / cols;
                double cellW = size.width / cols;
                double cellH = size.height * (size == FigureSize.SINGLE ? 0.62 : 0.75);
                double[] xr = union(panels, true, cellW), yr = union(panels, false, cellH);
                // the first row carries the legend: its cells are taller by what the legend takes
                Layout probe = Layout.panel(
                        panels.getFirst(),
                        size,
                        1,
                        1,
                        new Layout.Box(0, 0, cellW, cellH),
                        xr,
                        yr,
                        true,
                        titles.getFirst());
                Layout bare = Layout.panel(
                        panels.getFirst(),
                        size,
                        1,
                        1,
                        new Layout.Box(0, 0, cellW, cellH),
                        xr,
                        yr,
                        false,
                        titles.getFirst());
                double legendH = probe.plot.y() - bare.plot.y();
                double pageH = rows * cellH + legendH;
                List<Layout> lays = new ArrayList<>();
                for (int i = 0; i < panels.size(); i++) {
                    int r = i / cols, c = i % cols;
                    boolean top = r == 0;
                    Layout.Box cell = new Layout.Box(
                            c * cellW, top ? 0 : legendH + r * cellH, cellW, top ? cellH + legendH : cellH);
                    lays.add(Layout.panel(panels.get(i), size, size.width, pageH, cell, xr, yr, i == 0, titles.get(i)));
                }
                // the first row's other panels line up with the first one (their plot areas start as low)
                for (int i = 1; i < Math.min(cols, lays.size()); i++) {
                    Layout.Box cell = new Layout.Box(i * cellW, legendH, cellW, cellH);
                    lays.set(
                            i,
                            Layout.panel(panels.get(i), size, size.width, pageH, cell, xr, yr, false, titles.get(i)));
                }
                first.put(size, lays.getFirst());
                if (size == FigureSize.SINGLE) {
                    singlePanels = lays;
                }
                String stem = baseName + "-" + size.suffix;
                for (Format f : Format.values()) {
                    Path p = outDir.resolve(stem + "." + f.name().toLowerCase(java.util.Locale.ROOT));
                    Files.write(p, renderAll(lays, f, title, size.width, pageH));
                    files.add(p);
                }
            }
            var pgf = PgfplotsWriter.write(singlePanels, baseName);
            files.add(write(outDir.resolve(baseName + ".tex"), pgf.document()));
            files.add(write(outDir.resolve(baseName + "-pgfplots.tex"), pgf.snippet()));
            files.add(write(outDir.resolve(baseName + ".dat"), pgf.data()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + baseName + " into " + outDir, e);
        }
        return new Written(List.copyOf(files), first);
    }

    private static double[] union(List<PlotSpec> panels, boolean isX, double lengthPt) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (PlotSpec p : panels) {
            double[] r = Layout.ownRange(p, isX, lengthPt * (isX ? 0.8 : 0.6));
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        return new double[] {lo, hi};
    }

    private static byte[] renderAll(List<Layout> lays, Format f, String title, double w, double h) {
        return switch (f) {
            case PDF -> {
                PdfCanvas c = new PdfCanvas(w, h);
                lays.forEach(l -> Painter.paint(l, c));
                yield c.finish(title);
            }
            case SVG -> {
                SvgCanvas c = new SvgCanvas(w, h);
                lays.forEach(l -> Painter.paint(l, c));
                yield c.finish().getBytes(StandardCharsets.UTF_8);
            }
            case PNG -> {
                PngCanvas c = new PngCanvas(w, h);
                lays.forEach(l -> Painter.paint(l, c));
                yield c.finish();
            }
        };
    }

    /** One format's bytes. */
    public static byte[] render(Layout lay, Format f, String title) {
        return switch (f) {
            case PDF -> {
                PdfCanvas c = new PdfCanvas(lay.pageWidth, lay.pageHeight);
                Painter.paint(lay, c);
                yield c.finish(title);
            }
            case SVG -> {
                SvgCanvas c = new SvgCanvas(lay.pageWidth, lay.pageHeight);
                Painter.paint(lay, c);
                yield c.finish().getBytes(StandardCharsets.UTF_8);
            }
            case PNG -> {
                PngCanvas c = new PngCanvas(lay.pageWidth, lay.pageHeight);
                Painter.paint(lay, c);
                yield c.finish();
            }
        };
    }

    private static Path write(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
        return p;
    }
}
