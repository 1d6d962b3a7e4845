package org.joulebench.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row-wise kernels over X [R,C]: softmax, layernorm, rmsnorm, in vector lanes. Tiles are blocks of
 * whole rows, and within a tile the rows are software-pipelined (except where the list below says
 * otherwise, each exception measured faster at the shape it serves): the loop that writes row r's output
 * also makes one pass over row r+1 for its statistics, so memory sees a read stream and a write stream
 * at once (as in the triad) instead of a read-only pass and a write-only pass in turn. Each row is read
 * from memory once; everything else hits cache.
 *
 * <ul>
 *   <li>rmsnorm, rows in pairs: Σx² of rows r+2 and r+3 while writing rows r and r+1, so that each
 *       gamma vector loaded serves two rows (≈ 1.2× at M, measured: gamma and the re-read of X come
 *       from L2 when a row no longer fits L1 beside the others, and those loads compete with the
 *       memory streams).
 *   <li>layernorm: Σd and Σd² with d = x − x₀ (x₀ the row's first element, so the variance does not
 *       cancel) of row r+1 while writing row r; rows that fit L1 of an X in memory, one at a time
 *       instead (statistics, then output from L1: {@link #rowAtATime}).
 *   <li>softmax, in chunks of {@value #CHUNK} elements (L1-sized), one loop per chunk with three
 *       streams: the maximum of row r+1's next chunk (from memory), exp(x − chunk max) of its current
 *       chunk written to Y with its sum (from L1), and row r's same chunk multiplied by exp(chunk max −
 *       row max) / row sum (from L2), so the exps overlap the memory traffic. One exp per element; the
 *       maximum by compare-and-blend, not Java's {@code max} (whose NaN and ±0 rules cost several
 *       instructions; a NaN still makes its row NaN through exp). Rows of {@link #LONG_ROW} columns or
 *       more are a tile each and go a chunk at a time instead ({@link #softmaxLongRow}): the pipeline
 *       was slower there (measured at 50257 columns).
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
    /** Columns from which a softmax row is a tile of its own (16 chunks: 64 KiB, twice L1). */
    static final int LONG_ROW = 16 * SOFTMAX_CHUNK;

    /**
     * Bytes of X beyond which a row kernel streams from memory (half this machine's L3: X and Y together fill it;
     * 16 MiB on the 32 MiB L3 of the Zen 4 VM measured); below it, X comes from cache.
     */
    static final long MEMORY_RESIDENT_BYTES = CacheSizes.MACHINE.rowKernelMemoryBytes();

    private final Op op;
    private final int rows, cols, rowsPerTile, chunks;
    /**
     * layernorm: each row's statistics, then its output, while the row is still in L1 (rows of at most
     * a quarter of L1, X from memory): ~1.25× over the pipeline across rows at M (1024 columns), whose
     * re-read of the previous row slowed it, measured; from cache (size S) the pipeline is ~1.15× faster.
     */
    private final boolean rowAtATime;

    private final float eps;
    private final float[] x, gamma, beta, y;
    /** softmax, per worker: chunk maxima and sums of the row being finished and of the next one. */
    private final float[][] chunkMax, chunkSum, nextMax, nextSum;

    RowKernel(CpuThreads pool, Op op, int rows, int cols, float[] x, float[] gamma, float[] beta, double eps) {
        super("Y", new int[] {rows, cols});
        this.op = op;
        this.rows = rows;
        this.cols = cols;
        this.x = x;
        this.gamma = gamma;
        this.beta = beta;
        this.eps = (float) eps;
        this.y = new float[rows * cols];
        this.rowAtATime = op == Op.LAYERNORM
                && 4L * cols <= CacheSizes.MACHINE.l1dBytes() / 4
                && 4L * rows * cols >= MEMORY_RESIDENT_BYTES;
        // softmax rows of many chunks are a tile each (softmaxLongRow)
        this.rowsPerTile = op == Op.SOFTMAX && cols >= LONG_ROW ? 1 : Math.max(4, 65_536 / cols);
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
            case SOFTMAX -> {
                if (cols >= LONG_ROW) {
                    softmaxLongRow(r0, worker); // a tile of one row
                } else {
                    softmaxRows(r0, r1, worker);
                }
            }
            case LAYERNORM -> layernormRows(r0, r1);
            case RMSNORM -> rmsnormRows(r0, r1);
        }
    }

    // ---------------------------------------------------------------- rmsnorm

    /**
     * Rows in pairs: Σx² of rows r+2, r+3 while writing rows r, r+1, so each gamma vector loaded serves
     * two rows (an odd last row alone, unpipelined).
     */
    private void rmsnormRows(int r0, int r1) {
        int pairs = (r1 - r0) / 2;
        double[] ssq = new double[2]; // Σx² of the next pair; a tile allocates this once
        if (pairs > 0) {
            rmsPairOutputAndNext(-1, 0f, 0f, r0 * cols, ssq);
        }
        for (int p = 0; p < pairs; p++) {
            int o = (r0 + 2 * p) * cols;
            rmsPairOutputAndNext(o, rmsScale(ssq[0]), rmsScale(ssq[1]), p + 1 < pairs ? o + 2 * cols : -1, ssq);
        }
        if (((r1 - r0) & 1) != 0) {
            int o = (r1 - 1) * cols;
            rmsWrite(o, rmsScale(sumOfSquares(o)));
        }
    }

    private float rmsScale(double ssq) {
        return (float) (1.0 / Math.sqrt(ssq / cols + eps));
    }

    /**
     * Rows o, o + cols: Y = X·inv·gamma (o ≥ 0); ssq = {Σx²} of rows next, next + cols (next ≥ 0). Each
     * pass over gamma (an L2 stream once the row no longer fits L1 beside X and Y) serves two rows.
     */
    private void rmsPairOutputAndNext(int o, float inv0, float inv1, int next, double[] ssq) {
        FloatVector iv0 = FloatVector.broadcast(Simd.F, inv0), iv1 = FloatVector.broadcast(Simd.F, inv1);
        int o1 = o + cols, n1 = next + cols;
        double sum0 = 0, sum1 = 0;
        int i = 0;
        while (i + L <= cols) {
            int end = Math.min(cols, i + CHUNK);
            FloatVector s0 = FloatVector.zero(Simd.F), s1 = s0;
            if (next >= 0 && o >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector a = FloatVector.fromArray(Simd.F, x, next + i);
                    FloatVector b = FloatVector.fromArray(Simd.F, x, n1 + i);
                    s0 = a.fma(a, s0);
                    s1 = b.fma(b, s1);
                    FloatVector g = FloatVector.fromArray(Simd.F, gamma, i);
                    FloatVector.fromArray(Simd.F, x, o + i).mul(iv0).mul(g).intoArray(y, o + i);
                    FloatVector.fromArray(Simd.F, x, o1 + i).mul(iv1).mul(g).intoArray(y, o1 + i);
                }
            } else if (next >= 0) {
                for (; i + L <= end; i += L) {
                    FloatVector a = FloatVector.fromArray(Simd.F, x, next + i);
                    FloatVector b = FloatVector.fromArray(Simd.F, x, n1 + i);
                    s0 = a.fma(a, s0);
                    s1 = b.fma(b, s1);
                }
            } else {
                for (; i + L <= end; i += L) {
                    FloatVector g = FloatVector.fromArray(Simd.F, gamma, i);
                    FloatVector.fromArray(Simd.F, x, o + i).mul(iv0).mul(g).intoArray(y, o + i);
                    FloatVector.fromArray(Simd.F, x, o1 + i).mul(iv1).mul(g).intoArray(y, o1 + i);
                }
            }
            sum0 += s0.reduceLanes(VectorOperators.ADD);
            sum1 += s1.reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            if (o >= 0) {
                y[o + i] = x[o + i] * inv0 * gamma[i];
                y[o1 + i] = x[o1 + i] * inv1 * gamma[i];
            }
            if (next >= 0) {
                double a = x[next + i], b = x[n1 + i];
                sum0 += a * a;
                sum1 += b * b;
            }
        }
        ssq[0] = sum0;
        ssq[1] = sum1;
    }

    /** Σ X[o..o+cols)², in fp32 lanes per chunk, the chunks in double. */
    private double sumOfSquares(int o) {
        double sum = 0;
        int i = 0;
        while (i + L <= cols) {
            int end = Math.min(cols, i + CHUNK);
            FloatVector s = FloatVector.zero(Simd.F);
            for (; i + L <= end; i += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, o + i);
                s = v.fma(v, s);
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            double v = x[o + i];
            sum += v * v;
        }
        return sum;
    }

    /** Y[o..] = X[o..]·inv·gamma for one row. */
    private void rmsWrite(int o, float inv) {
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

    // ---------------------------------------------------------------- layernorm

    private void layernormRows(int r0, int r1) {
        double[] stats = new double[2]; // Σd, Σd² of the next row; a tile allocates this once
        if (rowAtATime) {
            for (int r = r0; r < r1; r++) {
                int o = r * cols;
                lnOutputAndNext(-1, 0f, 0f, o, stats);
                lnOutputAndNext(o, lnMean(o, stats), lnInvStd(stats), -1, stats);
            }
            return;
        }
        lnOutputAndNext(-1, 0f, 0f, r0 * cols, stats);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            lnOutputAndNext(o, lnMean(o, stats), lnInvStd(stats), r + 1 < r1 ? o + cols : -1, stats);
        }
    }

    /** The mean of row o from its stats {Σd, Σd²}, d = x − x[o]. */
    private float lnMean(int o, double[] stats) {
        return (float) (x[o] + stats[0] / cols);
    }

    /** 1/√(var + eps) from a row's stats {Σd, Σd²}; the variance of d is the row's. */
    private float lnInvStd(double[] stats) {
        double dm = stats[0] / cols;
        double var = Math.max(0, stats[1] / cols - dm * dm);
        return (float) (1.0 / Math.sqrt(var + eps));
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

    /**
     * Softmax of rows [r0, r1) as one sequence of chunks g (row r0 + g / chunks, chunk g % chunks), each
     * step running the three streams of {@link #pipelinedChunk}: the maximum of chunk g+1, the exps of
     * chunk g, and the scaling of chunk g − chunks (the same chunk of the previous row, whose maximum
     * and sum were complete at the end of that row). Works the same for rows of one chunk and of many.
     */
    private void softmaxRows(int r0, int r1, int worker) {
        float[][] max = {chunkMax[worker], nextMax[worker]}, sum = {chunkSum[worker], nextSum[worker]};
        int total = (r1 - r0) * chunks;
        max[0][0] = chunkMaxAlone(r0 * cols, 0, Math.min(cols, SOFTMAX_CHUNK));
        float[] one = new float[1];
        for (int g = 0; g < total + chunks; g++) {
            int aOff = -1, lenA = 0, bOff = -1, len = 0, cOff = -1;
            float bMax = 0f, f = 0f;
            if (g + 1 < total) {
                int r = r0 + (g + 1) / chunks, c = (g + 1) % chunks;
                aOff = r * cols + c * SOFTMAX_CHUNK;
                lenA = Math.min(cols - c * SOFTMAX_CHUNK, SOFTMAX_CHUNK);
            }
            int c = g % chunks;
            len = Math.min(cols - c * SOFTMAX_CHUNK, SOFTMAX_CHUNK);
            if (g < total) {
                int r = r0 + g / chunks;
                bOff = r * cols + c * SOFTMAX_CHUNK;
                bMax = max[(r - r0) & 1][c];
            }
            if (g >= chunks) {
                int r = r0 + g / chunks - 1;
                cOff = r * cols + c * SOFTMAX_CHUNK;
                f = sum[(r - r0) & 1][c]; // by now the chunk's scale factor
            }
            float aMax = pipelinedChunk(aOff, lenA, bOff, len, bMax, cOff, f, one);
            if (aOff >= 0) {
                max[((g + 1) / chunks) & 1][(g + 1) % chunks] = aMax;
            }
            if (bOff >= 0) {
                int p = (g / chunks) & 1;
                sum[p][c] = one[0];
                if (c == chunks - 1) {
                    toFactors(max[p], sum[p]);
                }
            }
        }
    }

    /**
     * Softmax of a row of {@link #LONG_ROW} columns or more, a chunk at a time: its maximum (from
     * memory), then its exps (from L1, just read), then after the row each chunk's scaling (from L2).
     * Taking the next chunk's maximum in the loop of this chunk's exps, as {@link #softmaxRows} does,
     * was ~1.15× slower here (measured at 50257 columns), as was a third stream scaling the previous row.
     */
    private void softmaxLongRow(int r, int worker) {
        float[] max = chunkMax[worker], sum = chunkSum[worker];
        int o = r * cols;
        // the loops are written out here rather than shared with pipelinedChunk: sharing them made the
        // JIT compile pipelinedChunk from a profile without its three-stream loop, and softmax S then ran
        // at a third of its speed in a JVM that had run softmax M first (measured, peer benchmark)
        for (int c = 0; c < chunks; c++) {
            int off = o + c * SOFTMAX_CHUNK, len = Math.min(cols - c * SOFTMAX_CHUNK, SOFTMAX_CHUNK);
            FloatVector mv = FloatVector.broadcast(Simd.F, Float.NEGATIVE_INFINITY);
            int i = 0;
            for (; i + L <= len; i += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, off + i);
                mv = mv.blend(v, mv.lt(v));
            }
            float m = mv.reduceLanes(VectorOperators.MAX);
            for (int u = i; u < len; u++) {
                m = Math.max(m, x[off + u]);
            }
            FloatVector mb = FloatVector.broadcast(Simd.F, m), sv = FloatVector.zero(Simd.F);
            for (i = 0; i + L <= len; i += L) {
                FloatVector e = VectorMath.expAtMostZero(
                        FloatVector.fromArray(Simd.F, x, off + i).sub(mb));
                e.intoArray(y, off + i);
                sv = sv.add(e);
            }
            float total = sv.reduceLanes(VectorOperators.ADD);
            for (; i < len; i++) {
                float e = (float) Math.exp(x[off + i] - m);
                y[off + i] = e;
                total += e;
            }
            max[c] = m;
            sum[c] = total;
        }
        toFactors(max, sum);
        for (int c = 0; c < chunks; c++) {
            int off = o + c * SOFTMAX_CHUNK, len = Math.min(cols - c * SOFTMAX_CHUNK, SOFTMAX_CHUNK);
            float f = sum[c];
            FloatVector fv = FloatVector.broadcast(Simd.F, f);
            int i = 0;
            for (; i + L <= len; i += L) {
                FloatVector.fromArray(Simd.F, y, off + i).mul(fv).intoArray(y, off + i);
            }
            for (; i < len; i++) {
                y[off + i] *= f;
            }
        }
    }

    /** Turns a row's chunk maxima and exp-sums into each chunk's factor exp(chunk max − row max) / row sum, in place of the sums. */
    private void toFactors(float[] max, float[] sum) {
        float m = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < chunks; c++) {
            m = Math.max(m, max[c]);
        }
        // the chunk holding the row's maximum needs no exp (e⁰): a row of one chunk (size S) none at all
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += max[c] == m ? sum[c] : sum[c] * Math.exp(max[c] - m);
        }
        for (int c = 0; c < chunks; c++) {
            sum[c] = (float) ((max[c] == m ? 1 : Math.exp(max[c] - m)) / total);
        }
    }

    /** Max of X[next+i0 .. next+i1). */
    private float chunkMaxAlone(int next, int i0, int i1) {
        FloatVector mv = FloatVector.broadcast(Simd.F, Float.NEGATIVE_INFINITY);
        int i = i0;
        for (; i + L <= i1; i += L) {
            FloatVector v = FloatVector.fromArray(Simd.F, x, next + i);
            mv = mv.blend(v, mv.lt(v));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < i1; i++) {
            max = Math.max(max, x[next + i]);
        }
        return max;
    }

    /**
     * One step of the softmax pipeline, three streams in one loop (each absent when its offset is −1):
     * (a) the maximum of X[aOff, aOff+lenA), read from memory, returned; (b) Y[bOff+i] = exp(X[bOff+i] −
     * bMax) over len elements, from L1, their sum into {@code sumOut[0]}; (c) Y[cOff+i] *= f over len
     * elements, from L2. The exps thus run while memory streams, instead of between bursts.
     */
    private float pipelinedChunk(int aOff, int lenA, int bOff, int len, float bMax, int cOff, float f, float[] sumOut) {
        int vecA = lenA - lenA % L, vec = len - len % L, both = Math.min(vecA, vec);
        FloatVector mv = FloatVector.broadcast(Simd.F, Float.NEGATIVE_INFINITY);
        FloatVector mb = FloatVector.broadcast(Simd.F, bMax), fv = FloatVector.broadcast(Simd.F, f);
        FloatVector sv = FloatVector.zero(Simd.F);
        int t = 0;
        if (aOff >= 0 && bOff >= 0 && cOff >= 0) {
            for (; t < both; t += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, aOff + t);
                mv = mv.blend(v, mv.lt(v));
                FloatVector e = VectorMath.expAtMostZero(
                        FloatVector.fromArray(Simd.F, x, bOff + t).sub(mb));
                e.intoArray(y, bOff + t);
                sv = sv.add(e);
                FloatVector.fromArray(Simd.F, y, cOff + t).mul(fv).intoArray(y, cOff + t);
            }
        } else if (aOff >= 0 && bOff >= 0) {
            for (; t < both; t += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, aOff + t);
                mv = mv.blend(v, mv.lt(v));
                FloatVector e = VectorMath.expAtMostZero(
                        FloatVector.fromArray(Simd.F, x, bOff + t).sub(mb));
                e.intoArray(y, bOff + t);
                sv = sv.add(e);
            }
        }
        int tb = t, tc = t;
        if (bOff >= 0 && cOff >= 0) {
            for (; tb < vec; tb += L) {
                FloatVector e = VectorMath.expAtMostZero(
                        FloatVector.fromArray(Simd.F, x, bOff + tb).sub(mb));
                e.intoArray(y, bOff + tb);
                sv = sv.add(e);
                FloatVector.fromArray(Simd.F, y, cOff + tb).mul(fv).intoArray(y, cOff + tb);
            }
            tc = tb;
        } else if (bOff >= 0) {
            for (; tb < vec; tb += L) {
                FloatVector e = VectorMath.expAtMostZero(
                        FloatVector.fromArray(Simd.F, x, bOff + tb).sub(mb));
                e.intoArray(y, bOff + tb);
                sv = sv.add(e);
            }
        } else if (cOff >= 0) {
            for (; tc < vec; tc += L) {
                FloatVector.fromArray(Simd.F, y, cOff + tc).mul(fv).intoArray(y, cOff + tc);
            }
        }
        float aMax = Float.NEGATIVE_INFINITY;
        if (aOff >= 0) {
            // what the fused loop did not cover: the vectors past this chunk (the next row's first chunk
            // may be longer than this row's last) and the tail
            int u = t;
            for (; u < vecA; u += L) {
                FloatVector v = FloatVector.fromArray(Simd.F, x, aOff + u);
                mv = mv.blend(v, mv.lt(v));
            }
            aMax = mv.reduceLanes(VectorOperators.MAX);
            for (; u < lenA; u++) {
                aMax = Math.max(aMax, x[aOff + u]);
            }
        }
        if (bOff >= 0) {
            float sum = sv.reduceLanes(VectorOperators.ADD);
            for (int u = vec; u < len; u++) {
                float e = (float) Math.exp(x[bOff + u] - bMax);
                y[bOff + u] = e;
                sum += e;
            }
            sumOut[0] = sum;
        }
        if (cOff >= 0) {
            for (int u = vec; u < len; u++) {
                y[cOff + u] *= f;
            }
        }
        return aMax;
    }

    @Override
    Object outputData() {
        return y;
    }
}
