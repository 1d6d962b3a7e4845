package org.joulebench.energy.spi;

/** Measurement quality tier (after EEHPC WG levels and MLPerf Power); lower ordinal is better. */
public enum Tier {
    /** External meter over the whole timed phase. */
    A,
    /** On-chip energy counter with windows of at least 10 counter updates. */
    B,
    /** Sampled power integration. */
    C,
    /** A model estimate, not a measurement. */
    ESTIMATE;

    /** The tier a method gives by default. */
    public static Tier of(Method method) {
        return switch (method) {
            case EXTERNAL_METER -> A;
            case COUNTER -> B;
            case SAMPLED_POWER -> C;
            case MODEL -> ESTIMATE;
        };
    }
}
