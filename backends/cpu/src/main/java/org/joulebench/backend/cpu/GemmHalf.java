package org.joulebench.backend.cpu;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp16/bf16 GEMM with fp32 accumulation on {@link PackedGemm}. The inputs stay in their 16-bit form
 * and are decoded to fp32 as they are packed inside each run (A once, each K×N block of B once), so the
 * measured work includes reading the narrow type; the multiply-adds are the fp32 micro-kernel's.
 * bf16 is decoded with vector shifts; fp16 with {@link Float#float16ToFloat}, which the JIT compiles
 * to {@code vcvtph2ps} (F16C).
 */
final class GemmHalf extends PackedGemm {
    private static final VectorSpecies<Short> HALF = ShortVector.SPECIES_PREFERRED.withShape(Simd.shapeFor(16));
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;

    private final boolean bf16;
    private final short[] a, b;
    private final float[] c;

    GemmHalf(ForkJoinPool pool, boolean bf16, int m, int n, int k, short[] a, short[] b) {
        super(pool, "C", new int[] {m, n}, 1, m, n, k, KC);
        this.bf16 = bf16;
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
    }

    @Override
    void packA(int i0, int rows, float[] dst, int off) {
        for (int r = 0; r < rows; r++) {
            int s = (i0 + r) * k;
            if (bf16) {
                for (int p = 0, d = off + r; p < k; p++, d += MR) {
                    dst[d] = Float.intBitsToFloat(a[s + p] << 16);
                }
            } else {
                for (int p = 0, d = off + r; p < k; p++, d += MR) {
                    dst[d] = Float.float16ToFloat(a[s + p]);
                }
            }
        }
    }

    @Override
    void packB(int batchIndex, int k0, int kb, int j0, int j1, float[] dst) {
        int full = (j1 - j0) / NR, panelSize = kb * NR, tail = (j1 - j0) - full * NR;
        for (int p = 0; p < kb; p++) {
            int s = (k0 + p) * n + j0, d = p * NR;
            for (int q = 0; q < full; q++, s += NR, d += panelSize) {
                decode(s, d, NR, dst);
            }
            if (tail > 0) {
                decode(s, d, tail, dst);
                Arrays.fill(dst, d + tail, d + NR, 0f);
            }
        }
    }

    /** dst[d, d+count) = decoded b[s, s+count). */
    private void decode(int s, int d, int count, float[] dst) {
        if (bf16) {
            int v = 0;
            for (; v + Simd.L <= count; v += Simd.L) {
                ShortVector.fromArray(HALF, b, s + v)
                        .convertShape(VectorOperators.S2I, INT, 0)
                        .lanewise(VectorOperators.LSHL, 16)
                        .reinterpretAsFloats()
                        .intoArray(dst, d + v);
            }
            for (; v < count; v++) {
                dst[d + v] = Float.intBitsToFloat(b[s + v] << 16);
            }
        } else {
            for (int v = 0; v < count; v++) {
                dst[d + v] = Float.float16ToFloat(b[s + v]);
            }
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
        microTileInto(c, 0, n, i, rows, j, cols, aOff, bp, bOff, kb, first, worker);
    }

    @Override
    Object outputData() {
        return c;
    }
}
