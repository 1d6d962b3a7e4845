package org.joulebench.energy.spi;

import java.io.Serializable;

/**
 * One power reading of a sampling sensor.
 *
 * @param nanos {@link System#nanoTime()} when read
 * @param watts power in watts
 */
public record PowerSample(long nanos, double watts) implements Serializable {}
