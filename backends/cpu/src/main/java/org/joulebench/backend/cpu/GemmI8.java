package org.joulebench.backend.cpu;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/** int8 GEMM with exact int32 accumulation (wrapping as int32 arithmetic does); blocking as {@link BlockedGemm}. */
final class GemmI8 extends BlockedGemm {
    private static final int KB = 256;
    private final byte[] a, b;
    private final int[] c;

    GemmI8(ForkJoinPool pool, int m, int n, int k, byte[] a, byte[] b) {
        super(pool, m, n, k, KB);
        this.a = a;
        this.b = b;
        this.c = new int[m * n];
    }

    @Override
    void clear(int from, int to) {
        Arrays.fill(c, from, to, 0);
    }

    @Override
    void block(int worker, int i0, int i1, int j0, int j1, int k0, int k1) {
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

    @Override
    Object outputData() {
        return c;
    }
}
