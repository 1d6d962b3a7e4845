package org.joulebench.results.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.joulebench.vocabulary.HeadlineUnit;

/** The roofline arithmetic: a result's fraction of a measured {@link Calibration}. */
public final class Roofline {
    private Roofline() {}

    /** A bandwidth in bytes/s and where it came from, in words. */
    public record Bandwidth(double bytesPerSecond, String basis) {}

    /**
     * The roof in FLOP/s for a kernel of {@code flopsPerByte} arithmetic intensity whose data come from DRAM: {@code
     * min(peak, intensity x triad bandwidth)}.
     */
    public static double roofFlopsPerSecond(Calibration c, double flopsPerByte) {
        return Math.min(c.peakFlopsPerSecondAllCores(), flopsPerByte * c.triadBytesPerSecond());
    }

    /**
     * The triad's bandwidth at {@code workingSetBytes}: on the calibration's bandwidth curve, interpolated linearly in
     * log(working set) between the two measured points around it (the curve's last point and the DRAM triad being
     * the top end); the smallest point's below the curve, DRAM's above the DRAM triad's working set or when no curve
     * was measured.
     */
    public static Bandwidth bandwidthAt(Calibration c, long workingSetBytes) {
        long dramSet = 3 * c.triadArrayBytes();
        String dram = "DRAM triad (3 x " + mib(c.triadArrayBytes()) + ")";
        if (c.bandwidthCurve().isEmpty() || workingSetBytes >= dramSet) {
            return new Bandwidth(c.triadBytesPerSecond(), dram);
        }
        List<BandwidthPoint> points = new ArrayList<>(c.bandwidthCurve());
        points.add(new BandwidthPoint(dramSet, c.triadBytesPerSecond()));
        points.sort(Comparator.comparingLong(BandwidthPoint::workingSetBytes));
        BandwidthPoint first = points.getFirst();
        if (workingSetBytes <= first.workingSetBytes()) {
            return new Bandwidth(
                    first.triadBytesPerSecond(),
                    "triad with " + mib(first.workingSetBytes()) + " of arrays (the bandwidth curve's smallest point)");
        }
        for (int i = 1; i < points.size(); i++) {
            BandwidthPoint lo = points.get(i - 1), hi = points.get(i);
            if (workingSetBytes <= hi.workingSetBytes()) {
                double t = Math.log((double) workingSetBytes / lo.workingSetBytes())
                        / Math.log((double) hi.workingSetBytes() / lo.workingSetBytes());
                double bw = lo.triadBytesPerSecond() + t * (hi.triadBytesPerSecond() - lo.triadBytesPerSecond());
                return new Bandwidth(
                        bw,
                        "triad at a working set of " + mib(workingSetBytes)
                                + ", interpolated between the measured " + mib(lo.workingSetBytes()) + " and "
                                + (i == points.size() - 1 ? dram : mib(hi.workingSetBytes())));
            }
        }
        return new Bandwidth(c.triadBytesPerSecond(), dram); // not reached: the DRAM point closes the list
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 20
                ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    /**
     * The result's fraction of the machine's roof, or {@code null} when there is none to compare with: not
     * measured, the null workload, integer ops on a CPU (no integer roof is measured there), or an accelerator
     * without {@link DeviceCeilings} in the calibration ({@link DeviceRoofline}).
     */
    public static RooflineFraction fraction(BenchmarkResult r, Calibration c) {
        if (c == null
                || r.status() != ResultStatus.OK
                || r.throughput() == null
                || r.work() == null
                || r.nullWorkload()) {
            return null;
        }
        if (!"CPU".equals(r.deviceKind())) {
            return DeviceRoofline.fraction(r, c); // an accelerator's own measured roofs, where calibrate has them
        }
        HeadlineUnit headline = r.work().headlineUnit();
        long workingSet = r.work().bytesRead() + r.work().bytesWritten();
        Bandwidth bw = bandwidthAt(c, workingSet);
        if (headline.memoryBound()) {
            double attained = r.throughput().bytesPerSecond();
            return new RooflineFraction(
                    attained / bw.bytesPerSecond(),
                    RooflineFraction.MEMORY,
                    bw.bytesPerSecond(),
                    attained,
                    "B/s",
                    c.machineKey(),
                    workingSet,
                    bw.basis());
        }
        if (headline != HeadlineUnit.FLOP) {
            return null;
        }
        double intensity = r.work().arithmeticIntensity();
        if (!(intensity > 0)) {
            return null;
        }
        double memoryRoof = intensity * bw.bytesPerSecond();
        double peak = c.peakFlopsPerSecondAllCores();
        boolean computeBound = peak <= memoryRoof;
        double roof = computeBound ? peak : memoryRoof;
        double attained = r.throughput().operationsPerSecond();
        return new RooflineFraction(
                attained / roof,
                computeBound ? RooflineFraction.COMPUTE : RooflineFraction.MEMORY,
                roof,
                attained,
                "FLOP/s",
                c.machineKey(),
                workingSet,
                computeBound ? null : bw.basis());
    }

    /** The result with its fraction set (unchanged when {@link #fraction} has none). */
    public static BenchmarkResult withFraction(BenchmarkResult r, Calibration c) {
        RooflineFraction f = fraction(r, c);
        return f == null ? r : r.toBuilder().rooflineFraction(f).build();
    }
}
