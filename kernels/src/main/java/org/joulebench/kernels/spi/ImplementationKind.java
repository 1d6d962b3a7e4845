package org.joulebench.kernels.spi;

/**
 * Whose code does the work. On one chip both kinds appear side by side, so a reader sees how much of the
 * efficiency is the silicon and how much the software.
 */
public enum ImplementationKind {
    /** A portable kernel of ours (plain Java, Vector API, our CUDA C, TornadoVM Java). */
    PORTABLE,
    /** The chip vendor's or a tuned third-party library (OpenBLAS, cuBLAS, oneDNN...). */
    VENDOR_LIBRARY
}
