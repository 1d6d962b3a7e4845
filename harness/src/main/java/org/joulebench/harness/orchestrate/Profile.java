package org.joulebench.harness.orchestrate;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long and how often each result is timed. quick: the whole S catalogue in under 3 minutes on 2
 * cores, for a first look; standard: tighter errors; submission: long windows and several forks, so
 * that energy counters see enough updates and thermal drift shows in the spread.
 */
public enum Profile {
    // quick: 1.5 s of warm-up (C2 needs it for the Vector API kernels: attention runs 100x slower before),
    // then 10 short windows, so the 99.9 % interval (t with 9 degrees of freedom: 4.8) is usually under 10 %
    // Comparison groups (several implementations of one case) run more forks of fewer windows each, so that their
    // paired ratio has an interval worth citing: with 2 pairs it uses Student's t with 1 degree of freedom (12.7),
    // and measured 2-600x wide on a quiet machine (results/measurements/2026-12-06-noise.md); 4 pairs: t = 3.2,
    // 5 pairs: t = 2.8. quick stays at one fork (a first look, no interval).
    QUICK(new Timing(1, 5, 300, 10, 150, 0, 0, 1)),
    STANDARD(new Timing(2, 3, 1000, 5, 1000, 0, 0, 4)),
    // A cool-down between results (ML.ENERGY's "thermally stable profiling"): heat from one result
    // raises leakage power in the next, so the order of results would otherwise bias their energy.
    // Up to 4 extra windows (half a fork's 8) when windows are flagged for interference: one extra fork after
    // the regular ones; every window stays in the record and the counted figure's rule is stated (CountedWindows).
    SUBMISSION(new Timing(2, 3, 1000, 8, 2000, 5000, 4, 5));

    private final Timing timing;

    Profile(Timing timing) {
        this.timing = timing;
    }

    public int forks() {
        return timing.forks();
    }

    public int warmupIterations() {
        return timing.warmupIterations();
    }

    public long warmupMillis() {
        return timing.warmupMillis();
    }

    public int measurementIterations() {
        return timing.measurementIterations();
    }

    public long measurementMillis() {
        return timing.measurementMillis();
    }

    /** Idle pause before each result after the first, so each starts from a similar temperature. */
    public long cooldownMillis() {
        return timing.cooldownMillis();
    }

    /** The most extra windows measured for a result whose regular windows were flagged for interference. */
    public int extraWindows() {
        return timing.extraWindows();
    }

    /** Forks per implementation when several implementations of one case are compared ({@link Timing#forComparison}). */
    public int pairedForks() {
        return timing.pairedForks();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This profile's figures as a value (what the orchestrator runs by). */
    public Timing timing() {
        return timing;
    }

    /**
     * How long and how often each result is timed: a profile's figures, or (in tests) others.
     *
     * @param forks fresh JVMs per result, run one after the other (fork 1 decides the batch size)
     * @param warmupIterations warm-up iterations per fork
     * @param warmupMillis length of each, ms
     * @param measurementIterations measured iterations per fork
     * @param measurementMillis length of each, ms
     * @param cooldownMillis idle pause before each result after the first, ms
     * @param extraWindows the most extra windows per result, measured in one extra fork after the regular ones
     *     when regular windows were flagged for interference, one per flagged window (0: never)
     * @param pairedForks forks per implementation when several implementations of one case run as a comparison
     *     group (their forks alternating, reported as paired ratios); at most {@code forks} means {@code forks}
     */
    public record Timing(
            int forks,
            int warmupIterations,
            long warmupMillis,
            int measurementIterations,
            long measurementMillis,
            long cooldownMillis,
            int extraWindows,
            int pairedForks) {
        /** The fewest measured windows a fork of a comparison group gets. */
        public static final int MIN_PAIRED_WINDOWS_PER_FORK = 3;

        /** Timing whose comparison groups run as many forks as single results. */
        public Timing(
                int forks,
                int warmupIterations,
                long warmupMillis,
                int measurementIterations,
                long measurementMillis,
                long cooldownMillis,
                int extraWindows) {
            this(
                    forks,
                    warmupIterations,
                    warmupMillis,
                    measurementIterations,
                    measurementMillis,
                    cooldownMillis,
                    extraWindows,
                    forks);
        }

        /** This timing with {@code pairs} forks per implementation in a comparison group. */
        public Timing withPairedForks(int pairs) {
            return reshaped(forks, measurementIterations, pairs);
        }

        /**
         * The timing of a group of {@code implementations} implementations of one case: a single one (or a profile
         * without more paired forks) as is; a comparison runs {@link #pairedForks} forks each, and spreads at least
         * the same measured windows over them (the ceiling of forks × windows ÷ paired forks, never fewer than
         * {@value #MIN_PAIRED_WINDOWS_PER_FORK} per fork), so its windows are not fewer and its pairs are more.
         */
        public Timing forComparison(int implementations) {
            if (implementations < 2 || pairedForks <= forks) {
                return this;
            }
            int windows = Math.max(
                    MIN_PAIRED_WINDOWS_PER_FORK, (forks * measurementIterations + pairedForks - 1) / pairedForks);
            return reshaped(pairedForks, windows, pairedForks);
        }

        private Timing reshaped(int newForks, int windowsPerFork, int pairs) {
            return new Timing(
                    newForks,
                    warmupIterations,
                    warmupMillis,
                    windowsPerFork,
                    measurementMillis,
                    cooldownMillis,
                    extraWindows,
                    pairs);
        }

        /** Timing without extra windows. */
        public Timing(
                int forks,
                int warmupIterations,
                long warmupMillis,
                int measurementIterations,
                long measurementMillis,
                long cooldownMillis) {
            this(forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis, cooldownMillis, 0);
        }
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
