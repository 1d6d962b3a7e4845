package org.joulebench.energy.spi;

import java.util.Set;

/**
 * A source of energy readings, found with {@link java.util.ServiceLoader}: a jar on the class path with
 * {@code META-INF/services/org.joulebench.energy.spi.EnergySensorProvider} adds a sensor with no
 * code change. Loading a provider must be cheap and must not touch native code.
 */
public interface EnergySensorProvider {

    /** Short id used in {@code --sensor} and in records ({@code rapl}, {@code nvml}, ...). */
    String id();

    /** One line for {@code joulebench list}. */
    String description();

    /** Whether the sensor can be used here, and if not why; cheap. */
    SensorProbe probe(SensorOptions options);

    /** Opens the sensor; the exception message says what is missing. */
    EnergySensor open(SensorOptions options) throws SensorException;

    /**
     * Rank for auto-selection among available providers covering the same domain: lower is preferred
     * after tier. Default 100.
     */
    default int preference() {
        return 100;
    }

    /** Whether {@code auto} may pick this provider (external meters need an address, so they cannot). */
    default boolean autoSelectable() {
        return true;
    }

    /**
     * The {@link SensorOptions} keys this sensor reads (besides {@link SensorOptions#TARGET_DEVICES}). The energy
     * profiler refuses a key no provider declares, so a misspelled option fails at start instead of being
     * ignored: a sensor that reads options declares them here. Default none.
     */
    default Set<String> optionKeys() {
        return Set.of();
    }
}
