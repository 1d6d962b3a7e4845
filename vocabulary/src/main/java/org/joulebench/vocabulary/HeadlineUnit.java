package org.joulebench.vocabulary;

/**
 * What a result's throughput and energy per unit are quoted in ({@code Work.headline} in a record): one rule for
 * every unit derived from it, so the record, {@code check}, the summary table and the site always agree.
 */
public enum HeadlineUnit {
    /** Floating-point operations (a multiply-add is 2): GFLOP/s, GFLOP/J, pJ/FLOP. */
    FLOP("FLOP", "GFLOP/s", "GFLOP/J"),
    /** Integer operations (int8 GEMM): GOP/s, GOP/J, pJ/op. */
    INT_OP("op", "GOP/s", "GOP/J"),
    /** Bytes moved (memory-bound kernels): GB/s, GB/J, pJ/byte. */
    BYTE("byte", "GB/s", "GB/J");

    private final String singular;
    private final String throughputUnit;
    private final String efficiencyUnit;

    HeadlineUnit(String singular, String throughputUnit, String efficiencyUnit) {
        this.singular = singular;
        this.throughputUnit = throughputUnit;
        this.efficiencyUnit = efficiencyUnit;
    }

    /** One unit as a word: {@code FLOP}, {@code op} or {@code byte}. */
    public String singular() {
        return singular;
    }

    /** Throughput in giga-units per second: {@code GFLOP/s}, {@code GOP/s} or {@code GB/s}. */
    public String throughputUnit() {
        return throughputUnit;
    }

    /** Efficiency in giga-units per joule: {@code GFLOP/J}, {@code GOP/J} or {@code GB/J}. */
    public String efficiencyUnit() {
        return efficiencyUnit;
    }

    /** Energy per unit in picojoules: {@code pJ/FLOP}, {@code pJ/op} or {@code pJ/byte}. */
    public String picojoulesUnit() {
        return "pJ/" + singular;
    }

    /** True for a memory-bound kernel (bytes are its headline). */
    public boolean memoryBound() {
        return this == BYTE;
    }

    /** The headline of a record's text ({@code FLOP}, {@code INT_OP}, {@code BYTE}). */
    public static HeadlineUnit parse(String text) {
        return Words.parse(HeadlineUnit.class, text);
    }
}
