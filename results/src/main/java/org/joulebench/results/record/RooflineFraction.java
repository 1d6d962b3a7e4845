package org.joulebench.results.record;

/**
 * Where a result stands against this machine's measured roofline ({@link Calibration}): the attained rate over
 * {@code min(peak, intensity x bandwidth)} for FLOP kernels, bytes/s over the bandwidth for memory-bound (BYTE
 * headline) kernels. The bandwidth is the triad's at the result's own working set (cache-aware roofline): data that
 * fit in a cache are compared with the triad in that cache, not with DRAM.
 *
 * @param fraction attained / roof (1.0 = at the roof; may exceed 1 when the kernel beats the calibration loop)
 * @param roof {@value #COMPUTE} (the fp32 FMA peak, all cores) or {@value #MEMORY} (the bandwidth)
 * @param roofPerSecond the roof in {@code unit}: FLOP/s for a FLOP kernel, bytes/s for a BYTE one
 * @param attainedPerSecond the result's rate in {@code unit}
 * @param unit {@code FLOP/s} or {@code B/s}
 * @param calibration the machine key of the calibration the roof came from
 * @param workingSetBytes the result's working set, bytes read + written once per invocation ({@code null} in records
 *     made before it was recorded)
 * @param bandwidthBasis which bandwidth the memory roof used, in words ({@code null} in older records: DRAM triad)
 */
public record RooflineFraction(
        double fraction,
        String roof,
        double roofPerSecond,
        double attainedPerSecond,
        String unit,
        String calibration,
        Long workingSetBytes,
        String bandwidthBasis) {

    public static final String COMPUTE = "COMPUTE";
    public static final String MEMORY = "MEMORY";
}
