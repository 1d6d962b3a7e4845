package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * int8 GEMM with exact int32 accumulation (wrapping as int32 arithmetic does), on the fp32 micro-kernel
 * of {@link PackedGemm}: int8 values and their products (|a·b| ≤ 2^14) are exact in fp32, and so is
 * every partial sum of a K block of at most 1024 products (|sum| ≤ 2^24). Each block's fp32 micro-tile is
 * converted to int32 and added to C in int32, so the result is the exact int32 one. (The Vector API has
 * no 8-bit dot-product operation, so VNNI's {@code vpdpbusd} is out of reach; an int32 multiply,
 * {@code vpmulld}, runs at half the rate of an fp32 FMA on these cores.)
 */
final class GemmI8 extends PackedGemm {
    /** Largest K block whose fp32 partial sums of int8 products are exact integers. */
    static final int KC_EXACT = 1024;

    private final byte[] a, b;
    private final int[] c;

    GemmI8(CpuThreads pool, int m, int n, int k, byte[] a, byte[] b) {
        super(pool, "C", new int[] {m, n}, 1, m, n, k, Math.min(KC, KC_EXACT));
        this.a = a;
        this.b = b;
        this.c = new int[m * n];
    }

    @Override
    void packA(int i0, int rows, float[] dst, int off) {
        for (int r = 0; r < rows; r++) {
            int s = (i0 + r) * k;
            for (int p = 0, d = off + r; p < k; p++, d += MR) {
                dst[d] = a[s + p];
            }
        }
    }

    @Override
    void packB(int batchIndex, int k0, int kb, int j0, int j1, float[] dst, int worker) {
        packPanelsByRow(batchIndex, k0, kb, j0, j1, dst, worker);
    }

    @Override
    void decodeRow(int batchIndex, int kk, int j0, int j1, float[] dst) {
        int s = kk * n + j0, count = j1 - j0;
        for (int v = 0; v < count; v++) {
            dst[v] = b[s + v];
        }
    }

    @Override
    void microTile(
            int batchIndex,
            int i,
            int rows,
            int j,
            int cols,
            int aOff,
            float[] bp,
            int bOff,
            int kb,
            boolean first,
            int worker) {
        float[] e = edge[worker];
        MicroKernels.strip(rows, packedA(worker), aOff, bp, bOff, e, 0, NR, kb, false);
        for (int r = 0; r < rows; r++) {
            int row = (i + r) * n + j, er = r * NR;
            int q = 0;
            if (cols == NR) {
                for (; q < NR; q += Simd.L) {
                    IntVector v = (IntVector) FloatVector.fromArray(Simd.F, e, er + q)
                            .convertShape(VectorOperators.F2I, IntVector.SPECIES_PREFERRED, 0);
                    if (!first) {
                        v = v.add(IntVector.fromArray(IntVector.SPECIES_PREFERRED, c, row + q));
                    }
                    v.intoArray(c, row + q);
                }
            }
            for (; q < cols; q++) {
                int v = (int) e[er + q];
                c[row + q] = first ? v : c[row + q] + v;
            }
        }
    }

    @Override
    Object outputData() {
        return c;
    }
}
