package org.joulebench.kernels;

import java.util.Arrays;
import java.util.Locale;

/** Problem-size classes. S finishes in seconds on 2 CPU cores; M and L follow real models. */
public enum Size {
    S,
    M,
    L;

    public static Size parse(String text) {
        for (Size s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown size '" + text + "'; valid: "
                + Arrays.stream(values())
                        .map(s -> s.name().toUpperCase(Locale.ROOT))
                        .toList());
    }
}
