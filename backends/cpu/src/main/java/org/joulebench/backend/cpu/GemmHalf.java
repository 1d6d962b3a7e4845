package org.joulebench.backend.cpu;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.joulebench.kernels.Halfs;

/**
 * fp16/bf16 GEMM with fp32 accumulation. The inputs stay in their 16-bit form: each run decodes a
 * KB×NB panel of B into the worker's fp32 scratch and each A element as it is used, so the measured
 * work includes reading the narrow type. Blocking as in {@link BlockedGemm}.
 */
final class GemmHalf extends BlockedGemm {
    private static final int KB = GemmF32.KB;

    private final boolean bf16;
    private final short[] a, b;
    private final float[] c;
    private final float[][] panel;

    GemmHalf(ForkJoinPool pool, boolean bf16, int m, int n, int k, short[] a, short[] b) {
        super(pool, m, n, k, KB);
        this.bf16 = bf16;
        this.a = a;
        this.b = b;
        this.c = new float[m * n];
        panel = new float[workers][Math.min(KB, k) * Math.min(NB, n)];
    }

    private float decode(short bits) {
        return bf16 ? Halfs.bf16ToFloat(bits) : Float.float16ToFloat(bits);
    }

    @Override
    void clear(int from, int to) {
        Arrays.fill(c, from, to, 0f);
    }

    @Override
    void block(int worker, int i0, int i1, int j0, int j1, int k0, int k1) {
        int width = j1 - j0;
        float[] p = panel[worker];
        for (int kk = k0; kk < k1; kk++) {
            int src = kk * n + j0, dst = (kk - k0) * width;
            if (bf16) {
                for (int j = 0; j < width; j++) {
                    p[dst + j] = Float.intBitsToFloat((b[src + j] & 0xffff) << 16);
                }
            } else {
                for (int j = 0; j < width; j++) {
                    p[dst + j] = Float.float16ToFloat(b[src + j]);
                }
            }
        }
        for (int i = i0; i < i1; i++) {
            int ci = i * n + j0;
            for (int kk = k0; kk < k1; kk++) {
                float aik = decode(a[i * k + kk]);
                int pk = (kk - k0) * width;
                for (int j = 0; j < width; j++) {
                    c[ci + j] += aik * p[pk + j];
                }
            }
        }
    }

    @Override
    Object outputData() {
        return c;
    }
}
