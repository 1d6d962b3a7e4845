package org.joulebench.site.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joulebench.results.record.BandwidthPoint;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Sweep;
import org.joulebench.site.plot.PlotSpec.Layer;
import org.joulebench.site.plot.PlotSpec.Pt;

/**
 * The size sweep's figures: throughput and energy per invocation against the working set (bytes read + written per
 * invocation, log), one series per implementation, the CPU's cache sizes marked (dashed gray verticals, from the
 * record's {@code sweep.cacheBytes}, else the calibration's last-level cache) and, on the throughput figure, the
 * record's calibrated bandwidth curve ({@link BandwidthPoint}s): for a bytes headline the triad's bandwidth itself,
 * for a FLOP headline the memory roof it implies at each point ({@code min(FMA peak, bandwidth at that working set ×
 * the point's intensity)}). The curve a chip paper shows to explain where efficiency comes from. Written in every
 * format of {@link PlotFiles} at both widths, with a caption and a CSV; nothing depends on the clock.
 */
public final class SweepFigure {

    /**
     * What was written.
     *
     * @param files every file
     * @param throughput the throughput figure's single-column SVG
     * @param energy the energy figure's single-column SVG, or {@code null} when no point has energy
     * @param csv the data, the caption as its header
     * @param caption the caption's text
     * @param points the points drawn (results)
     */
    public record Written(List<Path> files, Path throughput, Path energy, Path csv, String caption, int points) {}

    private SweepFigure() {}

    /**
     * Draws the sweep of {@code record} into {@code outDir} as {@code baseName-throughput-*}, {@code
     * baseName-energy-*}, {@code baseName.csv} and {@code baseName.caption.txt}.
     *
     * @param source how the caption names the record (e.g. its file name and SHA-256)
     */
    public static Written write(RunRecord record, String source, Path outDir, String baseName) {
        Sweep sweep = record.sweep();
        if (sweep == null) {
            throw new IllegalArgumentException("run " + record.runId() + " is not a size sweep (no sweep section):"
                    + " make one with ./joulebench sweep");
        }
        List<BenchmarkResult> points = record.results().stream()
                .filter(r -> r.status() == ResultStatus.OK && r.throughput() != null && r.work() != null)
                .filter(r -> workingSet(r) > 0 && r.throughput().value() > 0)
                .sorted(Comparator.comparingLong(SweepFigure::workingSet))
                .toList();
        if (points.isEmpty()) {
            throw new IllegalArgumentException(
                    "sweep " + record.runId() + " has no verified, timed point to draw (every point failed)");
        }
        String unit = points.getFirst().throughput().unit();
        Map<String, List<BenchmarkResult>> byImpl = new LinkedHashMap<>();
        points.forEach(r -> byImpl.computeIfAbsent(r.implementation().id(), k -> new ArrayList<>())
                .add(r));

        double xLo = workingSet(points.getFirst()), xHi = workingSet(points.getLast());
        List<Layer> tLayers = new ArrayList<>();
        List<Layer> eLayers = new ArrayList<>();
        int style = 0;
        double tLo = Double.POSITIVE_INFINITY, tHi = 0, eLo = Double.POSITIVE_INFINITY, eHi = 0;
        String energyLabel = null;
        boolean estimated = false;
        for (var e : byImpl.entrySet()) {
            List<Pt> t = new ArrayList<>(), en = new ArrayList<>();
            for (BenchmarkResult r : e.getValue()) {
                t.add(Pt.of(workingSet(r), r.throughput().value(), null));
                tLo = Math.min(tLo, r.throughput().value());
                tHi = Math.max(tHi, r.throughput().value());
                DomainEnergy d = energyOf(r);
                if (d != null && d.joulesPerOp() > 0) {
                    en.add(Pt.of(workingSet(r), d.joulesPerOp(), null));
                    eLo = Math.min(eLo, d.joulesPerOp());
                    eHi = Math.max(eHi, d.joulesPerOp());
                    energyLabel = d.domain() + (d.estimated() ? ", ESTIMATE (" + d.sensor() + ")" : ", " + d.sensor());
                    estimated |= d.estimated();
                }
            }
            String name = e.getKey();
            tLayers.add(Layer.points(name, style, t, false, false));
            tLayers.add(Layer.line(name, PlotSpec.Kind.LINE, style, t, false));
            if (!en.isEmpty()) {
                eLayers.add(Layer.points(name, style, en, false, false));
                eLayers.add(Layer.line(name, PlotSpec.Kind.LINE, style, en, false));
            }
            style++;
        }

        StringBuilder notes = new StringBuilder();
        List<Pt> curve = bandwidthCurve(record.calibration(), points, unit, xLo, xHi);
        if (!curve.isEmpty()) {
            String curveName = unit.equals("GB/s")
                    ? "triad bandwidth (calibration)"
                    : "memory roof from the bandwidth curve (calibration)";
            tLayers.add(Layer.line(curveName, PlotSpec.Kind.LINE, Palette.GRAY, curve, false));
            for (Pt p : curve) {
                tLo = Math.min(tLo, p.y());
                tHi = Math.max(tHi, p.y());
            }
            notes.append("solid gray: ")
                    .append(curveName)
                    .append(", the record's ")
                    .append(record.calibration().mode())
                    .append(" calibration (")
                    .append(record.calibration().bandwidthCurve().size())
                    .append(" working sets); ");
        }
        // the caches within a factor of 4 of the swept range: a level far outside it would only stretch the axis
        Map<String, Long> caches = new LinkedHashMap<>();
        caches(record).forEach((level, bytes) -> {
            if (bytes >= xLo / 4 && bytes <= xHi * 4) {
                caches.put(level, bytes);
            }
        });
        List<String> cacheText = new ArrayList<>();
        caches.forEach((level, bytes) -> cacheText.add(level + " " + bytesText(bytes)));
        if (!caches.isEmpty()) {
            String cacheName = "cache sizes";
            boolean anyEnergy = !eLayers.isEmpty();
            double eLoF = eLo, eHiF = eHi;
            for (var c : caches.entrySet()) {
                double x = c.getValue();
                tLayers.add(vertical(cacheName, x, tLo, tHi));
                tLayers.add(cacheLabel(c.getKey(), x, tHi));
                if (anyEnergy) {
                    eLayers.add(vertical(cacheName, x, eLoF, eHiF));
                    eLayers.add(cacheLabel(c.getKey(), x, eHiF));
                }
            }
            notes.append("dashed gray: the cache sizes (")
                    .append(String.join(", ", cacheText))
                    .append(
                            sweep.cacheBytes().isEmpty()
                                    ? ", the calibration's last-level cache"
                                    : ", read from the operating system by the sweep")
                    .append("); ");
        }

        PlotSpec.Axis x = new PlotSpec.Axis("working set (bytes read + written per invocation)", PlotSpec.Scale.LOG);
        List<Path> files = new ArrayList<>();
        String what = sweep.kernel() + " " + sweep.dtype() + " on " + sweep.backend() + ":" + sweep.device();
        var tw = PlotFiles.write(
                new PlotSpec(x, new PlotSpec.Axis("throughput (" + unit + ")", PlotSpec.Scale.LOG), tLayers),
                outDir,
                baseName + "-throughput",
                "size sweep " + what + ": throughput");
        files.addAll(tw.files());
        Path energySvg = null;
        if (!eLayers.isEmpty()) {
            var ew = PlotFiles.write(
                    new PlotSpec(
                            x,
                            new PlotSpec.Axis(
                                    // an estimate says so where the figure is read, not only in its caption
                                    "energy per invocation (J/op" + (estimated ? ", ESTIMATE)" : ")"),
                                    PlotSpec.Scale.LOG),
                            eLayers),
                    outDir,
                    baseName + "-energy",
                    "size sweep " + what + ": energy per invocation");
            files.addAll(ew.files());
            energySvg = outDir.resolve(baseName + "-energy-" + FigureSize.SINGLE.suffix + ".svg");
        }
        String caption = String.format(
                Locale.ROOT,
                "Size sweep of %s (%s profile, %d points from %s to %s, geometric; %d results drawn): throughput%s against the working"
                        + " set (bytes read + written per invocation), log-log; one series per implementation (%s); %s"
                        + "each point verified against the kernel's reference before it was timed. A sweep is ranked"
                        + " nowhere. Data: run %s, %s.",
                what,
                record.profile(),
                sweep.points(),
                dimsText(sweep.from()),
                dimsText(sweep.to()),
                points.size(),
                eLayers.isEmpty()
                        ? " (no energy: " + noEnergyReason(points) + ")"
                        : " and energy per invocation (" + energyLabel + ")",
                String.join(", ", byImpl.keySet()),
                notes,
                record.runId(),
                source);
        StringBuilder csv = new StringBuilder();
        csv.append("# ").append(caption.replace("\n", " ")).append('\n');
        csv.append(
                "implementation,dims,working_set_bytes,throughput,throughput_unit,joules_per_op,energy_domain,tier\n");
        for (BenchmarkResult r : points) {
            DomainEnergy d = energyOf(r);
            csv.append(String.join(
                            ",",
                            r.implementation().id(),
                            "\"" + r.shapeLabel() + "\"",
                            Long.toString(workingSet(r)),
                            num(r.throughput().value()),
                            r.throughput().unit(),
                            d == null ? "" : num(d.joulesPerOp()),
                            d == null ? "" : d.domain(),
                            d == null ? "" : d.tier()))
                    .append('\n');
        }
        try {
            Path csvFile = outDir.resolve(baseName + ".csv");
            Files.writeString(csvFile, csv);
            Path captionFile = outDir.resolve(baseName + ".caption.txt");
            Files.writeString(captionFile, caption + "\n");
            files.add(csvFile);
            files.add(captionFile);
            return new Written(
                    List.copyOf(files),
                    outDir.resolve(baseName + "-throughput-" + FigureSize.SINGLE.suffix + ".svg"),
                    energySvg,
                    csvFile,
                    caption,
                    points.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep figure into " + outDir, e);
        }
    }

    /** Bytes read + written per invocation: what the point's data occupy while it runs. */
    public static long workingSet(BenchmarkResult r) {
        return r.work().bytesRead() + r.work().bytesWritten();
    }

    /** The chip's own energy (DEVICE scope) where recorded, else the first domain; {@code null} when none. */
    private static DomainEnergy energyOf(BenchmarkResult r) {
        if (r.energy() == null || r.energy().domains().isEmpty()) {
            return null;
        }
        return r.energy().domains().stream()
                .filter(d -> "DEVICE".equals(d.scope()))
                .findFirst()
                .orElse(r.energy().domains().getFirst());
    }

    private static String noEnergyReason(List<BenchmarkResult> points) {
        String reason = points.getFirst().energyUnavailableReason();
        return reason == null ? "none recorded" : reason;
    }

    /**
     * The calibration's bandwidth curve in the throughput's unit over the sweep's range: GB/s at its own working
     * sets (those inside the sweep's range, plus the nearest beyond each end) for a bytes headline; for GFLOP/s, the
     * roof at each point's working set. Empty without a curve or for other units.
     */
    static List<Pt> bandwidthCurve(Calibration c, List<BenchmarkResult> points, String unit, double xLo, double xHi) {
        if (c == null || c.bandwidthCurve().isEmpty()) {
            return List.of();
        }
        List<BandwidthPoint> curve = new ArrayList<>(c.bandwidthCurve().stream()
                .filter(p -> p.workingSetBytes() > 0 && p.triadBytesPerSecond() > 0)
                .sorted(Comparator.comparingLong(BandwidthPoint::workingSetBytes))
                .toList());
        // the DRAM figure: the calibration's main triad over its three arrays, beyond the caches' curve
        long dram = 3 * c.triadArrayBytes();
        if (!curve.isEmpty()
                && c.triadBytesPerSecond() > 0
                && dram > curve.getLast().workingSetBytes()) {
            curve.add(new BandwidthPoint(dram, c.triadBytesPerSecond()));
        }
        if (curve.isEmpty()) {
            return List.of();
        }
        List<Pt> out = new ArrayList<>();
        if (unit.equals("GB/s")) {
            for (int i = 0; i < curve.size(); i++) {
                BandwidthPoint p = curve.get(i);
                boolean inside = p.workingSetBytes() >= xLo && p.workingSetBytes() <= xHi;
                boolean bracketsLo =
                        i + 1 < curve.size() && curve.get(i + 1).workingSetBytes() > xLo && p.workingSetBytes() < xLo;
                boolean bracketsHi = i > 0 && curve.get(i - 1).workingSetBytes() < xHi && p.workingSetBytes() > xHi;
                if (inside || bracketsLo || bracketsHi) {
                    out.add(Pt.of(p.workingSetBytes(), p.triadBytesPerSecond() / 1e9, null));
                }
            }
            return out;
        }
        if (unit.equals("GFLOP/s")) {
            for (BenchmarkResult r : points) {
                double ws = workingSet(r);
                double intensity = (double) r.work().operations() / ws;
                double roof = Math.min(c.peakFlopsPerSecondAllCores(), bandwidthAt(curve, c, ws) * intensity);
                out.add(Pt.of(ws, roof / 1e9, null));
            }
        }
        return out;
    }

    /** The curve's bandwidth at {@code ws}, log-log between its points; the DRAM figure beyond its last point. */
    static double bandwidthAt(List<BandwidthPoint> curve, Calibration c, double ws) {
        if (ws <= curve.getFirst().workingSetBytes()) {
            return curve.getFirst().triadBytesPerSecond();
        }
        for (int i = 1; i < curve.size(); i++) {
            BandwidthPoint a = curve.get(i - 1), b = curve.get(i);
            if (ws <= b.workingSetBytes()) {
                double t = Math.log(ws / a.workingSetBytes())
                        / Math.log((double) b.workingSetBytes() / a.workingSetBytes());
                return Math.exp(Math.log(a.triadBytesPerSecond())
                        + t * (Math.log(b.triadBytesPerSecond()) - Math.log(a.triadBytesPerSecond())));
            }
        }
        return c.triadBytesPerSecond() > 0
                ? c.triadBytesPerSecond()
                : curve.getLast().triadBytesPerSecond();
    }

    /** The sweep's own cache sizes, else the calibration's last-level cache as {@code LLC}; empty when unknown. */
    static Map<String, Long> caches(RunRecord record) {
        if (!record.sweep().cacheBytes().isEmpty()) {
            return record.sweep().cacheBytes();
        }
        Calibration c = record.calibration();
        return c == null || c.lastLevelCacheBytes() == null || c.lastLevelCacheBytes() <= 0
                ? Map.of()
                : Map.of("LLC", c.lastLevelCacheBytes());
    }

    private static Layer vertical(String name, double x, double lo, double hi) {
        return Layer.line(
                name, PlotSpec.Kind.LINE, Palette.GRAY, List.of(Pt.of(x, lo, null), Pt.of(x, hi, null)), true);
    }

    /** A small gray marker at the top of a cache line, labelled with the level (no legend entry of its own). */
    private static Layer cacheLabel(String level, double x, double top) {
        return Layer.points("", Palette.GRAY, List.of(Pt.of(x, top, level)), true, true);
    }

    public static String bytesText(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    private static String dimsText(Map<String, Integer> dims) {
        StringBuilder b = new StringBuilder();
        dims.forEach(
                (n, v) -> b.append(b.isEmpty() ? "" : ",").append(n).append('=').append(v));
        return b.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
