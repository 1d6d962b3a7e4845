package org.joulebench.vocabulary;

/**
 * Measurement quality tier of an energy figure (after the EEHPC WG levels and MLPerf Power). Measured tiers (A, B,
 * C) and estimates are never ranked together.
 */
public enum Tier {
    /** An external meter (power analyser) over the whole timed phase. */
    A,
    /** An on-chip energy counter, windows of at least 10 counter updates. */
    B,
    /** Sampled power integrated over time. */
    C,
    /** A model, never a measurement. */
    ESTIMATE;

    /** The word for tiers A, B and C together. */
    public static final String MEASURED = "measured";

    /** The word for {@link #ESTIMATE}. */
    public static final String ESTIMATED = "estimated";

    /** True for A, B and C. */
    public boolean measured() {
        return this != ESTIMATE;
    }

    /** {@value #MEASURED} or {@value #ESTIMATED}: the two classes that are never ranked together. */
    public String tierClass() {
        return measured() ? MEASURED : ESTIMATED;
    }

    /** The method a tier comes from (the inverse of {@link Method#tier()}). */
    public Method method() {
        for (Method m : Method.values()) {
            if (m.tier() == this) {
                return m;
            }
        }
        throw new IllegalStateException("no method gives tier " + this);
    }

    public static Tier parse(String text) {
        return Words.parse(Tier.class, text);
    }
}
