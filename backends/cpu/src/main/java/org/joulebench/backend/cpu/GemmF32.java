package org.joulebench.backend.cpu;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * fp32 GEMM C = A·B, blocked as {@link BlockedGemm}; i-k-j order so the inner loop streams a row of B
 * into a row of C (which the JIT vectorises).
 */
final class GemmF32 extends BlockedGemm {
    static final int KB = 128;
    private final float[] a, b, c;

    GemmF32(ForkJoinPool pool, int m, int n, int k, float[] a, float[] b) {
        super(pool, m, n, k, KB);
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
    }

    @Override
    void clear(int from, int to) {
        Arrays.fill(c, from, to, 0f);
    }

    @Override
    void block(int worker, int i0, int i1, int j0, int j1, int k0, int k1) {
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

    @Override
    Object outputData() {
        return c;
    }
}
