package org.joulebench.results.reference;

import java.util.Locale;

/** How far a reference row is to be trusted. {@link #LOW} rows are leads, shown as such. */
public enum Confidence {
    HIGH,
    MEDIUM,
    LOW;

    static Confidence parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
