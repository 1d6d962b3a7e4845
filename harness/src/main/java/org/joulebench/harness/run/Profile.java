package org.joulebench.harness.run;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long and how often each result is timed. quick: the whole S catalogue in under 3 minutes on 2
 * cores, for a first look; standard: tighter errors; submission: long windows and several forks, so
 * that energy counters see enough updates and thermal drift shows in the spread.
 */
public enum Profile {
    QUICK(1, 2, 200, 3, 300),
    STANDARD(2, 3, 1000, 5, 1000),
    SUBMISSION(3, 5, 1000, 10, 2000);

    private final int forks;
    private final int warmupIterations;
    private final long warmupMillis;
    private final int measurementIterations;
    private final long measurementMillis;

    Profile(int forks, int warmupIterations, long warmupMillis, int measurementIterations, long measurementMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public long warmupMillis() {
        return warmupMillis;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public long measurementMillis() {
        return measurementMillis;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.id().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "'; valid: "
                + Arrays.stream(values()).map(Profile::id).toList());
    }
}
