package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * fp32 GEMV y = A·x, streaming A once at memory speed: tiles of rows; four rows at a time share each
 * vector of x, each row with two vector accumulators (eight FMAs in flight), reduced once per row.
 */
final class Gemv extends CpuKernel {
    private static final int L = Simd.L;
    private final int m, k, rowsPerTile;
    private final float[] a, x, y;

    Gemv(CpuThreads pool, int m, int k, float[] a, float[] x) {
        super("y", new int[] {m});
        this.m = m;
        this.k = k;
        this.a = a;
        this.x = x;
        this.y = new float[m];
        this.rowsPerTile = Math.max(4, (32_768 / k) & ~3);
        tiles(pool, ceilDiv(m, rowsPerTile));
    }

    @Override
    void tile(int tile, int worker) {
        int r = tile * rowsPerTile, r1 = Math.min(m, r + rowsPerTile);
        for (; r + 4 <= r1; r += 4) {
            rows4(r);
        }
        for (; r < r1; r++) {
            y[r] = dot(a, r * k, x, 0, k);
        }
    }

    private void rows4(int r) {
        int o0 = r * k, o1 = o0 + k, o2 = o1 + k, o3 = o2 + k;
        FloatVector s0 = FloatVector.zero(Simd.F), s1 = s0, s2 = s0, s3 = s0;
        FloatVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        int i = 0;
        for (; i + 2 * L <= k; i += 2 * L) {
            FloatVector xv = FloatVector.fromArray(Simd.F, x, i), xw = FloatVector.fromArray(Simd.F, x, i + L);
            s0 = FloatVector.fromArray(Simd.F, a, o0 + i).fma(xv, s0);
            s1 = FloatVector.fromArray(Simd.F, a, o1 + i).fma(xv, s1);
            s2 = FloatVector.fromArray(Simd.F, a, o2 + i).fma(xv, s2);
            s3 = FloatVector.fromArray(Simd.F, a, o3 + i).fma(xv, s3);
            t0 = FloatVector.fromArray(Simd.F, a, o0 + i + L).fma(xw, t0);
            t1 = FloatVector.fromArray(Simd.F, a, o1 + i + L).fma(xw, t1);
            t2 = FloatVector.fromArray(Simd.F, a, o2 + i + L).fma(xw, t2);
            t3 = FloatVector.fromArray(Simd.F, a, o3 + i + L).fma(xw, t3);
        }
        float y0 = s0.add(t0).reduceLanes(VectorOperators.ADD), y1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
        float y2 = s2.add(t2).reduceLanes(VectorOperators.ADD), y3 = s3.add(t3).reduceLanes(VectorOperators.ADD);
        for (; i < k; i++) {
            float xi = x[i];
            y0 += a[o0 + i] * xi;
            y1 += a[o1 + i] * xi;
            y2 += a[o2 + i] * xi;
            y3 += a[o3 + i] * xi;
        }
        y[r] = y0;
        y[r + 1] = y1;
        y[r + 2] = y2;
        y[r + 3] = y3;
    }

    /** Σ a[ao+i]·b[bo+i] for i < len, in two vector accumulators. */
    static float dot(float[] a, int ao, float[] b, int bo, int len) {
        FloatVector s = FloatVector.zero(Simd.F), t = s;
        int i = 0;
        for (; i + 2 * L <= len; i += 2 * L) {
            s = FloatVector.fromArray(Simd.F, a, ao + i).fma(FloatVector.fromArray(Simd.F, b, bo + i), s);
            t = FloatVector.fromArray(Simd.F, a, ao + i + L).fma(FloatVector.fromArray(Simd.F, b, bo + i + L), t);
        }
        float sum = s.add(t).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    @Override
    Object outputData() {
        return y;
    }
}
