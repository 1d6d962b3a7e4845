package org.joulebench.backend.cpu;

/**
 * fp32 GEMM C = A·B, row-major, on the packed, register-blocked {@link PackedGemm}. With {@code prePackB} B (the
 * catalogue's weight input) is packed into its panels once, while preparing, and runs read the panels: what an
 * inference engine does with a constant weight; without it every run packs B as it goes.
 */
final class GemmF32 extends PackedGemm {
    private final float[] a, b, c;
    /** B's blocks packed at prepare, by column tile and K block; {@code null} when packed per run. */
    private final float[][][] preB;

    GemmF32(CpuThreads pool, int m, int n, int k, float[] a, float[] b) {
        this(pool, m, n, k, a, b, false);
    }

    GemmF32(CpuThreads pool, int m, int n, int k, float[] a, float[] b, boolean prePackB) {
        super(pool, "C", new int[] {m, n}, 1, m, n, k, KC);
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
        this.preB = prePackB ? packAllB() : null;
    }

    private float[][][] packAllB() {
        int kBlocks = ceilDiv(k, kc);
        float[][][] out = new float[colTiles][kBlocks][];
        for (int t = 0; t < colTiles; t++) {
            int j0 = t * nc, j1 = Math.min(n, j0 + nc);
            for (int kb = 0; kb < kBlocks; kb++) {
                int k0 = kb * kc, rows = Math.min(kc, k - k0);
                out[t][kb] = new float[rows * ceilDiv(j1 - j0, NR) * NR];
                packPanelsF32(b, 0, n, k0, rows, j0, j1, out[t][kb]);
            }
        }
        return out;
    }

    @Override
    float[] prePackedB(int batchIndex, int k0, int j0) {
        return preB == null ? null : preB[j0 / nc][k0 / kc];
    }

    @Override
    public java.util.List<String> prePackedWeights() {
        return preB == null ? java.util.List.of() : java.util.List.of("B");
    }

    @Override
    void packA(int i0, int rows, float[] dst, int off) {
        packRowsF32(a, i0, rows, k, k, dst, off);
    }

    @Override
    void packB(int batchIndex, int k0, int kb, int j0, int j1, float[] dst, int worker) {
        packPanelsF32(b, 0, n, k0, kb, j0, j1, dst);
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
