package org.joulebench.backend.cpu;

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

    GemmHalf(CpuThreads pool, boolean bf16, int m, int n, int k, short[] a, short[] b) {
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
    void packB(int batchIndex, int k0, int kb, int j0, int j1, float[] dst, int worker) {
        packPanelsByRow(batchIndex, k0, kb, j0, j1, dst, worker);
    }

    @Override
    void decodeRow(int batchIndex, int kk, int j0, int j1, float[] dst) {
        int s = kk * n + j0, count = j1 - j0;
        if (bf16) {
            int v = 0;
            for (; v + Simd.L <= count; v += Simd.L) {
                ShortVector.fromArray(HALF, b, s + v)
                        .convertShape(VectorOperators.S2I, INT, 0)
                        .lanewise(VectorOperators.LSHL, 16)
                        .reinterpretAsFloats()
                        .intoArray(dst, v);
            }
            for (; v < count; v++) {
                dst[v] = Float.intBitsToFloat(b[s + v] << 16);
            }
        } else {
            fp16ToFloat(b, s, dst, count);
        }
    }

    /** dst[0, count) = src[s, s+count) as fp16 bits decoded: a loop the JIT turns into vcvtph2ps on whole vectors. */
    private static void fp16ToFloat(short[] src, int s, float[] dst, int count) {
        for (int v = 0; v < count; v++) {
            dst[v] = Float.float16ToFloat(src[s + v]);
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
