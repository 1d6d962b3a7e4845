package org.joulebench.harness.calibrate;

/**
 * How long and how big a calibration is.
 *
 * @param mode {@code full} or {@code short} (see {@link org.joulebench.results.run.Calibration#mode()})
 * @param fmaMillis wall time of each FMA measurement (one core, then all cores), in milliseconds
 * @param triadArrayBytes bytes of each of the three triad arrays
 * @param triadMillis wall time of the triad measurement, in milliseconds
 * @param vendorMillis wall time of the vendor GEMM measurement, in milliseconds
 */
public record CalibrationSettings(
        String mode, long fmaMillis, long triadArrayBytes, long triadMillis, long vendorMillis) {

    static final long MIB = 1L << 20;

    /**
     * {@code ./joulebench calibrate}: each triad array at least 256 MiB and 4x the last-level cache (STREAM's
     * rule), but the three together at most half of {@code memoryLimitBytes}.
     */
    public static CalibrationSettings full(Long lastLevelCacheBytes, long memoryLimitBytes) {
        long llc = lastLevelCacheBytes == null ? 0 : lastLevelCacheBytes;
        return new CalibrationSettings(
                "full", 1000, fitted(Math.max(256 * MIB, 4 * llc), memoryLimitBytes), 3000, 2000);
    }

    /** What {@code run} spends when nothing is stored: about two seconds, arrays 64 MiB or the LLC if larger. */
    public static CalibrationSettings quick(Long lastLevelCacheBytes, long memoryLimitBytes) {
        long llc = lastLevelCacheBytes == null ? 0 : lastLevelCacheBytes;
        return new CalibrationSettings("short", 200, fitted(Math.max(64 * MIB, llc), memoryLimitBytes), 600, 300);
    }

    private static long fitted(long wanted, long memoryLimitBytes) {
        return Math.max(MIB, Math.min(wanted, memoryLimitBytes / 6));
    }
}
