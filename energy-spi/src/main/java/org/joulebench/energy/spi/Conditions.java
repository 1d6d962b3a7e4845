package org.joulebench.energy.spi;

/**
 * Keys of {@link EnergySensor#conditions()}: device state that biases energy (a warm chip leaks more), read
 * at each window's start and end where the sensor can.
 */
public final class Conditions {
    /** Device temperature, degrees Celsius. */
    public static final String TEMPERATURE_C = "temperatureC";
    /** Streaming-multiprocessor (core) clock, MHz. */
    public static final String SM_CLOCK_MHZ = "smClockMHz";
    /** Memory clock, MHz. */
    public static final String MEM_CLOCK_MHZ = "memClockMHz";

    private Conditions() {}
}
