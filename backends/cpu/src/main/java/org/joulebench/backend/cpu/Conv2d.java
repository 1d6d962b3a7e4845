package org.joulebench.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * NCHW convolution with zero padding and no bias as an implicit GEMM on {@link PackedGemm}: per image,
 * C'[K, P·Wph] = W[K, C·R·S] · B[C·R·S, P·Wph], with the weights as A (packed once per run, shared by
 * all images).
 *
 * <p>B is never materialised. Before packing a K block of B, a tile splits the input channels of that
 * block (only the plane rows its columns read) into its worker's stride² polyphase planes (kept in
 * L2 with the packed block, instead of all planes of all images written to memory and read back), plane (a, b)[i][j] = padded[a + stride·i][b + stride·j], each Wph =
 * ceil((W + 2·pad) / stride) wide. Then output (p, q) of tap (r, s) reads plane (r mod stride, s mod
 * stride) at (p + r div stride, q + s div stride): for a fixed (c, r, s) a row of B is a contiguous run of
 * one plane, so packing B panels is a plain vector copy, as for a dense GEMM. The price is computing Wph
 * − Q extra columns per output row (2 of 30 for a 3×3 same convolution), which each tile drops when it
 * copies its block of C' into the output. A 1×1 convolution with stride 1 and no padding needs no
 * planes: B is the image itself, and C' the output image, written in place.
 *
 * <p>Compact columns (stride 1, rows at least a vector wide: conv2d M, 3×3 on 28×28): B has only the P·Q
 * real columns, column j = (p, q) reading its plane at p·Wph + q, so no padding column is computed (conv2d
 * M: 784 columns padded to 800 instead of 840 to 864, 7 % fewer FMAs) and C' is the output image, written in
 * place. A vector of L consecutive columns then crosses at most one row end, after which its plane
 * offsets jump by Wph − Q: it is packed as a blend of two loads of the plane row.
 */
final class Conv2d extends PackedGemm {
    private final int c, h, w, kOut, r, s, stride, pad, p, q;
    private final boolean direct;
    /** B's columns are the output positions only (see the class comment); C' is the output image. */
    private final boolean compact;
    /**
     * With {@link #compact}, per vector v of L columns of B: the plane offset of its column v·L, and (lanes
     * v·L..) which of its lanes lie in the next output row (read Wph − Q further on).
     */
    private final int[] vectorOffset;

    private final boolean[] nextRowLanes;
    private final boolean prePackWeight;
    /** Plane geometry: width, length of one plane, planes per image. */
    private final int wph, hph, planeLen;

    private final float[] input, weight, output;
    /** Per worker: the planes of the channels of one K block (channel slot, plane, row, column). */
    private final float[][] planes;
    /** Channels one K block touches at most, and the length of one channel's planes. */
    private final int slotLen;
    /** Per row (c, r, s) of B: where its run starts in an image's planes (or in the image, direct). */
    private final int[] rowOffset;
    /** 0, stride, 2·stride, ...: the lanes of a strided gather (null when the stride is 1). */
    private final int[] gatherIndex;
    /** Per worker: this tile's block of C' (kOut × nc); none for a direct or compact convolution, which writes the output. */
    private final float[][] block;

    Conv2d(
            CpuThreads pool,
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
        this(pool, n, c, h, w, kOut, r, s, stride, pad, p, q, input, weight, false);
    }

    /** @param prePackWeight pack the weights (A) once, here, instead of in every run */
    Conv2d(
            CpuThreads pool,
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
            float[] weight,
            boolean prePackWeight) {
        super(
                pool,
                "output",
                new int[] {n, kOut, p, q},
                n,
                kOut,
                isCompact(r, s, stride, pad, q) ? p * q : p * planeWidth(w, pad, stride, r, s),
                c * r * s,
                kcFor(r, s),
                prePackWeight);
        this.prePackWeight = prePackWeight;
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
        this.direct = isDirect(r, s, stride, pad);
        this.compact = isCompact(r, s, stride, pad, q);
        int vectors = compact ? ceilDiv(p * q, Simd.L) : 0;
        this.vectorOffset = new int[vectors];
        this.nextRowLanes = new boolean[vectors * Simd.L];
        for (int v = 0; v < vectors; v++) {
            int j = v * Simd.L;
            vectorOffset[v] = (j / q) * planeWidth(w, pad, stride, r, s) + j % q;
            for (int l = 0; l < Simd.L; l++) {
                nextRowLanes[j + l] = (j + l) / q != j / q;
            }
        }
        this.wph = planeWidth(w, pad, stride, r, s);
        this.hph = ceilDiv(h + 2 * pad, stride);
        int maxOffset = ((r - 1) / stride) * wph + (s - 1) / stride;
        this.planeLen = Math.max(hph * wph, p * wph + maxOffset);
        this.slotLen = stride * stride * planeLen;
        int slots = ceilDiv(kc, r * s) + 1;
        this.planes = new float[direct ? 0 : workers][Math.multiplyExact(slots, slotLen)];
        this.gatherIndex = stride == 1
                ? null
                : java.util.stream.IntStream.range(0, Simd.L)
                        .map(i -> i * stride)
                        .toArray();
        this.block = new float[direct || compact ? 0 : workers][kOut * nc];
        this.rowOffset = new int[c * r * s];
        for (int crs = 0; crs < rowOffset.length; crs++) {
            int ci = crs / (r * s), ri = (crs % (r * s)) / s, si = crs % s;
            rowOffset[crs] = direct
                    ? ci * h * w
                    : ((ci * stride + ri % stride) * stride + si % stride) * planeLen
                            + (ri / stride) * wph
                            + si / stride;
        }
        if (prePackWeight) {
            packAllA(); // the weights are fields now
        }
    }

    @Override
    public java.util.List<String> prePackedWeights() {
        return prePackWeight ? java.util.List.of("weight") : java.util.List.of();
    }

    /** The K block: whole channels (a multiple of R·S) where one fits, so no channel is split twice. */
    private static int kcFor(int r, int s) {
        return r * s <= KC ? KC / (r * s) * (r * s) : KC;
    }

    private static boolean isDirect(int r, int s, int stride, int pad) {
        return r == 1 && s == 1 && stride == 1 && pad == 0;
    }

    /**
     * Compact columns: stride 1 (one plane, so column j's offset is linear within an output row) and rows
     * at least a vector wide (a vector crosses at most one row end).
     */
    private static boolean isCompact(int r, int s, int stride, int pad, int q) {
        return stride == 1 && !isDirect(r, s, stride, pad) && q >= Simd.L;
    }

    /** Width of a polyphase plane (the image's own width when B is the image itself). */
    private static int planeWidth(int w, int pad, int stride, int r, int s) {
        return isDirect(r, s, stride, pad) ? w : ceilDiv(w + 2 * pad, stride);
    }

    /**
     * Writes rows [iLo, iHi) of the stride² planes of channel ci of image img into slot {@code slot} of
     * {@code dst}. Only positions inside the image are written; the padding positions are the same for
     * every channel and run and keep the zeros the planes were allocated with.
     */
    private void split(int img, int ci, float[] dst, int slot, int iLo, int iHi) {
        int src = (img * c + ci) * h * w;
        if (stride == 2) {
            splitStride2(src, dst, slot, iLo, iHi);
            return;
        }
        for (int a = 0; a < stride; a++) {
            for (int b = 0; b < stride; b++) {
                int base = slot * slotLen + (a * stride + b) * planeLen;
                for (int i = iLo; i < Math.min(hph, iHi); i++) {
                    int y = a + stride * i - pad; // input row
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    // plane columns j with 0 <= b + stride·j − pad < w
                    int jLo = Math.max(0, ceilDiv(Math.max(0, pad - b), stride));
                    int jHi = Math.min(wph, Math.floorDiv(w - 1 + pad - b, stride) + 1);
                    int row = src + y * w, out = base + i * wph;
                    if (stride == 1) {
                        System.arraycopy(input, row + jLo + b - pad, dst, out + jLo, Math.max(0, jHi - jLo));
                    } else {
                        gather(row + b + stride * jLo - pad, dst, out + jLo, jHi - jLo);
                    }
                }
            }
        }
    }

    /** Even and odd lanes of two consecutive vectors (lanes L.. index the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(Simd.F, i -> 2 * i),
            ODD = VectorShuffle.fromOp(Simd.F, i -> 2 * i + 1);

    /**
     * {@link #split} for stride 2: both planes (a, 0) and (a, 1) of a plane row from one pass over the
     * input row, 2L input elements at a time split into their even and odd lanes (two vector permutes
     * instead of two gathers of L separate loads each).
     */
    private void splitStride2(int src, float[] dst, int slot, int iLo, int iHi) {
        // plane columns j with 0 <= b + 2j − pad < w, for b = 0 and 1
        int jLo0 = ceilDiv(pad, 2), jHi0 = Math.min(wph, Math.floorDiv(w - 1 + pad, 2) + 1);
        int jLo1 = ceilDiv(Math.max(0, pad - 1), 2), jHi1 = Math.min(wph, Math.floorDiv(w - 2 + pad, 2) + 1);
        int lo = Math.max(jLo0, jLo1), hi = Math.min(jHi0, jHi1);
        for (int a = 0; a < 2; a++) {
            int base0 = slot * slotLen + (2 * a) * planeLen, base1 = base0 + planeLen;
            for (int i = iLo; i < Math.min(hph, iHi); i++) {
                int y = a + 2 * i - pad; // input row
                if (y < 0 || y >= h) {
                    continue;
                }
                int from = src + y * w - pad,
                        out0 = base0 + i * wph,
                        out1 = base1 + i * wph; // column 2j + b at from + 2j + b
                int j = lo;
                for (; j + Simd.L <= hi; j += Simd.L) {
                    FloatVector v0 = FloatVector.fromArray(Simd.F, input, from + 2 * j);
                    FloatVector v1 = FloatVector.fromArray(Simd.F, input, from + 2 * j + Simd.L);
                    v0.rearrange(EVEN, v1).intoArray(dst, out0 + j);
                    v0.rearrange(ODD, v1).intoArray(dst, out1 + j);
                }
                for (int q = jLo0; q < jHi0; q++) {
                    if (q < lo || q >= j) {
                        dst[out0 + q] = input[from + 2 * q];
                    }
                }
                for (int q = jLo1; q < jHi1; q++) {
                    if (q < lo || q >= j) {
                        dst[out1 + q] = input[from + 2 * q + 1];
                    }
                }
            }
        }
    }

    /** dst[to + j] = input[from + stride·j] for j < count, L at a time with a vector gather. */
    private void gather(int from, float[] dst, int to, int count) {
        int j = 0;
        if (gatherIndex != null) {
            for (; j + Simd.L <= count; j += Simd.L) {
                FloatVector.fromArray(Simd.F, input, from + stride * j, gatherIndex, 0)
                        .intoArray(dst, to + j);
            }
        }
        for (; j < count; j++) {
            dst[to + j] = input[from + stride * j];
        }
    }

    @Override
    void packA(int i0, int rows, float[] dst, int off) {
        packRowsF32(weight, i0, rows, k, k, dst, off);
    }

    @Override
    void packB(int img, int k0, int kb, int j0, int j1, float[] dst, int worker) {
        int full = (j1 - j0) / NR, panelSize = kb * NR, tail = (j1 - j0) - full * NR;
        float[] src;
        int imageBase;
        if (direct) {
            src = input;
            imageBase = img * c * h * w;
        } else {
            // the channels of rows [k0, k0+kb), and the plane rows columns [j0, j1) read of every tap
            int rs = r * s, c0 = k0 / rs, c1 = ceilDiv(k0 + kb, rs);
            int maxOffset = ((r - 1) / stride) * wph + (s - 1) / stride;
            // compact: column j is output row j / Q, reading plane rows up to j / Q + R − 1
            int iLo = compact ? j0 / q : j0 / wph, iHi = compact ? (j1 - 1) / q + r : (j1 - 1 + maxOffset) / wph + 1;
            src = planes[worker];
            for (int ci = c0; ci < c1; ci++) {
                split(img, ci, src, ci - c0, iLo, iHi);
            }
            imageBase = -c0 * slotLen; // rowOffset counts from channel 0 of an image's planes
            if (compact) {
                packCompact(src, imageBase, k0, kb, j0, j1, dst);
                return;
            }
        }
        for (int pp = 0; pp < kb; pp++) {
            int sOff = imageBase + rowOffset[k0 + pp] + j0, d = pp * NR;
            for (int qq = 0; qq < full; qq++, sOff += NR, d += panelSize) {
                FloatVector.fromArray(Simd.F, src, sOff).intoArray(dst, d);
                FloatVector.fromArray(Simd.F, src, sOff + Simd.L).intoArray(dst, d + Simd.L);
            }
            if (tail > 0) {
                System.arraycopy(src, sOff, dst, d, tail);
                Arrays.fill(dst, d + tail, d + NR, 0f);
            }
        }
    }

    /**
     * {@link #packB} for compact columns: each vector of L columns is its plane row's run from the vector's
     * first column, blended with the run Wph − Q further on for the lanes in the next output row.
     */
    private void packCompact(float[] src, int imageBase, int k0, int kb, int j0, int j1, float[] dst) {
        int panelSize = kb * NR, skip = wph - q, width = j1 - j0, whole = width / Simd.L;
        for (int v = 0; v < whole; v++) {
            int vg = j0 / Simd.L + v, from = imageBase + vectorOffset[vg];
            int d = (v / 2) * panelSize + (v % 2) * Simd.L; // vector v is half v % 2 of panel v / 2
            VectorMask<Float> next = VectorMask.fromArray(Simd.F, nextRowLanes, vg * Simd.L);
            if (next.anyTrue()) {
                for (int pp = 0; pp < kb; pp++, d += NR) {
                    int o = from + rowOffset[k0 + pp];
                    FloatVector.fromArray(Simd.F, src, o)
                            .blend(FloatVector.fromArray(Simd.F, src, o + skip), next)
                            .intoArray(dst, d);
                }
            } else {
                for (int pp = 0; pp < kb; pp++, d += NR) {
                    FloatVector.fromArray(Simd.F, src, from + rowOffset[k0 + pp])
                            .intoArray(dst, d);
                }
            }
        }
        // the last columns (fewer than L), one at a time, and zeros up to the end of the last panel
        int done = whole * Simd.L, panelEnd = ceilDiv(width, NR) * NR;
        for (int jj = done; jj < panelEnd; jj++) {
            int j = j0 + jj, d = (jj / NR) * panelSize + jj % NR;
            int from = imageBase + (j / q) * wph + j % q; // negative from the second K block on
            for (int pp = 0; pp < kb; pp++, d += NR) {
                dst[d] = j < j1 ? src[from + rowOffset[k0 + pp]] : 0f;
            }
        }
    }

    @Override
    void microTile(
            int img,
            int i,
            int rows,
            int j,
            int cols,
            int aOff,
            float[] bp,
            int bOff,
            int kb,
            boolean first,
            int worker) {
        if (direct || compact) { // C' is the output image itself (P·Q columns, no dropped ones): written in place
            microTileInto(output, img * kOut * p * q, p * q, i, rows, j, cols, aOff, bp, bOff, kb, first, worker);
            return;
        }
        int j0 = j - (j % nc); // the tile's first column (tiles start at multiples of nc)
        microTileInto(block[worker], -j0, nc, i, rows, j, cols, aOff, bp, bOff, kb, first, worker);
    }

    /** Copies the tile's block of C' into the output, dropping the columns q ≥ Q of each row. */
    @Override
    void finishTile(int img, int i0, int i1, int j0, int j1, int worker) {
        if (direct || compact) {
            return;
        }
        float[] blk = block[worker];
        for (int i = i0; i < i1; i++) {
            int outPlane = (img * kOut + i) * p * q;
            for (int pi = j0 / wph; pi * wph < j1; pi++) {
                int lo = Math.max(j0, pi * wph), hi = Math.min(j1, pi * wph + q);
                if (lo < hi) {
                    System.arraycopy(blk, i * nc + lo - j0, output, outPlane + pi * q + (lo - pi * wph), hi - lo);
                }
            }
        }
    }

    @Override
    Object outputData() {
        return output;
    }
}
