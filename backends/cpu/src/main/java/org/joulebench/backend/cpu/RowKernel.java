package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/**
 * Row-wise kernels over X [R,C]: softmax, layernorm, rmsnorm. Tiles are blocks of whole rows;
 * row reductions (sums, means, variances) accumulate in double, elementwise work is fp32.
 */
final class RowKernel extends CpuKernel {
    enum Op {
        SOFTMAX,
        LAYERNORM,
        RMSNORM
    }

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
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < cols; i++) {
            max = Math.max(max, x[o + i]);
        }
        double sum = 0;
        for (int i = 0; i < cols; i++) {
            float e = (float) Math.exp(x[o + i] - max);
            y[o + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < cols; i++) {
            y[o + i] *= inv;
        }
    }

    private void layernorm(int o) {
        double sum = 0;
        for (int i = 0; i < cols; i++) {
            sum += x[o + i];
        }
        double mean = sum / cols;
        double sq = 0;
        for (int i = 0; i < cols; i++) {
            double dev = x[o + i] - mean;
            sq += dev * dev;
        }
        float inv = (float) (1.0 / Math.sqrt(sq / cols + eps));
        float m = (float) mean;
        for (int i = 0; i < cols; i++) {
            y[o + i] = (x[o + i] - m) * inv * gamma[i] + beta[i];
        }
    }

    private void rmsnorm(int o) {
        double sq = 0;
        for (int i = 0; i < cols; i++) {
            double v = x[o + i];
            sq += v * v;
        }
        float inv = (float) (1.0 / Math.sqrt(sq / cols + eps));
        for (int i = 0; i < cols; i++) {
            y[o + i] = x[o + i] * inv * gamma[i];
        }
    }

    @Override
    Object outputData() {
        return y;
    }
}
