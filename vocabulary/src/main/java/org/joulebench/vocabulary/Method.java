package org.joulebench.vocabulary;

/** How a sensor obtains energy; each method gives exactly one {@link Tier} (the one tier-method mapping). */
public enum Method {
    /** A cumulative on-chip energy counter (RAPL, NVML total energy): tier B. */
    COUNTER,
    /** Power samples integrated over time (NVML power usage): tier C. */
    SAMPLED_POWER,
    /** An external power analyser (SPEC PTDaemon): tier A. */
    EXTERNAL_METER,
    /** A model (declared power times utilisation), never a measurement: ESTIMATE. */
    MODEL;

    /** Raw readings of cumulative joules (start and end of each window). */
    public static final String RAW_CUMULATIVE_JOULES = "CUMULATIVE_JOULES";

    /** Raw readings of power samples (integrated by the trapezoidal rule). */
    public static final String RAW_POWER_SAMPLES = "POWER_SAMPLES";

    /** The tier this method gives. */
    public Tier tier() {
        return switch (this) {
            case EXTERNAL_METER -> Tier.A;
            case COUNTER -> Tier.B;
            case SAMPLED_POWER -> Tier.C;
            case MODEL -> Tier.ESTIMATE;
        };
    }

    /**
     * The kind of raw readings this method gives ({@code RawReadings.kind}): power samples for {@link
     * #SAMPLED_POWER}, cumulative joules (counter, meter or model) for the others.
     */
    public String rawKind() {
        return this == SAMPLED_POWER ? RAW_POWER_SAMPLES : RAW_CUMULATIVE_JOULES;
    }

    public static Method parse(String text) {
        return Words.parse(Method.class, text);
    }
}
