package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/**
 * Weight-quantised GEMV, y[m] = Σ_g scales[m,g]·Σ_{k in group g} W[m,k]·x[k], with int8 or packed
 * int4 weights read in their stored form (int4: two per byte, low nibble first, each row padded to
 * whole bytes). Groups of G columns may start on an odd column; the last group may be short.
 */
final class Qgemv extends CpuKernel {
    private final boolean int4;
    private final int m, k, g, groups, rowBytes, rowsPerTile;
    private final byte[] w;
    private final float[] scales, x, y;

    Qgemv(ForkJoinPool pool, boolean int4, int m, int k, int g, byte[] w, float[] scales, float[] x) {
        super("y", new int[] {m});
        this.int4 = int4;
        this.m = m;
        this.k = k;
        this.g = g;
        this.groups = ceilDiv(k, g);
        this.rowBytes = int4 ? (k + 1) / 2 : k;
        this.w = w;
        this.scales = scales;
        this.x = x;
        this.y = new float[m];
        this.rowsPerTile = Math.max(1, 65_536 / k);
        tiles(pool, ceilDiv(m, rowsPerTile));
    }

    @Override
    void tile(int tile, int worker) {
        int r1 = Math.min(m, (tile + 1) * rowsPerTile);
        for (int r = tile * rowsPerTile; r < r1; r++) {
            int row = r * rowBytes, srow = r * groups;
            float acc = 0;
            for (int gi = 0; gi < groups; gi++) {
                int k0 = gi * g, k1 = Math.min(k, k0 + g);
                float part = int4 ? groupInt4(row, k0, k1) : groupInt8(row, k0, k1);
                acc += scales[srow + gi] * part;
            }
            y[r] = acc;
        }
    }

    private float groupInt8(int row, int k0, int k1) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int kk = k0;
        for (; kk + 4 <= k1; kk += 4) {
            s0 += w[row + kk] * x[kk];
            s1 += w[row + kk + 1] * x[kk + 1];
            s2 += w[row + kk + 2] * x[kk + 2];
            s3 += w[row + kk + 3] * x[kk + 3];
        }
        for (; kk < k1; kk++) {
            s0 += w[row + kk] * x[kk];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private float groupInt4(int row, int k0, int k1) {
        float s0 = 0, s1 = 0;
        int kk = k0;
        if ((kk & 1) == 1 && kk < k1) { // group starts on a high nibble
            s0 += (w[row + (kk >> 1)] >> 4) * x[kk];
            kk++;
        }
        for (; kk + 2 <= k1; kk += 2) {
            int b = w[row + (kk >> 1)];
            s0 += ((b << 28) >> 28) * x[kk];
            s1 += (b >> 4) * x[kk + 1];
        }
        if (kk < k1) { // group ends on a low nibble
            s0 += ((w[row + (kk >> 1)] << 28) >> 28) * x[kk];
        }
        return s0 + s1;
    }

    @Override
    Object outputData() {
        return y;
    }
}
