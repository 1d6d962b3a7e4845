package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/**
 * Scaled dot-product attention O = softmax(Q·Kᵀ·scale)·V per (batch, head), optionally causal (query
 * i sees keys j ≤ i). A tile is a block of query rows of one head; each row's scores go to the worker's
 * scratch, the softmax is max-subtracted, and O's row accumulates p_j·V_j before one final division.
 */
final class Attention extends CpuKernel {
    private static final int ROWS_PER_TILE = 16;

    private final boolean causal;
    private final int l, d, rowBlocks;
    private final float scale;
    private final float[] qm, km, vm, o;
    private final float[][] scores;

    Attention(
            ForkJoinPool pool,
            boolean causal,
            int b,
            int h,
            int l,
            int d,
            float scale,
            float[] qm,
            float[] km,
            float[] vm) {
        super("O", new int[] {b, h, l, d});
        this.causal = causal;
        this.l = l;
        this.d = d;
        this.scale = scale;
        this.qm = qm;
        this.km = km;
        this.vm = vm;
        this.o = new float[b * h * l * d];
        this.rowBlocks = ceilDiv(l, ROWS_PER_TILE);
        int workers = tiles(pool, b * h * rowBlocks);
        scores = new float[workers][l];
    }

    @Override
    void tile(int tile, int worker) {
        int head = tile / rowBlocks, block = tile % rowBlocks;
        int base = head * l * d;
        int i1 = Math.min(l, (block + 1) * ROWS_PER_TILE);
        float[] sc = scores[worker];
        for (int i = block * ROWS_PER_TILE; i < i1; i++) {
            int qi = base + i * d;
            int keys = causal ? i + 1 : l;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < keys; j++) {
                float v = Gemv.dot(qm, qi, km, base + j * d, d) * scale;
                sc[j] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < keys; j++) {
                float e = (float) Math.exp(sc[j] - max);
                sc[j] = e;
                sum += e;
            }
            java.util.Arrays.fill(o, qi, qi + d, 0f);
            for (int j = 0; j < keys; j++) {
                float pj = sc[j];
                int vj = base + j * d;
                for (int t = 0; t < d; t++) {
                    o[qi + t] += pj * vm[vj + t];
                }
            }
            float inv = (float) (1.0 / sum);
            for (int t = 0; t < d; t++) {
                o[qi + t] *= inv;
            }
        }
    }

    @Override
    Object outputData() {
        return o;
    }
}
