package org.joulebench.results.record;

/**
 * One point of the measured bandwidth curve: the fp32 triad's bandwidth when its three arrays together hold {@code
 * workingSetBytes} (in a cache when small, from DRAM when large).
 *
 * @param workingSetBytes bytes of the three triad arrays together
 * @param triadBytesPerSecond bytes/s, 12 bytes per element (STREAM's count), the best round
 */
public record BandwidthPoint(long workingSetBytes, double triadBytesPerSecond) {}
