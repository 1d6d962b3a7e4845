package org.joulebench.vocabulary;

import java.io.Serializable;

/**
 * One instantaneous power reading of a sampling sensor: what a sensor drains ({@code EnergySensor.drainSamples})
 * and what a record keeps in its raw readings ({@code RawWindow.samples}), one type for both.
 *
 * @param nanos {@link System#nanoTime()} of the fork when read (only differences within one fork count)
 * @param watts power in watts
 */
public record PowerSample(long nanos, double watts) implements Serializable {}
