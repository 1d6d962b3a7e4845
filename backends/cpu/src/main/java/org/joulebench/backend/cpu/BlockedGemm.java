package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;

/**
 * The blocking shared by the GEMM kernels C[M,N] = A[M,K]·B[K,N]: tiles of MB rows × NB columns of C;
 * within a tile, K is walked in KB blocks so that a KB×NB panel of B stays in cache. Subclasses keep
 * their own type-specialised inner loops in {@link #block}, which is called once per tile and K block
 * (never per element), so the hot loops stay monomorphic and free of boxing.
 */
abstract class BlockedGemm extends CpuKernel {
    static final int MB = 32, NB = 512;
    final int m, n, k;
    private final int kb, tilesN;
    /** How many workers may run tiles at once: the size to give per-worker scratch arrays. */
    final int workers;

    BlockedGemm(ForkJoinPool pool, int m, int n, int k, int kb) {
        super("C", new int[] {m, n});
        this.m = m;
        this.n = n;
        this.k = k;
        this.kb = kb;
        this.tilesN = ceilDiv(n, NB);
        this.workers = tiles(pool, ceilDiv(m, MB) * tilesN);
    }

    @Override
    final void tile(int tile, int worker) {
        int i0 = (tile / tilesN) * MB, i1 = Math.min(m, i0 + MB);
        int j0 = (tile % tilesN) * NB, j1 = Math.min(n, j0 + NB);
        for (int i = i0; i < i1; i++) {
            clear(i * n + j0, i * n + j1);
        }
        for (int k0 = 0; k0 < k; k0 += kb) {
            block(worker, i0, i1, j0, j1, k0, Math.min(k, k0 + kb));
        }
    }

    /** Zeroes C[from, to) (part of one row of the tile) before the K blocks accumulate into it. */
    abstract void clear(int from, int to);

    /** Accumulates A[i0:i1, k0:k1]·B[k0:k1, j0:j1] into C[i0:i1, j0:j1]. */
    abstract void block(int worker, int i0, int i1, int j0, int j1, int k0, int k1);
}
