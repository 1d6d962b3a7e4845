package org.joulebench.vocabulary;

/**
 * Whose code did the work ({@code ImplementationRecord.kind}). On one chip both appear side by side, so a reader
 * sees how much of the efficiency is the silicon and how much the software.
 */
public enum ImplementationKind {
    /** A portable kernel of ours (plain Java, Vector API, our CUDA C, TornadoVM Java). */
    PORTABLE("ours"),
    /** The chip vendor's or a tuned third-party library (OpenBLAS, cuBLAS, oneDNN...). */
    VENDOR_LIBRARY("vendor library");

    private final String label;

    ImplementationKind(String label) {
        this.label = label;
    }

    /** For people: {@code ours} or {@code vendor library}. */
    public String label() {
        return label;
    }

    public static ImplementationKind parse(String text) {
        return Words.parse(ImplementationKind.class, text);
    }
}
