package org.joulebench.kernels;

/** What a kernel's headline work count counts. */
public enum WorkUnit {
    /** Floating-point operations; a multiply-add counts as 2. */
    FLOP,
    /** Integer operations; a multiply-add counts as 2. */
    INT_OP,
    /** Bytes moved to and from memory (inputs read once, outputs written once). */
    BYTE
}
