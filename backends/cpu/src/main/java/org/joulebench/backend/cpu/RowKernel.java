package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row-wise kernels over X [R,C]: softmax, layernorm, rmsnorm, in vector lanes. Tiles are blocks of
 * whole rows. A row is read from memory once; its later passes find it in cache (a row is at most a
 * few hundred KB): softmax = max, then exp written to Y with the sum, then Y scaled; layernorm = sum,
 * then the squared deviations, then the output; rmsnorm = sum of squares, then the output. Row sums
 * add vector lanes in fp32 over chunks of {@value #CHUNK} elements and the chunks in double, so
 * they stay accurate at C = 50257.
 */
final class RowKernel extends CpuKernel {
    enum Op {
        SOFTMAX,
        LAYERNORM,
        RMSNORM
    }

    private static final int L = Simd.L;
    /** Elements a vector accumulator sums before its total is moved into a double. */
    static final int CHUNK = 2048;

    private final Op op;
    private final int rows, cols, rowsPerTile;
    private final float eps;
    private final float[] x, gamma, beta, y;

    RowKernel(ForkJoinPool pool, Op op, int rows, int cols, float[] x, float[] gamma, float[] beta, double eps) {
        super("Y", new int[] {rows, cols});
        this.op = op;
        this.rows = rows;
        this.cols = cols;
        this.x = x;
        this.gamma = gamma;
        this.beta = beta;
        this.eps = (float) eps;
        this.y = new float[rows * cols];
        this.rowsPerTile = Math.max(1, 16_384 / cols);
        tiles(pool, ceilDiv(rows, rowsPerTile));
    }

    @Override
    void tile(int tile, int worker) {
        int r1 = Math.min(rows, (tile + 1) * rowsPerTile);
        for (int r = tile * rowsPerTile; r < r1; r++) {
            int o = r * cols;
            switch (op) {
                case SOFTMAX -> softmax(o);
                case LAYERNORM -> layernorm(o);
                case RMSNORM -> rmsnorm(o);
            }
        }
    }

    private void softmax(int o) {
        int n = cols, i = 0;
        FloatVector mv = FloatVector.broadcast(Simd.F, Float.NEGATIVE_INFINITY);
        for (; i + L <= n; i += L) {
            mv = mv.max(FloatVector.fromArray(Simd.F, x, o + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[o + i]);
        }
        FloatVector mb = FloatVector.broadcast(Simd.F, max);
        double sum = 0;
        i = 0;
        while (i + L <= n) {
            int end = Math.min(n, i + CHUNK);
            FloatVector s = FloatVector.zero(Simd.F);
            for (; i + L <= end; i += L) {
                FloatVector e = FloatVector.fromArray(Simd.F, x, o + i).sub(mb).lanewise(VectorOperators.EXP);
                e.intoArray(y, o + i);
                s = s.add(e);
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[o + i] - max);
            y[o + i] = e;
            sum += e;
        }
        scale(o, (float) (1.0 / sum));
    }

    private void scale(int o, float inv) {
        FloatVector iv = FloatVector.broadcast(Simd.F, inv);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector.fromArray(Simd.F, y, o + i).mul(iv).intoArray(y, o + i);
        }
        for (; i < cols; i++) {
            y[o + i] *= inv;
        }
    }

    /** Σ (x[o+i] − shift)² over the row, or Σ x[o+i] when {@code square} is false (shift unused). */
    private double rowSum(int o, boolean square, float shift) {
        double sum = 0;
        FloatVector sv = FloatVector.broadcast(Simd.F, shift);
        int i = 0;
        while (i + L <= cols) {
            int end = Math.min(cols, i + CHUNK);
            FloatVector s = FloatVector.zero(Simd.F);
            for (; i + L <= end; i += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, o + i);
                if (square) {
                    v = v.sub(sv);
                    s = v.fma(v, s);
                } else {
                    s = s.add(v);
                }
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            double v = x[o + i];
            sum += square ? (v - shift) * (v - shift) : v;
        }
        return sum;
    }

    private void layernorm(int o) {
        double mean = rowSum(o, false, 0) / cols;
        float m = (float) mean;
        // deviations from the fp32 mean; the (mean − m)² correction is below fp32 resolution
        double var = rowSum(o, true, m) / cols - (mean - m) * (mean - m);
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        FloatVector mv = FloatVector.broadcast(Simd.F, m), iv = FloatVector.broadcast(Simd.F, inv);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector.fromArray(Simd.F, x, o + i)
                    .sub(mv)
                    .mul(iv)
                    .fma(FloatVector.fromArray(Simd.F, gamma, i), FloatVector.fromArray(Simd.F, beta, i))
                    .intoArray(y, o + i);
        }
        for (; i < cols; i++) {
            y[o + i] = (x[o + i] - m) * inv * gamma[i] + beta[i];
        }
    }

    private void rmsnorm(int o) {
        float inv = (float) (1.0 / Math.sqrt(rowSum(o, true, 0f) / cols + eps));
        FloatVector iv = FloatVector.broadcast(Simd.F, inv);
        int i = 0;
        for (; i + L <= cols; i += L) {
            FloatVector.fromArray(Simd.F, x, o + i)
                    .mul(iv)
                    .mul(FloatVector.fromArray(Simd.F, gamma, i))
                    .intoArray(y, o + i);
        }
        for (; i < cols; i++) {
            y[o + i] = x[o + i] * inv * gamma[i];
        }
    }

    @Override
    Object outputData() {
        return y;
    }
}
