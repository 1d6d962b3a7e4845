package org.joulebench.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code tiles} independent pieces of work across the backend's threads ({@link CpuThreads}). Tiles are handed
 * out dynamically from a shared counter (so uneven tiles, e.g. causal attention rows, balance).
 */
final class TileRunner {

    /** One tile of work; {@code worker} (0..workers-1) indexes per-thread scratch buffers. */
    @FunctionalInterface
    interface TileBody {
        void run(int tile, int worker);
    }

    private final CpuThreads threads;
    private final int tiles;
    private final TileBody body;
    private final AtomicInteger next = new AtomicInteger();
    private final int workers;
    private final java.util.function.IntConsumer drain = this::drain;

    TileRunner(CpuThreads threads, int tiles, TileBody body) {
        this.threads = threads;
        this.tiles = tiles;
        this.body = body;
        this.workers = Math.max(1, Math.min(threads.getParallelism(), tiles));
    }

    /** How many workers may run at once: the size to give per-worker scratch arrays. */
    int workers() {
        return workers;
    }

    int tiles() {
        return tiles;
    }

    /** Runs every tile; returns when all are done. An exception in a tile is rethrown here. */
    void run() {
        if (threads.isShutdown()) {
            throw new IllegalStateException("the cpu backend that prepared this kernel is closed");
        }
        if (tiles == 0) {
            return;
        }
        if (workers == 1) {
            for (int t = 0; t < tiles; t++) {
                body.run(t, 0);
            }
            return;
        }
        next.set(0);
        threads.run(workers, drain);
    }

    private void drain(int worker) {
        int t;
        while ((t = next.getAndIncrement()) < tiles) {
            body.run(t, worker);
        }
    }
}
