package org.joulebench.energy.spi;

import java.util.List;
import java.util.Map;
import org.joulebench.vocabulary.PowerSample;

/**
 * An opened energy sensor. Readings are cumulative per domain; the sensor unfolds counter wrap-around
 * itself, so callers subtract two readings. Not thread-safe: one caller (the JMH profiler) reads it.
 *
 * <p>Around one window the harness calls: {@link #beginWindow}, {@link #conditions()}, {@link
 * #drainSamples()} (discarded), {@link #read()}; the work; {@link #endWindow()}, {@link #read()}, {@link
 * #drainSamples()}, {@link #conditions()}, {@link #drainWarnings()}.
 */
public interface EnergySensor extends AutoCloseable {

    SensorInfo info();

    /**
     * Reads all domains now. Never throws for a single domain's failure: that domain goes into {@link
     * SensorReading#errors()}. A value must never be invented: no zero for "unknown". A sensor that {@link
     * #providesSamples() provides samples} takes one sample per domain in every call, stamped with the
     * reading's {@link SensorReading#nanoTime()}, so a window's samples span it exactly.
     */
    SensorReading read();

    /**
     * Called before the "before" reading of a window (e.g. an external meter starts a labelled
     * measurement). Counters need nothing.
     */
    default void beginWindow(String label) {}

    /** Called after the window's work is done and before the "after" reading. */
    default void endWindow() {}

    /**
     * Whether the cumulative joules of {@link #read()} integrate power samples that {@link #drainSamples()}
     * hands out (trapezoidal rule between consecutive samples). The harness then records the samples as
     * the window's raw readings instead of the cumulative joules.
     */
    default boolean providesSamples() {
        return false;
    }

    /** Power samples per domain taken since the last call, oldest first; empty unless {@link #providesSamples()}. */
    default Map<String, List<PowerSample>> drainSamples() {
        return Map.of();
    }

    /**
     * Device state per domain where the sensor can read it ({@link Conditions}: temperature, clocks); read
     * just outside each window, since starting temperature biases energy. Empty when there is none.
     */
    default Map<String, Map<String, Double>> conditions() {
        return Map.of();
    }

    /**
     * Quality notes gathered since the last call (e.g. "meter reported 2 invalid samples"); they end up
     * in the result's warnings.
     */
    default List<String> drainWarnings() {
        return List.of();
    }

    @Override
    void close();
}
