package org.joulebench.backend.cpu;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Direct NCHW convolution with zero padding and no bias. A tile is a block of output rows of one
 * (image, output channel) plane; each input channel and filter tap then adds weight × a shifted input
 * row into the output rows, with the valid column range worked out once per tap.
 */
final class Conv2d extends CpuKernel {
    private final int n, c, h, w, kOut, r, s, stride, pad, p, q, rowsPerTile, rowBlocks;
    private final float[] input, weight, output;

    Conv2d(
            ForkJoinPool pool,
            int n,
            int c,
            int h,
            int w,
            int kOut,
            int r,
            int s,
            int stride,
            int pad,
            int p,
            int q,
            float[] input,
            float[] weight) {
        super("output", new int[] {n, kOut, p, q});
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.kOut = kOut;
        this.r = r;
        this.s = s;
        this.stride = stride;
        this.pad = pad;
        this.p = p;
        this.q = q;
        this.input = input;
        this.weight = weight;
        this.output = new float[n * kOut * p * q];
        this.rowsPerTile = Math.max(1, Math.min(p, 4096 / q));
        this.rowBlocks = ceilDiv(p, rowsPerTile);
        tiles(pool, n * kOut * rowBlocks);
    }

    @Override
    void tile(int tile, int worker) {
        int block = tile % rowBlocks, plane = tile / rowBlocks;
        int img = plane / kOut, ko = plane % kOut;
        int p0 = block * rowsPerTile, p1 = Math.min(p, p0 + rowsPerTile);
        int outBase = plane * p * q;
        Arrays.fill(output, outBase + p0 * q, outBase + p1 * q, 0f);
        for (int ci = 0; ci < c; ci++) {
            int inPlane = (img * c + ci) * h * w;
            int wBase = (ko * c + ci) * r * s;
            for (int ri = 0; ri < r; ri++) {
                for (int si = 0; si < s; si++) {
                    float wt = weight[wBase + ri * s + si];
                    // columns q with 0 <= q*stride - pad + si < w
                    int qLo = Math.max(0, ceilDiv(Math.max(0, pad - si), stride));
                    int qHi = Math.min(q, Math.floorDiv(w - 1 + pad - si, stride) + 1);
                    if (qLo >= qHi) {
                        continue;
                    }
                    for (int pi = p0; pi < p1; pi++) {
                        int hi = pi * stride - pad + ri;
                        if (hi < 0 || hi >= h) {
                            continue;
                        }
                        int out = outBase + pi * q;
                        int in = inPlane + hi * w - pad + si;
                        if (stride == 1) {
                            for (int qi = qLo; qi < qHi; qi++) {
                                output[out + qi] += wt * input[in + qi];
                            }
                        } else {
                            for (int qi = qLo; qi < qHi; qi++) {
                                output[out + qi] += wt * input[in + qi * stride];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    Object outputData() {
        return output;
    }
}
