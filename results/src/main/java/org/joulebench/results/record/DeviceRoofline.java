package org.joulebench.results.record;

import java.util.Locale;
import java.util.Optional;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * The roofline of an accelerator's result against its {@link DeviceCeilings}: memory-bound (BYTE headline) results
 * against the device-to-device copy bandwidth at the result's working set (interpolated in log(size) on the copy
 * curve; the largest copy's above it, the smallest's below); FLOP and INT_OP results against
 * {@code min(vendor GEMM rate of the result's dtype, intensity x copy bandwidth)} (non-GEMM fp32 kernels such as
 * conv2d and attention against the fp32 GEMM rate). No fraction against a stand-in's figures, or without the
 * ceiling the result needs.
 */
final class DeviceRoofline {
    private DeviceRoofline() {}

    static Optional<DeviceCeilings> ceilingsOf(BenchmarkResult r, Calibration c) {
        return c.devices().stream()
                .filter(d -> d.hardwareId() != null && d.hardwareId().equals(r.deviceHardwareId()))
                .findFirst();
    }

    static RooflineFraction fraction(BenchmarkResult r, Calibration c) {
        DeviceCeilings d = ceilingsOf(r, c).orElse(null);
        if (d == null || d.standIn() || d.copyCurve().isEmpty()) {
            return null;
        }
        HeadlineUnit headline = r.work().headlineUnit();
        long workingSet = r.work().bytesRead() + r.work().bytesWritten();
        Roofline.Bandwidth bw = copyAt(d, workingSet);
        String key = c.machineKey() + " " + d.device();
        if (headline.memoryBound()) {
            double attained = r.throughput().bytesPerSecond();
            return new RooflineFraction(
                    attained / bw.bytesPerSecond(),
                    RooflineFraction.MEMORY,
                    bw.bytesPerSecond(),
                    attained,
                    "B/s",
                    key,
                    workingSet,
                    bw.basis());
        }
        String dtype = r.dtype() == null ? "fp32" : r.dtype();
        Double peak = d.gemmOpsPerSecond().get(dtype);
        double intensity = r.work().arithmeticIntensity();
        if (peak == null || !(peak > 0) || !(intensity > 0)) {
            return null;
        }
        double memoryRoof = intensity * bw.bytesPerSecond();
        boolean computeBound = peak <= memoryRoof;
        double roof = computeBound ? peak : memoryRoof;
        double attained = r.throughput().operationsPerSecond();
        return new RooflineFraction(
                attained / roof,
                computeBound ? RooflineFraction.COMPUTE : RooflineFraction.MEMORY,
                roof,
                attained,
                headline == HeadlineUnit.FLOP ? "FLOP/s" : "OP/s",
                key,
                workingSet,
                computeBound ? "vendor " + dtype + " GEMM: " + d.gemmBasis().getOrDefault(dtype, "") : bw.basis());
    }

    /** The copy bandwidth at a working set, on the device's copy curve. */
    static Roofline.Bandwidth copyAt(DeviceCeilings d, long workingSetBytes) {
        var points = d.copyCurve();
        BandwidthPoint first = points.getFirst(), last = points.getLast();
        if (workingSetBytes <= first.workingSetBytes()) {
            return new Roofline.Bandwidth(
                    first.triadBytesPerSecond(), "device copy of " + mib(first.workingSetBytes()) + " (the smallest)");
        }
        if (workingSetBytes >= last.workingSetBytes()) {
            return new Roofline.Bandwidth(
                    last.triadBytesPerSecond(), "device copy of " + mib(last.workingSetBytes()) + " (the largest)");
        }
        for (int i = 1; i < points.size(); i++) {
            BandwidthPoint lo = points.get(i - 1), hi = points.get(i);
            if (workingSetBytes <= hi.workingSetBytes()) {
                double t = Math.log((double) workingSetBytes / lo.workingSetBytes())
                        / Math.log((double) hi.workingSetBytes() / lo.workingSetBytes());
                double bw = lo.triadBytesPerSecond() + t * (hi.triadBytesPerSecond() - lo.triadBytesPerSecond());
                return new Roofline.Bandwidth(
                        bw,
                        "device copy at a working set of " + mib(workingSetBytes) + ", interpolated between "
                                + mib(lo.workingSetBytes()) + " and " + mib(hi.workingSetBytes()));
            }
        }
        return new Roofline.Bandwidth(last.triadBytesPerSecond(), "device copy (the largest)");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
