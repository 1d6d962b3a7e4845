package org.joulebench.backend.cpu;

/**
 * The blocked, packed GEMM every matrix kernel of this backend runs: C_b[m×n] = A[m×k]·B_b[k×n] for
 * each of {@code batch} problems sharing A (conv2d: the weights against each image), in fp32 on the
 * {@link MicroKernels}.
 *
 * <p>Each run first packs all of A, in parallel, into strips of {@link Simd#MR} rows stored k-major
 * (the layout the micro-kernels broadcast from; narrow types are decoded here). Then each tile — a
 * block of up to {@link #NC_MAX} columns of one problem (and, when there are too few column blocks to
 * keep every thread busy, a group of strips; at least four tiles per thread) — walks K in blocks of {@code kc}: it packs the kc×nc
 * block of B into its worker's buffer as panels of {@link Simd#NR} columns (3/8 of L2, resident there;
 * the block sizes come from the cache sizes read at run time, {@link CacheSizes}), then runs the micro-kernel for every strip of A (kc×MR, resident in L1) against every panel.
 * The first K block writes C, later ones add to it. Tiles are handed out dynamically.
 *
 * <p>A small problem (one matrix whose packed B fits that L2 budget: gemm S) runs differently, in one phase
 * instead of two, because at ~0.3 ms a run the hand-off between the threads after a separate packing phase is
 * what costs (gemm S on 2 threads: +10-16 % per CPU-second without it, results/measurements/2026-12-06-small-gemm.md):
 * each tile is a block of strips across all columns and packs its own strips of A; each worker packs all of B once
 * per run (a few microseconds) and keeps it for its later tiles; and K is one block where an A strip fits half of L1.
 *
 * <p>Subclasses say how A and B are read ({@link #packA}, {@link #packB}) and where C goes
 * ({@link #microTile}, {@link #finishTile}).
 */
abstract class PackedGemm extends CpuKernel {
    static final int MR = Simd.MR, NR = Simd.NR;
    /**
     * Default K block, from this machine's L1d ({@link CacheSizes#gemmKc}): a packed A strip (kc × MR
     * fp32; 12 KB of a 48 KB L1d) stays in L1 while B panels stream past it.
     */
    static final int KC = CacheSizes.MACHINE.gemmKc(MR);
    /**
     * Widest column block of a tile, from this machine's L2 ({@link CacheSizes#gemmNcMax}): its packed B
     * (KC × nc fp32; 768 KB of a 2 MB L2) stays in L2.
     */
    static final int NC_MAX = CacheSizes.MACHINE.gemmNcMax(KC, NR);
    /** The deepest K an A strip (K × MR fp32) can have in half of this machine's L1d. */
    static final int K_WHOLE = (int) (CacheSizes.MACHINE.l1dBytes() / 2 / (4L * MR));

    final int batch, m, n, k, kc, strips;
    /** Columns per tile (a multiple of NR), tiles across the columns, strips per tile. */
    final int nc, colTiles, stripsPerTile, stripGroups;
    /** All of A, packed: strip s, step p, row r at {@code s·MR·k + p·MR + r}. */
    final float[] packedA;
    /** Per worker: a packed kc×nc block of B (panel q, step p, column j at {@code q·kc·NR + p·NR + j}). */
    final float[][] packedB;
    /** Per worker: one MR×NR micro-tile for the edges of C. */
    final float[][] edge;
    /** Per worker: one decoded row of a B block (for narrow B types, see {@link #packPanelsByRow}). */
    final float[][] row;

    final int workers;

    /** A is packed by the tiles (each its own strips) and B once per worker and run, into {@link #bBlocks}. */
    final boolean aInTiles;
    /** With {@link #aInTiles}, per worker: all of B packed, one array per K block (as {@link #packB} packs it). */
    final float[][][] bBlocks;
    /**
     * With {@link #aInTiles}, per worker (every {@link #RUN_SLOT}-th element, so that the workers' entries are on
     * different cache lines): the {@link #run} in which it packed {@link #bBlocks}.
     */
    final long[] bPackedInRun;

    /** With {@link #aPerWorker}, per worker: all of A, packed ({@link #packedA} itself for worker 0). */
    private final float[][] workerA;
    /** With {@link #aPerWorker}, per worker as {@link #bPackedInRun}: the run in which it packed its A. */
    private final long[] aPackedInRun;
    /** A is packed by each worker into its own {@link #workerA}, once per run. */
    final boolean aPerWorker;
    /** The largest packed A (fp32 elements; 64 KB, a few microseconds to pack) that each worker packs for itself. */
    static final int A_PER_WORKER_MAX = 16 * 1024;

    private static final int RUN_SLOT = 16;
    /**
     * Runs so far, counted by the calling thread before the run's tiles are handed out (the hand-off publishes it
     * to the helpers); a long, so that it never comes back to a value a worker's slot still holds.
     */
    private long run;

    PackedGemm(CpuThreads pool, String outputName, int[] outputDims, int batch, int m, int n, int k, int kcMax) {
        this(pool, outputName, outputDims, batch, m, n, k, kcMax, false);
    }

    /**
     * @param aPackedAtPrepare A is a model's weights: the subclass packs it once, at the end of its constructor
     *     ({@link #packAllA}), and runs have no packing phase for it
     */
    PackedGemm(
            CpuThreads pool,
            String outputName,
            int[] outputDims,
            int batch,
            int m,
            int n,
            int k,
            int kcMax,
            boolean aPackedAtPrepare) {
        super(outputName, outputDims);
        this.batch = batch;
        this.m = m;
        this.n = n;
        this.k = k;
        this.strips = ceilDiv(m, MR);
        int threads = pool.getParallelism();
        int panels = ceilDiv(n, NR);
        // One small problem whose packed B fits the L2 budget of a column block (gemm S: 256 KB): A is packed in
        // the tiles, not in a phase of its own (one hand-off between the threads per run instead of two), and B
        // once per worker and run.
        this.aInTiles = !aPackedAtPrepare && batch == 1 && (long) k * panels * NR <= (long) KC * NC_MAX;
        // With all of B at hand, all of K in one block where an A strip (k × MR) fits half of L1: C is written
        // once, not written and then read back and added to (gemm S: +3 % per CPU-second, within the noise)
        this.kc = aInTiles && k <= K_WHOLE ? k : Math.min(kcMax, k);
        if (aInTiles) {
            // the tiles are blocks of strips across all columns: each packs its own strips of A
            this.nc = panels * NR;
            this.colTiles = 1;
            this.stripsPerTile = ceilDiv(strips, Math.min(strips, 4 * threads));
        } else {
            int tilesWanted = ceilDiv(panels * NR, NC_MAX);
            if (batch == 1) {
                // at least four tiles per thread (dynamic balance against other load), a whole number per thread
                tilesWanted = Math.max(tilesWanted, 4 * threads);
                tilesWanted = ceilDiv(tilesWanted, threads) * threads;
            }
            int panelsPerTile = ceilDiv(panels, Math.min(panels, tilesWanted));
            this.nc = panelsPerTile * NR;
            this.colTiles = ceilDiv(panels, panelsPerTile);
            // too few column blocks for the threads (narrow C): split the rows too
            int groups = batch * colTiles >= threads ? 1 : Math.min(strips, ceilDiv(2 * threads, batch * colTiles));
            this.stripsPerTile = ceilDiv(strips, groups);
        }
        this.stripGroups = ceilDiv(strips, stripsPerTile);
        this.packedA = new float[Math.multiplyExact(strips * MR, k)];
        // A small A (conv2d S's weights, 64 × 64): each worker packs all of it once per run, for the same reason
        this.aPerWorker = !aPackedAtPrepare && !aInTiles && threads > 1 && packedA.length <= A_PER_WORKER_MAX;
        if (!aPackedAtPrepare && !aInTiles && !aPerWorker) {
            phase(pool, strips, (s, w) -> packA(s * MR, Math.min(MR, m - s * MR), packedA, s * MR * k));
        }
        this.workers = tiles(pool, batch * stripGroups * colTiles);
        int kBlocks = ceilDiv(k, kc);
        this.packedB = new float[workers][aInTiles ? 0 : kc * nc];
        this.bBlocks = new float[aInTiles ? workers : 0][kBlocks][];
        for (float[][] blocks : bBlocks) {
            for (int kb = 0; kb < kBlocks; kb++) {
                blocks[kb] = new float[Math.min(kc, k - kb * kc) * nc];
            }
        }
        this.bPackedInRun = new long[workers * RUN_SLOT];
        this.workerA = new float[aPerWorker ? workers : 0][];
        for (int w = 0; w < workerA.length; w++) {
            workerA[w] = w == 0 ? packedA : new float[packedA.length];
        }
        this.aPackedInRun = new long[workers * RUN_SLOT];
        this.edge = new float[workers][MR * NR];
        this.row = new float[workers][nc];
    }

    @Override
    final void beforeRun() {
        run++;
    }

    /**
     * Packs rows [i0, i0+rows) of A, all of K, into {@code dst}: element (i0+r, p) at {@code off + p·MR + r}.
     * Slots of rows ≥ {@code rows} are never read.
     */
    abstract void packA(int i0, int rows, float[] dst, int off);

    /**
     * Packs B_b[k0:k0+kc, j0:j1] into {@code dst} as panels of NR columns: element (k0+p, j0+q·NR+j) at
     * {@code q·kc·NR + p·NR + j}, columns past j1 in the last panel zero.
     */
    abstract void packB(int b, int k0, int kc, int j0, int j1, float[] dst, int worker);

    /**
     * Computes the micro-tile of problem b at rows [i, i+rows), columns [j, j+cols) (cols ≤ NR): A from
     * {@code packedA} at {@code aOff} (stride MR), B from {@code bp} at {@code bOff} (stride NR). The
     * first K block ({@code first}) writes C, the others add to it.
     */
    abstract void microTile(
            int b, int i, int rows, int j, int cols, int aOff, float[] bp, int bOff, int kc, boolean first, int worker);

    /** The packed A that {@code worker}'s micro-kernels read. */
    final float[] packedA(int worker) {
        return aPerWorker ? workerA[worker] : packedA;
    }

    /** Packs all of A now (prepare time, untimed): for a subclass whose A is a model's weights. */
    final void packAllA() {
        for (int s = 0; s < strips; s++) {
            packA(s * MR, Math.min(MR, m - s * MR), packedA, s * MR * k);
        }
    }

    /**
     * B's block [k0, k0 + kc) × [j0, j0 + nc) of problem b packed once at prepare (as {@link #packB} would
     * pack it, from offset 0), or {@code null}: then each run packs it into the worker's buffer.
     */
    float[] prePackedB(int b, int k0, int j0) {
        return null;
    }

    /** Times {@link #touch} found its magic value: never in practice; it exists so the loads are kept. */
    static int touched;

    /**
     * Loads one element per 64-byte line of {@code a[from, from+len)} into a branch that is never
     * taken: Java has no prefetch instruction, and these loads are how data still in memory is brought
     * towards the cache while the FMAs work on what is already there.
     */
    static void touch(float[] a, int from, int len) {
        int bits = 0, end = Math.min(a.length, from + len);
        for (int i = from; i < end; i += 16) {
            bits |= Float.floatToRawIntBits(a[i]);
        }
        if (bits == 0x7fc0_0001) {
            touched++;
        }
    }

    /** Called when a tile (problem b, columns [j0, j1), rows [i0, i1)) has all of K in C. */
    void finishTile(int b, int i0, int i1, int j0, int j1, int worker) {}

    @Override
    final void tile(int tile, int worker) {
        int perProblem = stripGroups * colTiles;
        int b = tile / perProblem, rest = tile % perProblem;
        int s0 = (rest / colTiles) * stripsPerTile, s1 = Math.min(strips, s0 + stripsPerTile);
        int j0 = (rest % colTiles) * nc, j1 = Math.min(n, j0 + nc);
        if (aInTiles) {
            for (int s = s0; s < s1; s++) {
                packA(s * MR, Math.min(MR, m - s * MR), packedA, s * MR * k);
            }
            if (bPackedInRun[worker * RUN_SLOT] != run) {
                for (int k0 = 0; k0 < k; k0 += kc) {
                    if (prePackedB(b, k0, j0) == null) {
                        packB(b, k0, Math.min(kc, k - k0), j0, j1, bBlocks[worker][k0 / kc], worker);
                    }
                }
                bPackedInRun[worker * RUN_SLOT] = run;
            }
        }
        if (aPerWorker && aPackedInRun[worker * RUN_SLOT] != run) {
            float[] a = workerA[worker];
            for (int s = 0; s < strips; s++) {
                packA(s * MR, Math.min(MR, m - s * MR), a, s * MR * k);
            }
            aPackedInRun[worker * RUN_SLOT] = run;
        }
        float[] pa = packedA(worker);
        float[] bp = aInTiles ? null : packedB[worker];
        for (int k0 = 0; k0 < k; k0 += kc) {
            int kb = Math.min(kc, k - k0);
            float[] pre = prePackedB(b, k0, j0);
            float[] bBlock;
            if (pre != null) {
                bBlock = pre;
            } else if (aInTiles) {
                bBlock = bBlocks[worker][k0 / kc];
            } else {
                packB(b, k0, kb, j0, j1, bp, worker);
                bBlock = bp;
            }
            for (int s = s0; s < s1; s++) {
                int i = s * MR, rows = Math.min(MR, m - i), aOff = s * MR * k + k0 * MR;
                if (s + 1 < s1) {
                    touch(pa, aOff + MR * k, kb * MR); // the next strip's A block, while this one computes
                }
                for (int j = j0, bOff = 0; j < j1; j += NR, bOff += kb * NR) {
                    microTile(b, i, rows, j, Math.min(NR, j1 - j), aOff, bBlock, bOff, kb, k0 == 0, worker);
                }
            }
        }
        finishTile(b, s0 * MR, Math.min(m, s1 * MR), j0, j1, worker);
    }

    /**
     * The usual {@link #microTile} for a row-major fp32 C (row stride ldc, problem offset cBase): full
     * tiles straight into C, edge tiles through the worker's edge buffer.
     */
    final void microTileInto(
            float[] c,
            int cBase,
            int ldc,
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
        int cOff = cBase + i * ldc + j;
        if (cols == NR) {
            MicroKernels.strip(rows, packedA(worker), aOff, bp, bOff, c, cOff, ldc, kb, !first);
            return;
        }
        float[] e = edge[worker];
        MicroKernels.strip(rows, packedA(worker), aOff, bp, bOff, e, 0, NR, kb, false);
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * ldc, er = r * NR;
            if (first) {
                System.arraycopy(e, er, c, row, cols);
            } else {
                for (int q = 0; q < cols; q++) {
                    c[row + q] += e[er + q];
                }
            }
        }
    }

    /** Decodes B_b[kk, j0:j1] into {@code dst[0, j1 − j0)}, for {@link #packPanelsByRow}. */
    void decodeRow(int b, int kk, int j0, int j1, float[] dst) {
        throw new UnsupportedOperationException("decodeRow");
    }

    /**
     * {@link #packB} for a B stored in another type: each B row is decoded into the worker's row buffer
     * by {@link #decodeRow} (a simple loop the JIT vectorises) and copied into the panels.
     */
    final void packPanelsByRow(int b, int k0, int kc, int j0, int j1, float[] dst, int worker) {
        float[] r = row[worker];
        int width = j1 - j0, full = width / NR, panelSize = kc * NR, tail = width - full * NR;
        for (int p = 0; p < kc; p++) {
            decodeRow(b, k0 + p, j0, j1, r);
            int s = 0, d = p * NR;
            for (int q = 0; q < full; q++, s += NR, d += panelSize) {
                jdk.incubator.vector.FloatVector.fromArray(Simd.F, r, s).intoArray(dst, d);
                jdk.incubator.vector.FloatVector.fromArray(Simd.F, r, s + Simd.L)
                        .intoArray(dst, d + Simd.L);
            }
            if (tail > 0) {
                System.arraycopy(r, s, dst, d, tail);
                java.util.Arrays.fill(dst, d + tail, d + NR, 0f);
            }
        }
    }

    /** Packs rows of a row-major fp32 matrix (row stride ld) into k-major strips, as {@link #packA} wants. */
    static void packRowsF32(float[] src, int i0, int rows, int k, int ld, float[] dst, int off) {
        for (int r = 0; r < rows; r++) {
            int s = (i0 + r) * ld;
            for (int p = 0, d = off + r; p < k; p++, d += MR) {
                dst[d] = src[s + p];
            }
        }
    }

    /**
     * Packs B[k0:k0+kc, j0:j1] of a row-major fp32 matrix (row stride ld, starting at base) as
     * {@link #packB} wants, one B row at a time (the reads stream along rows).
     */
    static void packPanelsF32(float[] src, int base, int ld, int k0, int kc, int j0, int j1, float[] dst) {
        packPanelsF32(src, base, ld, k0, kc, j0, j1, dst, 0);
    }

    /** As {@link #packPanelsF32(float[], int, int, int, int, int, int, float[])}, from {@code dst[dstOff]} on. */
    static void packPanelsF32(float[] src, int base, int ld, int k0, int kc, int j0, int j1, float[] dst, int dstOff) {
        int full = (j1 - j0) / NR, panelSize = kc * NR, tail = (j1 - j0) - full * NR;
        for (int p = 0; p < kc; p++) {
            int s = base + (k0 + p) * ld + j0, d = dstOff + p * NR;
            for (int q = 0; q < full; q++, s += NR, d += panelSize) {
                jdk.incubator.vector.FloatVector.fromArray(Simd.F, src, s).intoArray(dst, d);
                jdk.incubator.vector.FloatVector.fromArray(Simd.F, src, s + Simd.L)
                        .intoArray(dst, d + Simd.L);
            }
            if (tail > 0) {
                System.arraycopy(src, s, dst, d, tail);
                java.util.Arrays.fill(dst, d + tail, d + NR, 0f);
            }
        }
    }
}
