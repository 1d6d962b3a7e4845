package org.joulebench.harness.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Runs one round of work on {@code threads} threads released together and times it from the first worker's start
 * to the last one's end, as the workers see it (the releasing thread may not run again until they are done, so
 * its own clock would miss the work).
 */
final class Rounds {
    private Rounds() {}

    /** Wall nanoseconds of one round; {@code body} gets the worker's index. */
    static long time(int threads, IntConsumer body) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread w = new Thread(() -> {
                await(start);
                long t0 = System.nanoTime();
                body.accept(index);
                long t1 = System.nanoTime();
                first.accumulateAndGet(t0, Math::min);
                last.accumulateAndGet(t1, Math::max);
            });
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return Math.max(1, last.get() - first.get());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }
}
