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

    /** One format's bytes. */
    public static byte[] render(Layout lay, Format f, String title) {
        return switch (f) {
            case PDF -> {
                PdfCanvas c = new PdfCanvas(lay.size.width, lay.size.height);
                Painter.paint(lay, c);
                yield c.finish(title);
            }
            case SVG -> {
                SvgCanvas c = new SvgCanvas(lay.size.width, lay.size.height);
                Painter.paint(lay, c);
                yield c.finish().getBytes(StandardCharsets.UTF_8);
            }
            case PNG -> {
                PngCanvas c = new PngCanvas(lay.size.width, lay.size.height);
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
