package org.joulebench.results.run;

/**
 * One instantaneous power reading of a sampling sensor.
 *
 * @param nanos {@link System#nanoTime()} of the fork when read (only differences within one fork count)
 * @param watts power in watts
 */
public record PowerSample(long nanos, double watts) {}
