package org.joulebench.harness.calibrate;

import java.io.PrintWriter;
import org.joulebench.results.record.Calibration;

/** A calibration's figures as the lines {@code calibrate} and {@code run} print. */
public final class CalibrationSummary {
    private CalibrationSummary() {}

    public static void print(Calibration c, PrintWriter out) {
        out.printf("machine          %s (%s, %.1f s)%n", c.machineKey(), c.mode(), c.durationSeconds());
        out.printf(
                "fp32 FMA peak    %.1f GFLOP/s on 1 core, %.1f GFLOP/s on %d threads (%s)%n",
                c.peakFlopsPerSecondOneCore() / 1e9,
                c.peakFlopsPerSecondAllCores() / 1e9,
                c.threads(),
                c.vectorShape());
        out.printf(
                "memory (triad)   %.1f GB/s on %d threads, 3 x %d MiB arrays%n",
                c.triadBytesPerSecond() / 1e9, c.threads(), c.triadArrayBytes() >> 20);
        for (var p : c.bandwidthCurve()) {
            out.printf(
                    "  working set    %.1f GB/s with %s of arrays%n",
                    p.triadBytesPerSecond() / 1e9, bytesText(p.workingSetBytes()));
        }
        out.println(
                c.vendorGemmFlopsPerSecond() != null
                        ? String.format("vendor sgemm     %.1f GFLOP/s", c.vendorGemmFlopsPerSecond() / 1e9)
                        : "vendor sgemm     not measured: " + c.vendorGemmUnavailableReason());
        out.printf("ridge point      %.2f FLOP/byte%n", c.peakFlopsPerSecondAllCores() / c.triadBytesPerSecond());
        out.flush();
    }

    /** 262144 -> "256 KiB", 67108864 -> "64 MiB". */
    public static String bytesText(long bytes) {
        return bytes >= 1000L << 10
                ? Math.round(bytes / (double) (1L << 20)) + " MiB"
                : Math.round(bytes / (double) (1L << 10)) + " KiB";
    }
}
