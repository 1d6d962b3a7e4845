package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/** fp32 GEMV y = A·x: tiles of rows; each row's dot product uses eight independent fp32 partial sums. */
final class Gemv extends CpuKernel {
    private final int m, k, rowsPerTile;
    private final float[] a, x, y;

    Gemv(ForkJoinPool pool, int m, int k, float[] a, float[] x) {
        super("y", new int[] {m});
        this.m = m;
        this.k = k;
        this.a = a;
        this.x = x;
        this.y = new float[m];
        this.rowsPerTile = Math.max(1, 32_768 / k);
        tiles(pool, ceilDiv(m, rowsPerTile));
    }

    @Override
    void tile(int tile, int worker) {
        int r1 = Math.min(m, (tile + 1) * rowsPerTile);
        for (int r = tile * rowsPerTile; r < r1; r++) {
            y[r] = dot(a, r * k, x, 0, k);
        }
    }

    /** Σ a[ao+i]·b[bo+i] for i < len, in eight interleaved fp32 partial sums. */
    static float dot(float[] a, int ao, float[] b, int bo, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
            s4 += a[ao + i + 4] * b[bo + i + 4];
            s5 += a[ao + i + 5] * b[bo + i + 5];
            s6 += a[ao + i + 6] * b[bo + i + 6];
            s7 += a[ao + i + 7] * b[bo + i + 7];
        }
        for (; i < len; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    Object outputData() {
        return y;
    }
}
