package org.joulebench.results.record;

/**
 * Throughput derived from the score and the work counts.
 *
 * @param value in {@code unit}
 * @param error propagated from the score's error ({@code null} when the score has none)
 * @param unit {@code GFLOP/s}, {@code GOP/s} (integer ops) or {@code GB/s}
 * @param operationsPerSecond operations per second whatever the headline
 * @param bytesPerSecond bytes moved per second whatever the headline
 */
public record Throughput(double value, Double error, String unit, double operationsPerSecond, double bytesPerSecond) {}
