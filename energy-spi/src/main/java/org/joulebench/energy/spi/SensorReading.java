package org.joulebench.energy.spi;

import java.util.Map;

/**
 * One cumulative reading: per domain either joules accumulated since the sensor was opened (wrap-around
 * already unfolded by the sensor) or the reason that domain could not be read.
 *
 * @param nanoTime {@link System#nanoTime()} when the reading was taken
 * @param joules cumulative joules per domain (only domains read successfully)
 * @param errors per domain that failed, why (e.g. {@code permission denied: ...})
 */
public record SensorReading(long nanoTime, Map<String, Double> joules, Map<String, String> errors) {
    public SensorReading {
        joules = Map.copyOf(joules);
        errors = Map.copyOf(errors);
    }
}
