package org.joulebench.backend.cpu;

/** fp32 GEMM C = A·B, row-major, on the packed, register-blocked {@link PackedGemm}. */
final class GemmF32 extends PackedGemm {
    private final float[] a, b, c;

    GemmF32(CpuThreads pool, int m, int n, int k, float[] a, float[] b) {
        super(pool, "C", new int[] {m, n}, 1, m, n, k, KC);
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
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
