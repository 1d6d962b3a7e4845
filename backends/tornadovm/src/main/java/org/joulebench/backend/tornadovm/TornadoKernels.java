package org.joulebench.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

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

    /** Layer normalisation per row (biased variance, two passes), a work-item per row. */
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

    /** RMS normalisation per row, a work-item per row. */
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
}
