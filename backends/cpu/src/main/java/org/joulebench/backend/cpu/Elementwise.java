package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/** Elementwise kernels over N elements: GELU (tanh form), SiLU and the STREAM triad a = b + alpha·c. */
final class Elementwise extends CpuKernel {
    enum Op {
        GELU,
        SILU,
        TRIAD
    }

    private static final int CHUNK = 32_768;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    private final Op op;
    private final int count;
    private final float alpha;
    private final float[] in, in2, out;

    Elementwise(ForkJoinPool pool, Op op, String outputName, int count, float[] in, float[] in2, double alpha) {
        super(outputName, new int[] {count});
        this.op = op;
        this.count = count;
        this.in = in;
        this.in2 = in2;
        this.alpha = (float) alpha;
        this.out = new float[count];
        tiles(pool, ceilDiv(count, CHUNK));
    }

    @Override
    void tile(int tile, int worker) {
        int i0 = tile * CHUNK, i1 = Math.min(count, i0 + CHUNK);
        switch (op) {
            case GELU -> {
                for (int i = i0; i < i1; i++) {
                    float v = in[i];
                    out[i] = 0.5f * v * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)));
                }
            }
            case SILU -> {
                for (int i = i0; i < i1; i++) {
                    float v = in[i];
                    out[i] = v / (1f + (float) Math.exp(-v));
                }
            }
            case TRIAD -> {
                float a = alpha;
                for (int i = i0; i < i1; i++) {
                    out[i] = in[i] + a * in2[i];
                }
            }
        }
    }

    @Override
    Object outputData() {
        return out;
    }
}
