package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape every kernel uses: {@link FloatVector#SPECIES_PREFERRED} (512 bits with AVX-512, 256
 * with AVX2, 128 with NEON), and the GEMM register block sized to the register file.
 */
final class Simd {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** fp32 lanes per vector. */
    static final int L = F.length();
    /** GEMM micro-tile width in columns: two vectors. */
    static final int NR = 2 * L;
    /**
     * GEMM micro-tile height in rows. 12 rows × 2 vectors = 24 accumulators, plus 2 B vectors and a
     * broadcast, fit the 32 vector registers of AVX-512 and of AArch64; x86 below AVX-512 has 16, so 6.
     */
    static final int MR = L >= 16 || "aarch64".equals(System.getProperty("os.arch")) ? 12 : 6;

    private Simd() {}

    /** A species of {@code bitsPerLane}-bit lanes with as many lanes as {@link #F}. */
    static VectorShape shapeFor(int bitsPerLane) {
        return VectorShape.forBitSize(L * bitsPerLane);
    }
}
