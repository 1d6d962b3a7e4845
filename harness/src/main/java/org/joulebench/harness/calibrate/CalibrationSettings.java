package org.joulebench.harness.calibrate;

import java.util.ArrayList;
import java.util.List;
import org.joulebench.kernels.Size;
import org.joulebench.results.record.EnvironmentInfo;

/**
 * How long and how big a calibration is.
 *
 * @param mode {@code full} or {@code short} (see {@link org.joulebench.results.record.Calibration#mode()})
 * @param fmaMillis wall time of each FMA measurement (one core, then all cores), in milliseconds
 * @param triadArrayBytes bytes of each of the three triad arrays
 * @param triadMillis wall time of the triad measurement, in milliseconds
 * @param vendorMillis wall time of the vendor GEMM measurement, in milliseconds
 * @param curveMillis wall time of each point of the bandwidth curve, in milliseconds
 * @param vendorGemmSize the catalogue size of the gemm shape the vendor library is timed on (M in full, S in short:
 *     the short one must stay a few seconds, and the reference check of an M gemm alone takes about one)
 */
public record CalibrationSettings(
        String mode,
        long fmaMillis,
        long triadArrayBytes,
        long triadMillis,
        long vendorMillis,
        long curveMillis,
        Size vendorGemmSize) {

    /** The smallest working set of the bandwidth curve: 128 KiB per thread on 2 threads, in the L2 of any core. */
    static final long CURVE_FIRST_BYTES = 256L << 10;

    /**
     * Working sets (three arrays together) of the bandwidth curve: 256 KiB, then x4 while the next stays at most a
     * quarter of the DRAM triad's working set; powers of four, no machine's cache sizes written in.
     */
    public List<Long> curveWorkingSets() {
        List<Long> sizes = new ArrayList<>();
        for (long ws = CURVE_FIRST_BYTES; ws * 4 <= 3 * triadArrayBytes; ws *= 4) {
            sizes.add(ws);
        }
        return List.copyOf(sizes);
    }

    static final long MIB = 1L << 20;

    /** The settings of a {@code full} or {@code short} calibration on this machine. */
    public static CalibrationSettings forMachine(EnvironmentInfo env, boolean shortOne) {
        long memory = Math.min(
                env.memoryBytes() > 0 ? env.memoryBytes() : Long.MAX_VALUE,
                Runtime.getRuntime().maxMemory()); // native segments count against the direct-memory limit
        Long llc = Calibrator.lastLevelCacheBytes();
        return shortOne ? quick(llc, memory) : full(llc, memory);
    }

    /**
     * {@code ./joulebench calibrate}: each triad array at least 256 MiB and 4x the last-level cache (STREAM's
     * rule), but the three together at most half of {@code memoryLimitBytes}.
     */
    public static CalibrationSettings full(Long lastLevelCacheBytes, long memoryLimitBytes) {
        long llc = lastLevelCacheBytes == null ? 0 : lastLevelCacheBytes;
        return new CalibrationSettings(
                "full", 1000, fitted(Math.max(256 * MIB, 4 * llc), memoryLimitBytes), 3000, 2000, 400, Size.M);
    }

    /** What {@code run} spends when nothing is stored: a few seconds, arrays 64 MiB or the LLC if larger. */
    public static CalibrationSettings quick(Long lastLevelCacheBytes, long memoryLimitBytes) {
        long llc = lastLevelCacheBytes == null ? 0 : lastLevelCacheBytes;
        return new CalibrationSettings(
                "short", 200, fitted(Math.max(64 * MIB, llc), memoryLimitBytes), 600, 300, 80, Size.S);
    }

    private static long fitted(long wanted, long memoryLimitBytes) {
        return Math.max(MIB, Math.min(wanted, memoryLimitBytes / 6));
    }
}
