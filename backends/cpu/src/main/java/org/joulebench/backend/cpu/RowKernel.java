package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row-wise kernels over X [R,C]: softmax, layernorm, rmsnorm, in vector lanes. Tiles are blocks of
 * whole rows, and within a tile the rows are software-pipelined: the loop that writes row r's output
 * also makes one pass over row r+1 for its statistics, so memory sees a read stream and a write stream
 * at once (as in the triad) instead of a read-only pass and a write-only pass in turn. Each row is read
 * from memory once; everything else hits cache.
 *
 * <ul>
 *   <li>rmsnorm: Σx² of row r+1 while writing row r.
 *   <li>layernorm: Σd and Σd² with d = x − x₀ (x₀ the row's first element, so the variance does not
 *       cancel) of row r+1 while writing row r.
 *   <li>softmax, in chunks of {@value #CHUNK} elements (L1-sized): the chunk's maximum of row r+1
 *       while scaling the same chunk of row r, then exp(x − chunk max) of row r+1 written to Y with its
 *       sum; row r+1's maximum and sum are combined from its chunks', and its last pass (one row
 *       later) multiplies each chunk by exp(chunk max − row max) / sum. One exp per element.
 * </ul>
 * Sums add vector lanes in fp32 within a chunk and the chunks in double, so they stay accurate at C =
 * 50257.
 */
final class RowKernel extends CpuKernel {
    enum Op {
        SOFTMAX,
        LAYERNORM,
        RMSNORM
    }

    private static final int L = Simd.L;
    /** Elements per chunk: a vector accumulator's span before its total goes into a double; softmax's unit. */
    static final int CHUNK = 1024;
    /** softmax's unit: the chunk of a row whose maximum is taken before its exps. */
    static final int SOFTMAX_CHUNK = 1024;

    private final Op op;
    private final int rows, cols, rowsPerTile, chunks;
    private final float eps;
    private final float[] x, gamma, beta, y;
    /** softmax, per worker: chunk maxima and sums of the row being finished and of the next one. */
    private final float[][] chunkMax, chunkSum, nextMax, nextSum;

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
        this.rowsPerTile = Math.max(4, 65_536 / cols);
        this.chunks = ceilDiv(cols, SOFTMAX_CHUNK);
        int workers = tiles(pool, ceilDiv(rows, rowsPerTile));
        int n = op == Op.SOFTMAX ? workers : 0;
        chunkMax = new float[n][chunks];
        chunkSum = new float[n][chunks];
        nextMax = new float[n][chunks];
        nextSum = new float[n][chunks];
    }

    @Override
    void tile(int tile, int worker) {
        int r0 = tile * rowsPerTile, r1 = Math.min(rows, r0 + rowsPerTile);
        switch (op) {
            case SOFTMAX -> softmaxRows(r0, r1, worker);
            case LAYERNORM -> layernormRows(r0, r1);
            case RMSNORM -> rmsnormRows(r0, r1);
        }
    }

    // ---------------------------------------------------------------- rmsnorm

    private void rmsnormRows(int r0, int r1) {
        double ssq = rmsOutputAndNext(-1, 0f, r0 * cols);
        for (int r = r0; r < r1; r++) {
            float inv = (float) (1.0 / Math.sqrt(ssq / cols + eps));
            int o = r * cols;
            ssq = rmsOutputAndNext(o, inv, r + 1 < r1 ? o + cols : -1);
        }
    }

    /** Y[o..] = X[o..]·inv·gamma (o ≥ 0); returns Σ X[next..]² (next ≥ 0). */
    private double rmsOutputAndNext(int o, float inv, int next) {
        FloatVector iv = FloatVector.broadcast(Simd.F, inv);
        double sum = 0;
        int i = 0;
        while (i + L <= cols) {
            int end = Math.min(cols, i + CHUNK);
            FloatVector s = FloatVector.zero(Simd.F);
            if (next >= 0 && o >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector xn = FloatVector.fromArray(Simd.F, x, next + i);
                    s = xn.fma(xn, s);
                    FloatVector.fromArray(Simd.F, x, o + i)
                            .mul(iv)
                            .mul(FloatVector.fromArray(Simd.F, gamma, i))
                            .intoArray(y, o + i);
                }
            } else if (next >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector xn = FloatVector.fromArray(Simd.F, x, next + i);
                    s = xn.fma(xn, s);
                }
            } else {
                for (; i + L <= end; i += L) {
                    FloatVector.fromArray(Simd.F, x, o + i)
                            .mul(iv)
                            .mul(FloatVector.fromArray(Simd.F, gamma, i))
                            .intoArray(y, o + i);
                }
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            if (o >= 0) {
                y[o + i] = x[o + i] * inv * gamma[i];
            }
            if (next >= 0) {
                double v = x[next + i];
                sum += v * v;
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- layernorm

    private void layernormRows(int r0, int r1) {
        double[] stats = new double[2]; // Σd, Σd² of the next row; a tile allocates this once
        lnOutputAndNext(-1, 0f, 0f, r0 * cols, stats);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            float x0 = x[o];
            double dm = stats[0] / cols;
            double mean = x0 + dm, var = Math.max(0, stats[1] / cols - dm * dm);
            float m = (float) mean, inv = (float) (1.0 / Math.sqrt(var + eps));
            lnOutputAndNext(o, m, inv, r + 1 < r1 ? o + cols : -1, stats);
        }
    }

    /** Y[o..] = (X[o..] − m)·inv·gamma + beta (o ≥ 0); stats = {Σd, Σd²} of row next, d = x − x[next]. */
    private void lnOutputAndNext(int o, float m, float inv, int next, double[] stats) {
        FloatVector mv = FloatVector.broadcast(Simd.F, m), iv = FloatVector.broadcast(Simd.F, inv);
        FloatVector sh = FloatVector.broadcast(Simd.F, next >= 0 ? x[next] : 0f);
        double s1 = 0, s2 = 0;
        int i = 0;
        while (i + L <= cols) {
            int end = Math.min(cols, i + CHUNK);
            FloatVector a1 = FloatVector.zero(Simd.F), a2 = a1;
            if (next >= 0 && o >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector d = FloatVector.fromArray(Simd.F, x, next + i).sub(sh);
                    a1 = a1.add(d);
                    a2 = d.fma(d, a2);
                    FloatVector.fromArray(Simd.F, x, o + i)
                            .sub(mv)
                            .mul(iv)
                            .fma(FloatVector.fromArray(Simd.F, gamma, i), FloatVector.fromArray(Simd.F, beta, i))
                            .intoArray(y, o + i);
                }
            } else if (next >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector d = FloatVector.fromArray(Simd.F, x, next + i).sub(sh);
                    a1 = a1.add(d);
                    a2 = d.fma(d, a2);
                }
            } else {
                for (; i + L <= end; i += L) {
                    FloatVector.fromArray(Simd.F, x, o + i)
                            .sub(mv)
                            .mul(iv)
                            .fma(FloatVector.fromArray(Simd.F, gamma, i), FloatVector.fromArray(Simd.F, beta, i))
                            .intoArray(y, o + i);
                }
            }
            s1 += a1.reduceLanes(VectorOperators.ADD);
            s2 += a2.reduceLanes(VectorOperators.ADD);
        }
        float x0 = next >= 0 ? x[next] : 0f;
        for (; i < cols; i++) {
            if (o >= 0) {
                y[o + i] = (x[o + i] - m) * inv * gamma[i] + beta[i];
            }
            if (next >= 0) {
                double d = x[next + i] - x0;
                s1 += d;
                s2 += d * d;
            }
        }
        stats[0] = s1;
        stats[1] = s2;
    }

    // ---------------------------------------------------------------- softmax

    private void softmaxRows(int r0, int r1, int worker) {
        float[] cm = chunkMax[worker], cs = chunkSum[worker], nm = nextMax[worker], ns = nextSum[worker];
        for (int r = r0 - 1; r < r1; r++) {
            // finish row r (scale its chunks) while starting row r+1 (chunk max, exp, sum)
            int o = r * cols, next = r + 1 < r1 ? o + cols : -1;
            float[] factor = cs; // reused in place: chunk sums become the chunk scale factors
            if (r >= r0) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < chunks; c++) {
                    max = Math.max(max, cm[c]);
                }
                double sum = 0;
                for (int c = 0; c < chunks; c++) {
                    sum += cs[c] * Math.exp(cm[c] - max);
                }
                for (int c = 0; c < chunks; c++) {
                    factor[c] = (float) (Math.exp(cm[c] - max) / sum);
                }
            }
            for (int c = 0; c < chunks; c++) {
                int i0 = c * SOFTMAX_CHUNK, i1 = Math.min(cols, i0 + SOFTMAX_CHUNK);
                if (next >= 0) {
                    nm[c] = r >= r0 ? maxAndScale(next, o, i0, i1, factor[c]) : maxAndScale(next, -1, i0, i1, 0f);
                    ns[c] = expAndSum(next, i0, i1, nm[c]);
                } else {
                    maxAndScale(-1, o, i0, i1, factor[c]);
                }
            }
            float[] t = cm;
            cm = nm;
            nm = t;
            t = cs;
            cs = ns;
            ns = t;
        }
    }

    /** Max of X[next+i0 .. next+i1) (next ≥ 0), while Y[o+i0 .. o+i1) *= f (o ≥ 0). */
    private float maxAndScale(int next, int o, int i0, int i1, float f) {
        FloatVector mv = FloatVector.broadcast(Simd.F, Float.NEGATIVE_INFINITY), fv = FloatVector.broadcast(Simd.F, f);
        int i = i0;
        if (next >= 0 && o >= 0) {
            for (; i + L <= i1; i += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, next + i);
                mv = mv.blend(v, mv.lt(v));
                FloatVector.fromArray(Simd.F, y, o + i).mul(fv).intoArray(y, o + i);
            }
        } else if (next >= 0) {
            for (; i + L <= i1; i += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, next + i);
                mv = mv.blend(v, mv.lt(v));
            }
        } else {
            for (; i + L <= i1; i += L) {
                FloatVector.fromArray(Simd.F, y, o + i).mul(fv).intoArray(y, o + i);
            }
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < i1; i++) {
            if (next >= 0) {
                max = Math.max(max, x[next + i]);
            }
            if (o >= 0) {
                y[o + i] *= f;
            }
        }
        return max;
    }

    /** Y[next+i] = exp(X[next+i] − max) over [i0, i1); returns their sum. */
    private float expAndSum(int next, int i0, int i1, float max) {
        FloatVector mb = FloatVector.broadcast(Simd.F, max), s = FloatVector.zero(Simd.F);
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector e = FloatVector.fromArray(Simd.F, x, next + i).sub(mb).lanewise(VectorOperators.EXP);
            e.intoArray(y, next + i);
            s = s.add(e);
        }
        float sum = s.reduceLanes(VectorOperators.ADD);
        for (; i < i1; i++) {
            float e = (float) Math.exp(x[next + i] - max);
            y[next + i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    Object outputData() {
        return y;
    }
}
