package org.joulebench.site;

/** What a figure plots for each result. */
public enum Metric {
    /** Headline units per joule (GFLOP/J, GOP/J, GB/J): higher is better. */
    EFFICIENCY(true),
    /** Picojoules per headline unit: lower is better. */
    PICOJOULES_PER_UNIT(false),
    /** Headline throughput (GFLOP/s, GOP/s, GB/s): higher is better. */
    THROUGHPUT(true);

    final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    Double value(ResultRow r) {
        return switch (this) {
            case EFFICIENCY -> r.efficiency();
            case PICOJOULES_PER_UNIT -> r.picojoulesPerUnit();
            case THROUGHPUT -> r.throughput();
        };
    }

    String unit(ResultRow r) {
        return switch (this) {
            case EFFICIENCY -> r.efficiencyUnit();
            case PICOJOULES_PER_UNIT -> r.headlineUnit().picojoulesUnit();
            case THROUGHPUT -> r.throughputUnit();
        };
    }

    boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }
}
