package org.joulebench.energy.spi;

/** How a sensor obtains energy. */
public enum Method {
    /** A cumulative on-chip energy counter (RAPL, NVML total energy). */
    COUNTER,
    /** Power samples integrated over time (NVML power usage). */
    SAMPLED_POWER,
    /** An external power analyser (SPEC PTDaemon). */
    EXTERNAL_METER,
    /** A model: declared power times utilisation. Never a measurement. */
    MODEL
}
