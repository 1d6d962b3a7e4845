package org.joulebench.energy.spi;

/**
 * An opened energy sensor. Readings are cumulative per domain; the sensor unfolds counter wrap-around
 * itself, so callers subtract two readings. Not thread-safe: one caller (the JMH profiler) reads it.
 */
public interface EnergySensor extends AutoCloseable {

    SensorInfo info();

    /**
     * Reads all domains now. Never throws for a single domain's failure: that domain goes into {@link
     * SensorReading#errors()}. A value must never be invented: no zero for "unknown".
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
     * Quality notes gathered since the last call (e.g. "meter reported 2 invalid samples"); they end up
     * in the result's warnings.
     */
    default java.util.List<String> drainWarnings() {
        return java.util.List.of();
    }

    @Override
    void close();
}
