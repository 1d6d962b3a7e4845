package org.joulebench.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The catalogue's kernels written once in TornadoVM's Java style: TornadoVM compiles these methods for the
 * device (OpenCL C, PTX or SPIR-V). Same formulas as the reference (kernels/LAYOUTS.md).
 */
final class TornadoKernels {
    private TornadoKernels() {}

    static final float SQRT_2_OVER_PI = 0.7978845608028654f;

    /** STREAM triad a = b + alpha·c over N floats. */
    static void triad(FloatArray b, FloatArray c, FloatArray a, float alpha) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            a.set(i, b.get(i) + alpha * c.get(i));
        }
    }

    /** GELU, tanh form. */
    static void gelu(FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) {
            float v = x.get(i);
            y.set(i, 0.5f * v * (1f + TornadoMath.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v))));
        }
    }

    /** SiLU: v·sigmoid(v). */
    static void silu(FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) {
            float v = x.get(i);
            y.set(i, v / (1f + TornadoMath.exp(-v)));
        }
    }

    /** C[M×N] = A[M×K]·B[K×N], row-major, one work-item per output element. */
    static void gemm(FloatArray a, FloatArray b, FloatArray c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m; i++) {
            for (@Parallel int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a.get(i * k + p) * b.get(p * n + j);
                }
                c.set(i * n + j, sum);
            }
        }
    }

    /** Tile edge of the local-memory GEMM; the work-group is TILE×TILE. */
    static final int TILE = 16;

    /**
     * C = A·B with TILE×TILE tiles of A and B staged in local memory, one barrier pair per tile: each
     * element of A and B is read from global memory N/TILE resp. M/TILE times instead of N resp. M.
     * The global range is M and N rounded up to TILE; out-of-range work-items load zeros and store nothing.
     */
    static void gemmTiled(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int m, int n, int k) {
        int row = ctx.globalIdy;
        int col = ctx.globalIdx;
        int ly = ctx.localIdy;
        int lx = ctx.localIdx;
        float[] tileA = ctx.allocateFloatLocalArray(TILE * TILE);
        float[] tileB = ctx.allocateFloatLocalArray(TILE * TILE);
        float sum = 0f;
        int tiles = (k + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int ac = t * TILE + lx;
            int br = t * TILE + ly;
            tileA[ly * TILE + lx] = (row < m && ac < k) ? a.get(row * k + ac) : 0f;
            tileB[ly * TILE + lx] = (br < k && col < n) ? b.get(br * n + col) : 0f;
            ctx.localBarrier();
            for (int p = 0; p < TILE; p++) {
                sum += tileA[ly * TILE + p] * tileB[p * TILE + lx];
            }
            ctx.localBarrier();
        }
        if (row < m && col < n) {
            c.set(row * n + col, sum);
        }
    }

    /** Row-wise softmax over R rows of C, numerically stable (subtract the row maximum); a work-item per row. */
    static void softmax(FloatArray x, FloatArray y, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = x.get(base);
            for (int j = 1; j < cols; j++) {
                max = TornadoMath.max(max, x.get(base + j));
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = TornadoMath.exp(x.get(base + j) - max);
                y.set(base + j, e);
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                y.set(base + j, y.get(base + j) * inv);
            }
        }
    }

    /** y[M] = A[M×K]·x[K], a work-item per row. */
    static void gemv(FloatArray a, FloatArray x, FloatArray y, int m, int k) {
        for (@Parallel int i = 0; i < m; i++) {
            float sum = 0f;
            for (int j = 0; j < k; j++) {
                sum += a.get(i * k + j) * x.get(j);
            }
            y.set(i, sum);
        }
    }

    /** Layer normalization per row (biased variance, two passes), a work-item per row. */
    static void layernorm(
            FloatArray x, FloatArray gamma, FloatArray beta, FloatArray y, int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += x.get(base + j);
            }
            float mean = sum / cols;
            float sq = 0f;
            for (int j = 0; j < cols; j++) {
                float d = x.get(base + j) - mean;
                sq += d * d;
            }
            float inv = 1f / TornadoMath.sqrt(sq / cols + eps);
            for (int j = 0; j < cols; j++) {
                y.set(base + j, (x.get(base + j) - mean) * inv * gamma.get(j) + beta.get(j));
            }
        }
    }

    /** RMS normalization per row, a work-item per row. */
    static void rmsnorm(FloatArray x, FloatArray gamma, FloatArray y, int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float sq = 0f;
            for (int j = 0; j < cols; j++) {
                float v = x.get(base + j);
                sq += v * v;
            }
            float inv = 1f / TornadoMath.sqrt(sq / cols + eps);
            for (int j = 0; j < cols; j++) {
                y.set(base + j, x.get(base + j) * inv * gamma.get(j));
            }
        }
    }

    /** C[M×N] = A[M×K]·B[K×N] in int8 with int32 accumulation, one work-item per output element. */
    static void gemmInt8(ByteArray a, ByteArray b, IntArray c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m; i++) {
            for (@Parallel int j = 0; j < n; j++) {
                int sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a.get(i * k + p) * b.get(p * n + j);
                }
                c.set(i * n + j, sum);
            }
        }
    }

    /** y[M] = sum over k of W[m,k]·scales[m,k/G]·x[k], int8 weights, a work-item per row. */
    static void qgemvInt8(ByteArray w, FloatArray scales, FloatArray x, FloatArray y, int m, int k, int g) {
        int groups = (k + g - 1) / g;
        for (@Parallel int i = 0; i < m; i++) {
            float sum = 0f;
            for (int j = 0; j < k; j++) {
                sum += w.get(i * k + j) * scales.get(i * groups + j / g) * x.get(j);
            }
            y.set(i, sum);
        }
    }

    /**
     * As {@link #qgemvInt8} with int4 weights: each row packed into ceil(K/2) bytes, low nibble first, values
     * -8..7 (the nibble sign-extended by shifting it to the top of an int and back).
     */
    static void qgemvInt4(ByteArray w, FloatArray scales, FloatArray x, FloatArray y, int m, int k, int g) {
        int groups = (k + g - 1) / g;
        int rowBytes = (k + 1) / 2;
        for (@Parallel int i = 0; i < m; i++) {
            float sum = 0f;
            for (int j = 0; j < k; j++) {
                int b = w.get(i * rowBytes + (j >> 1));
                int nibble = (j & 1) == 0 ? b & 0x0f : (b >> 4) & 0x0f;
                int q = (nibble << 28) >> 28;
                sum += q * scales.get(i * groups + j / g) * x.get(j);
            }
            y.set(i, sum);
        }
    }

    /**
     * Direct 2-D convolution, NCHW input, KCRS weights, zero padding: a work-item per output element
     * (n, k, p, q), flattened.
     */
    static void conv2d(
            FloatArray in,
            FloatArray wt,
            FloatArray out,
            int nImages,
            int c,
            int h,
            int w,
            int kOut,
            int r,
            int s,
            int stride,
            int pad,
            int p,
            int q) {
        for (@Parallel int o = 0; o < nImages * kOut * p * q; o++) {
            int oq = o % q;
            int op = (o / q) % p;
            int oc = (o / (q * p)) % kOut;
            int img = o / (q * p * kOut);
            float sum = 0f;
            for (int ch = 0; ch < c; ch++) {
                for (int fr = 0; fr < r; fr++) {
                    int y = op * stride - pad + fr;
                    if (y >= 0 && y < h) {
                        for (int fs = 0; fs < s; fs++) {
                            int x = oq * stride - pad + fs;
                            if (x >= 0 && x < w) {
                                sum += in.get(((img * c + ch) * h + y) * w + x)
                                        * wt.get(((oc * c + ch) * r + fr) * s + fs);
                            }
                        }
                    }
                }
            }
            out.set(o, sum);
        }
    }

    /**
     * Scaled dot-product attention, a work-item per query row (batch·head·L rows): one pass over the keys with
     * the online softmax (running maximum and sum, the partial output rescaled when the maximum grows), the
     * row's D outputs accumulated in place in O. {@code causal} 1: query i attends to keys 0..i.
     */
    static void attention(
            FloatArray qm,
            FloatArray km,
            FloatArray vm,
            FloatArray o,
            int rows,
            int l,
            int d,
            float scale,
            int causal) {
        for (@Parallel int row = 0; row < rows; row++) {
            int i = row % l;
            int base = (row / l) * l * d;
            int qo = base + i * d;
            int keys = causal == 1 ? i + 1 : l;
            for (int t = 0; t < d; t++) {
                o.set(qo + t, 0f);
            }
            float max = -3.4028235e38f;
            float sum = 0f;
            for (int j = 0; j < keys; j++) {
                float dot = 0f;
                for (int t = 0; t < d; t++) {
                    dot += qm.get(qo + t) * km.get(base + j * d + t);
                }
                float sc = dot * scale;
                float newMax = TornadoMath.max(max, sc);
                float correction = TornadoMath.exp(max - newMax);
                float e = TornadoMath.exp(sc - newMax);
                sum = sum * correction + e;
                for (int t = 0; t < d; t++) {
                    o.set(qo + t, o.get(qo + t) * correction + e * vm.get(base + j * d + t));
                }
                max = newMax;
            }
            float inv = 1f / sum;
            for (int t = 0; t < d; t++) {
                o.set(qo + t, o.get(qo + t) * inv);
            }
        }
    }

    /** Work-items per row in the work-group reductions (a power of two). */
    static final int ROW_GROUP = 64;

    /**
     * Tree reduction of {@code scratch[0..ROW_GROUP)} into {@code scratch[0]}: the maximum when {@code max}, else
     * the sum; every work-item of the group must call it (it holds barriers).
     */
    private static float reduce(KernelContext ctx, float[] scratch, float value, boolean max) {
        int lid = ctx.localIdx;
        scratch[lid] = value;
        ctx.localBarrier();
        for (int stride = ROW_GROUP / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                scratch[lid] = max
                        ? TornadoMath.max(scratch[lid], scratch[lid + stride])
                        : scratch[lid] + scratch[lid + stride];
            }
            ctx.localBarrier();
        }
        float result = scratch[0];
        ctx.localBarrier();
        return result;
    }

    /**
     * Softmax with a work-group of {@value #ROW_GROUP} work-items per row: strided partial maxima and sums of
     * the row reduced in local memory with barriers.
     */
    static void softmaxGroup(KernelContext ctx, FloatArray x, FloatArray y, int cols) {
        int lid = ctx.localIdx;
        int base = ctx.groupIdx * cols;
        float[] scratch = ctx.allocateFloatLocalArray(ROW_GROUP);
        float max = -3.4028235e38f;
        for (int j = lid; j < cols; j += ROW_GROUP) {
            max = TornadoMath.max(max, x.get(base + j));
        }
        float rowMax = reduce(ctx, scratch, max, true);
        float sum = 0f;
        for (int j = lid; j < cols; j += ROW_GROUP) {
            float e = TornadoMath.exp(x.get(base + j) - rowMax);
            y.set(base + j, e);
            sum += e;
        }
        float inv = 1f / reduce(ctx, scratch, sum, false);
        for (int j = lid; j < cols; j += ROW_GROUP) {
            y.set(base + j, y.get(base + j) * inv);
        }
    }

    /** Layer normalization with a work-group per row: the mean, then the biased variance, reduced in local memory. */
    static void layernormGroup(
            KernelContext ctx, FloatArray x, FloatArray gamma, FloatArray beta, FloatArray y, int cols, float eps) {
        int lid = ctx.localIdx;
        int base = ctx.groupIdx * cols;
        float[] scratch = ctx.allocateFloatLocalArray(ROW_GROUP);
        float sum = 0f;
        for (int j = lid; j < cols; j += ROW_GROUP) {
            sum += x.get(base + j);
        }
        float mean = reduce(ctx, scratch, sum, false) / cols;
        float sq = 0f;
        for (int j = lid; j < cols; j += ROW_GROUP) {
            float d = x.get(base + j) - mean;
            sq += d * d;
        }
        float inv = 1f / TornadoMath.sqrt(reduce(ctx, scratch, sq, false) / cols + eps);
        for (int j = lid; j < cols; j += ROW_GROUP) {
            y.set(base + j, (x.get(base + j) - mean) * inv * gamma.get(j) + beta.get(j));
        }
    }

    /** RMS normalization with a work-group per row: the sum of squares reduced in local memory. */
    static void rmsnormGroup(KernelContext ctx, FloatArray x, FloatArray gamma, FloatArray y, int cols, float eps) {
        int lid = ctx.localIdx;
        int base = ctx.groupIdx * cols;
        float[] scratch = ctx.allocateFloatLocalArray(ROW_GROUP);
        float sq = 0f;
        for (int j = lid; j < cols; j += ROW_GROUP) {
            float v = x.get(base + j);
            sq += v * v;
        }
        float inv = 1f / TornadoMath.sqrt(reduce(ctx, scratch, sq, false) / cols + eps);
        for (int j = lid; j < cols; j += ROW_GROUP) {
            y.set(base + j, x.get(base + j) * inv * gamma.get(j));
        }
    }
}
