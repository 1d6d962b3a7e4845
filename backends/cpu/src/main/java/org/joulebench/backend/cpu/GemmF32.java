package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/**
 * fp32 GEMM C = A·B: tiles of MB rows × NB columns of C; within a tile, K is walked in KB blocks so
 * that a KB×NB panel of B stays in cache, with i-k-j order so the inner loop streams a row of B into
 * a row of C (which the JIT vectorises).
 */
final class GemmF32 extends CpuKernel {
    static final int MB = 32, NB = 512, KB = 128;
    private final int m, n, k, tilesN;
    private final float[] a, b, c;

    GemmF32(ForkJoinPool pool, int m, int n, int k, float[] a, float[] b) {
        super("C", new int[] {m, n});
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
        this.tilesN = ceilDiv(n, NB);
        tiles(pool, ceilDiv(m, MB) * tilesN);
    }

    @Override
    void tile(int tile, int worker) {
        int i0 = (tile / tilesN) * MB, i1 = Math.min(m, i0 + MB);
        int j0 = (tile % tilesN) * NB, j1 = Math.min(n, j0 + NB);
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0f);
        }
        for (int k0 = 0; k0 < k; k0 += KB) {
            int k1 = Math.min(k, k0 + KB);
            for (int i = i0; i < i1; i++) {
                int ci = i * n;
                for (int kk = k0; kk < k1; kk++) {
                    float aik = a[i * k + kk];
                    int bk = kk * n;
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += aik * b[bk + j];
                    }
                }
            }
        }
    }

    @Override
    Object outputData() {
        return c;
    }
}
