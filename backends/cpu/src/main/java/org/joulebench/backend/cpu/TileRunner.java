package org.joulebench.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code tiles} independent pieces of work across the pool's threads. Tiles are handed out
 * dynamically from a shared counter (so uneven tiles, e.g. causal attention rows, balance). The tasks
 * are created once and reinitialised per run: a run allocates nothing.
 */
final class TileRunner {

    /** One tile of work; {@code worker} (0..workers-1) indexes per-thread scratch buffers. */
    @FunctionalInterface
    interface TileBody {
        void run(int tile, int worker);
    }

    private final ForkJoinPool pool;
    private final int tiles;
    private final TileBody body;
    private final AtomicInteger next = new AtomicInteger();
    private final Worker[] workers;
    private final Root root = new Root();

    TileRunner(ForkJoinPool pool, int tiles, TileBody body) {
        this.pool = pool;
        this.tiles = tiles;
        this.body = body;
        int count = Math.max(1, Math.min(pool.getParallelism(), tiles));
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i);
        }
    }

    /** How many workers may run at once: the size to give per-worker scratch arrays. */
    int workers() {
        return workers.length;
    }

    int tiles() {
        return tiles;
    }

    /** Runs every tile; returns when all are done. An exception in a tile is rethrown here. */
    void run() {
        if (pool.isShutdown()) {
            throw new IllegalStateException("the cpu backend that prepared this kernel is closed");
        }
        if (tiles == 0) {
            return;
        }
        if (workers.length == 1) {
            for (int t = 0; t < tiles; t++) {
                body.run(t, 0);
            }
            return;
        }
        next.set(0);
        root.reinitialize();
        for (Worker w : workers) {
            w.reinitialize();
        }
        pool.invoke(root);
    }

    private void drain(int worker) {
        int t;
        while ((t = next.getAndIncrement()) < tiles) {
            body.run(t, worker);
        }
    }

    private final class Root extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
            for (int i = 1; i < workers.length; i++) {
                workers[i].fork();
            }
            drain(0);
            for (int i = workers.length - 1; i >= 1; i--) {
                workers[i].join();
            }
        }
    }

    private final class Worker extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int index;

        Worker(int index) {
            this.index = index;
        }

        @Override
        protected void compute() {
            drain(index);
        }
    }
}
