package org.joulebench.results.run;

import org.joulebench.vocabulary.HeadlineUnit;

/** The roofline arithmetic: a result's fraction of a measured {@link Calibration}. */
public final class Roofline {
    private Roofline() {}

    /**
     * The roof in FLOP/s for a kernel of {@code flopsPerByte} arithmetic intensity: {@code min(peak, intensity x
     * bandwidth)}.
     */
    public static double roofFlopsPerSecond(Calibration c, double flopsPerByte) {
        return Math.min(c.peakFlopsPerSecondAllCores(), flopsPerByte * c.triadBytesPerSecond());
    }

    /**
     * The result's fraction of the machine's roof, or {@code null} when there is none to compare with: not
     * measured, not on a CPU (the calibration measures the CPU), the null workload, or integer ops (no integer
     * roof is measured).
     */
    public static RooflineFraction fraction(BenchmarkResult r, Calibration c) {
        if (c == null
                || r.status() != ResultStatus.OK
                || r.throughput() == null
                || r.work() == null
                || r.nullWorkload()
                || !"CPU".equals(r.deviceKind())) {
            return null;
        }
        HeadlineUnit headline = r.work().headlineUnit();
        if (headline.memoryBound()) {
            double bw = c.triadBytesPerSecond();
            double attained = r.throughput().bytesPerSecond();
            return new RooflineFraction(attained / bw, RooflineFraction.MEMORY, bw, attained, "B/s", c.machineKey());
        }
        if (headline != HeadlineUnit.FLOP) {
            return null;
        }
        double intensity = r.work().arithmeticIntensity();
        if (!(intensity > 0)) {
            return null;
        }
        double memoryRoof = intensity * c.triadBytesPerSecond();
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
                c.machineKey());
    }

    /** The result with its fraction set (unchanged when {@link #fraction} has none). */
    public static BenchmarkResult withFraction(BenchmarkResult r, Calibration c) {
        RooflineFraction f = fraction(r, c);
        return f == null ? r : r.toBuilder().rooflineFraction(f).build();
    }
}
