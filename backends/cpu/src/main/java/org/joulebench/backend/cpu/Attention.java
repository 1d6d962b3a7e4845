package org.joulebench.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Scaled dot-product attention O = softmax(Q·Kᵀ·scale)·V per (batch, head), optionally causal (query
 * i sees keys j ≤ i), fused in the manner of FlashAttention: the L×L scores are never materialised.
 *
 * <p>Everything is transposed so that the queries are the vector lanes. Each head's K is packed into
 * strips of {@link Simd#MR} keys and Vᵀ into strips of MR columns of V (both k-major, the micro-kernels'
 * broadcast operand): by each worker for the head it is on (non-causal) or in a first phase (causal). A tile is a block of {@link #QB} = NR queries of one head, Qᵀ
 * pre-scaled (D × QB, the micro-kernels' vector operand). It walks the keys in blocks of {@link #KB}:
 * the micro-kernels give the block's scores as S[key][query]; the online softmax over them is a few
 * vector operations per key row (running maximum, exp, running sum, across the QB queries at once, no
 * horizontal reductions), after which S holds P[key][query], exactly the vector operand the
 * micro-kernels need to add Vᵀ·P to the tile's transposed output Oᵀ[D][QB] (whose columns are rescaled
 * by one vector multiply per row when a maximum grows). Causal tiles stop at their last query's key and
 * mask only the diagonal block; they are handed out longest first.
 */
final class Attention extends CpuKernel {
    private static final int MR = Simd.MR, NR = Simd.NR, L = Simd.L;
    /** Queries per tile: the vector width of the score tile. */
    static final int QB = NR;
    /** Keys per block: a whole number of key strips, about 128. */
    static final int KB = MR * ceilDiv(128, MR);

    private final boolean causal;
    private final int heads, l, d, dStrips, kStrips, qBlocks;
    private final float scale;
    private final float[] qm, km, vm, o;
    private final float[] packedK, packedVt;
    private final float[][] qT, scores, acc, runMax, runSum, alpha;
    /** K and Vᵀ packed in the tiles, each worker the head it is on ({@link #workerK}), rather than in a phase. */
    private final boolean packPerWorker;
    /** With {@link #packPerWorker}, per worker: one head's packed K and Vᵀ. */
    private final float[][] workerK, workerVt;
    /**
     * With {@link #packPerWorker}, per worker (every {@link #RUN_SLOT}-th element, so the workers' entries are on
     * different cache lines): the head in {@link #workerK}.
     */
    private final int[] workerHead;

    /** With {@link #packPerWorker}, per worker as {@link #workerHead}: the run that head was packed in. */
    private final long[] workerRun;

    private static final int RUN_SLOT = 16;
    /**
     * Runs so far, counted by the calling thread before the tiles are handed out (the hand-off publishes it); a long,
     * so that it never comes back to a value a worker's slot still holds.
     */
    private long run;

    Attention(
            CpuThreads pool,
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
        this.heads = b * h;
        this.l = l;
        this.d = d;
        this.dStrips = ceilDiv(d, MR);
        this.kStrips = ceilDiv(l, MR);
        this.qBlocks = ceilDiv(l, QB);
        this.scale = scale;
        this.qm = qm;
        this.km = km;
        this.vm = vm;
        this.o = new float[heads * l * d];
        // A small non-causal problem (all heads' packed K and Vᵀ fit one core's L2: attention S, 565 KB): its tiles
        // take a head's query blocks one after another, and each worker packs the head it is on for itself (every
        // head at most once per worker and run), so no packing phase with its hand-off between the threads is needed
        // (2 threads, ABBA at load 5-8: attention S +5-9 % per CPU-second;
        // results/measurements/2026-12-06-small-gemm.md).
        // Larger ones (attention M: 12 heads, 6.7 MB; packing every head twice is ~2 % of a run) and causal ones (tiles
        // interleave the heads) pack in a phase.
        long allHeadsBytes = 4L * heads * ((long) kStrips * MR * d + (long) dStrips * MR * l);
        this.packPerWorker = !causal && allHeadsBytes <= CacheSizes.MACHINE.l2Bytes();
        int packedHeads = packPerWorker ? 0 : heads;
        this.packedK = new float[Math.multiplyExact(packedHeads * kStrips * MR, d)];
        this.packedVt = new float[Math.multiplyExact(packedHeads * dStrips * MR, l)];
        if (!packPerWorker) {
            phase(
                    pool,
                    heads,
                    (head, w) -> packHead(head, packedK, head * kStrips * MR * d, packedVt, head * dStrips * MR * l));
        }
        int workers = tiles(pool, heads * qBlocks);
        workerK = new float[packPerWorker ? workers : 0][Math.multiplyExact(kStrips * MR, d)];
        workerVt = new float[packPerWorker ? workers : 0][Math.multiplyExact(dStrips * MR, l)];
        workerHead = new int[workers * RUN_SLOT];
        workerRun = new long[workers * RUN_SLOT];
        qT = new float[workers][d * QB];
        scores = new float[workers][KB * QB];
        acc = new float[workers][dStrips * MR * QB];
        runMax = new float[workers][QB];
        runSum = new float[workers][QB];
        alpha = new float[workers][QB];
    }

    @Override
    void beforeRun() {
        run++;
    }

    /** Packs the head's K into {@code pk} from {@code kBase} and its Vᵀ into {@code pv} from {@code vBase}. */
    private void packHead(int head, float[] pk, int kBase, float[] pv, int vBase) {
        for (int s = 0; s < kStrips; s++) {
            int i0 = head * l + s * MR;
            PackedGemm.packRowsF32(km, i0, Math.min(MR, l - s * MR), d, d, pk, kBase + s * MR * d);
        }
        for (int t = 0; t < dStrips; t++) {
            int cols = Math.min(MR, d - t * MR), dst = vBase + t * MR * l;
            // not a masked vector copy: no faster once compiled, and until C2 has compiled this method (seconds on
            // a loaded machine) each masked vector operation costs microseconds; System.arraycopy is fast in any tier
            for (int j = 0; j < l; j++) {
                System.arraycopy(vm, (head * l + j) * d + t * MR, pv, dst + j * MR, cols);
            }
        }
    }

    @Override
    void tile(int tile, int worker) {
        // Non-causal: a head's query blocks one after another, so its packed K and Vᵀ (2·L·D floats, 512 KiB at
        // L = 1024) stay in the worker's L2 across its tiles instead of every tile fetching another head's from L3
        // (attention M per CPU-second: +6 % at load 3, +20-25 % at load 17-23, when other tenants share the L3;
        // results/measurements/2026-12-06-noise.md). Causal: the longest tiles first (load balance), every head's
        // at each length.
        int head = causal ? tile % heads : tile / qBlocks;
        int qb = causal ? qBlocks - 1 - tile / heads : tile % qBlocks;
        int q0 = qb * QB, nq = Math.min(QB, l - q0), base = head * l * d;
        float[] qt = qT[worker], s = scores[worker], ac = acc[worker];
        float[] mx = runMax[worker], sm = runSum[worker], al = alpha[worker];
        Arrays.fill(qt, 0f);
        for (int c = 0; c < nq; c++) {
            int src = base + (q0 + c) * d;
            for (int t = 0; t < d; t++) {
                qt[t * QB + c] = qm[src + t] * scale;
            }
        }
        Arrays.fill(mx, Float.NEGATIVE_INFINITY);
        Arrays.fill(sm, 0f);
        Arrays.fill(ac, 0f);
        int kEnd = causal ? q0 + nq : l, kBase = head * kStrips * MR * d, vBase = head * dStrips * MR * l;
        float[] packedK = this.packedK, packedVt = this.packedVt;
        if (packPerWorker) {
            packedK = workerK[worker];
            packedVt = workerVt[worker];
            kBase = 0;
            vBase = 0;
            if (workerRun[worker * RUN_SLOT] != run || workerHead[worker * RUN_SLOT] != head) {
                packHead(head, packedK, 0, packedVt, 0);
                workerRun[worker * RUN_SLOT] = run;
                workerHead[worker * RUN_SLOT] = head;
            }
        }
        for (int j0 = 0; j0 < kEnd; j0 += KB) {
            int nk = Math.min(KB, kEnd - j0);
            for (int jj = 0; jj < nk; jj += MR) {
                int aOff = kBase + ((j0 + jj) / MR) * MR * d;
                MicroKernels.strip(Math.min(MR, nk - jj), packedK, aOff, qt, 0, s, jj * QB, QB, d, false);
            }
            if (causal && j0 + nk - 1 > q0) {
                for (int jj = Math.max(0, q0 + 1 - j0); jj < nk; jj++) {
                    Arrays.fill(s, jj * QB, jj * QB + Math.min(QB, j0 + jj - q0), Float.NEGATIVE_INFINITY);
                }
            }
            if (softmaxBlock(s, nk, mx, sm, al)) {
                for (int h = 0; h < QB; h += L) {
                    FloatVector a = FloatVector.fromArray(Simd.F, al, h);
                    for (int t = h; t < d * QB; t += QB) {
                        FloatVector.fromArray(Simd.F, ac, t).mul(a).intoArray(ac, t);
                    }
                }
            }
            for (int t = 0; t < dStrips; t++) {
                MicroKernels.strip(
                        Math.min(MR, d - t * MR),
                        packedVt,
                        vBase + t * MR * l + j0 * MR,
                        s,
                        0,
                        ac,
                        t * MR * QB,
                        QB,
                        nk,
                        true);
            }
        }
        for (int c = 0; c < nq; c++) {
            float inv = 1f / sm[c];
            int dst = base + (q0 + c) * d;
            for (int t = 0; t < d; t++) {
                o[dst + t] = ac[t * QB + c] * inv;
            }
        }
    }

    /**
     * Online softmax over the scores S[key][query] of one key block (nk keys × QB queries): updates the
     * running maxima and sums, replaces S by exp(S − new max) and leaves each query's rescale factor
     * exp(old max − new max) in {@code al}; returns whether any factor differs from 1.
     */
    private static boolean softmaxBlock(float[] s, int nk, float[] mx, float[] sm, float[] al) {
        boolean grew = false;
        for (int h = 0; h < QB; h += L) {
            FloatVector mOld = FloatVector.fromArray(Simd.F, mx, h), mNew = mOld;
            for (int jj = 0; jj < nk; jj++) {
                mNew = mNew.max(FloatVector.fromArray(Simd.F, s, jj * QB + h));
            }
            FloatVector sum = FloatVector.zero(Simd.F);
            for (int jj = 0; jj < nk; jj++) {
                FloatVector p = VectorMath.exp(
                        FloatVector.fromArray(Simd.F, s, jj * QB + h).sub(mNew));
                p.intoArray(s, jj * QB + h);
                sum = sum.add(p);
            }
            FloatVector a = VectorMath.exp(mOld.sub(mNew));
            grew |= mNew.compare(VectorOperators.GT, mOld).anyTrue();
            a.intoArray(al, h);
            FloatVector.fromArray(Simd.F, sm, h).fma(a, sum).intoArray(sm, h);
            mNew.intoArray(mx, h);
        }
        return grew;
    }

    @Override
    Object outputData() {
        return o;
    }
}
