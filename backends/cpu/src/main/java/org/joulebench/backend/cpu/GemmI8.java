package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/** int8 GEMM with exact int32 accumulation (wrapping as int32 arithmetic does); blocking as GemmF32. */
final class GemmI8 extends CpuKernel {
    private static final int MB = GemmF32.MB, NB = GemmF32.NB, KB = 256;
    private final int m, n, k, tilesN;
    private final byte[] a, b;
    private final int[] c;

    GemmI8(ForkJoinPool pool, int m, int n, int k, byte[] a, byte[] b) {
        super("C", new int[] {m, n});
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.b = b;
        this.c = new int[m * n];
        this.tilesN = ceilDiv(n, NB);
        tiles(pool, ceilDiv(m, MB) * tilesN);
    }

    @Override
    void tile(int tile, int worker) {
        int i0 = (tile / tilesN) * MB, i1 = Math.min(m, i0 + MB);
        int j0 = (tile % tilesN) * NB, j1 = Math.min(n, j0 + NB);
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0);
        }
        for (int k0 = 0; k0 < k; k0 += KB) {
            int k1 = Math.min(k, k0 + KB);
            for (int i = i0; i < i1; i++) {
                int ci = i * n;
                for (int kk = k0; kk < k1; kk++) {
                    int aik = a[i * k + kk];
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
