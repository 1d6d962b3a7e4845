package org.joulebench.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The CPU backend's worker threads: {@code parallelism - 1} daemon threads of its own, the calling thread being
 * worker 0. A run wakes the helpers, runs its own share, and waits until every helper has finished; helpers spin
 * briefly between runs (kernels run back to back) and then park.
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: with a two-thread pool invoked from an outside thread
 * millions of times, the JDK 25 pool once left a submitted task unrun with every worker parked (then timed out), so
 * a benchmark fork hung for minutes (silu S in a submission run, 2026-11-30; the thread dump showed the caller
 * waiting on the root task and no pool thread alive). This hand-off has one job at a time and no queue: a helper
 * either sees the new generation or has its unpark permit.
 */
final class CpuThreads {
    /** How long a waiting thread spins before it parks, in nanoseconds. */
    private static final long SPIN_NANOS = 50_000;

    private final int parallelism;
    private final Thread[] helpers;
    private final ReentrantLock oneJobAtATime = new ReentrantLock();
    private volatile Job job = new Job(0, w -> {}, 1, null);
    private volatile boolean shutdown;

    /**
     * One run: immutable but for its state and failure, so a helper sees one job whole or not at all. {@code state}
     * counts the helpers inside the body, plus {@link #CLOSED} once the caller has finished its own share: a helper
     * joins only while the job is open, and the caller waits only for helpers that joined. Every body hands out its
     * work from a shared counter ({@link TileRunner}), so when the caller's share returns there is nothing left
     * to start, and a helper the OS has not scheduled yet (a busy machine) is not waited for.
     */
    private static final class Job {
        static final int CLOSED = 1 << 30;

        final long generation;
        final IntConsumer body;
        final int workers;
        final Thread caller;
        final AtomicInteger state = new AtomicInteger();
        volatile Throwable helperFailure;

        Job(long generation, IntConsumer body, int workers, Thread caller) {
            this.generation = generation;
            this.body = body;
            this.workers = workers;
            this.caller = caller;
        }

        /** Enters the body unless the caller has closed the job. */
        boolean join() {
            int s;
            do {
                s = state.get();
                if ((s & CLOSED) != 0) {
                    return false;
                }
            } while (!state.compareAndSet(s, s + 1));
            return true;
        }
    }

    CpuThreads(int parallelism, String namePrefix) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        helpers = new Thread[parallelism - 1];
        for (int i = 0; i < helpers.length; i++) {
            int worker = i + 1;
            Thread t = new Thread(() -> helperLoop(worker), namePrefix + worker);
            t.setDaemon(true);
            helpers[i] = t;
            t.start();
        }
    }

    /** Threads a run can use, the caller's included. */
    int getParallelism() {
        return parallelism;
    }

    boolean isShutdown() {
        return shutdown;
    }

    /** Stops the helpers (they exit once idle); later runs are refused. */
    void shutdown() {
        shutdown = true;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Runs {@code body.accept(w)} for every worker {@code w} in {@code 0..workers-1}, worker 0 on the calling
     * thread, and returns when all are done; the first failure is rethrown here (after all workers finished).
     */
    void run(int workers, IntConsumer body) {
        if (workers < 1 || workers > parallelism) {
            throw new IllegalArgumentException("workers must be 1.." + parallelism + ", got " + workers);
        }
        oneJobAtATime.lock();
        try {
            if (shutdown) {
                throw new IllegalStateException("the cpu backend that prepared this kernel is closed");
            }
            Job j = new Job(job.generation + 1, body, workers, Thread.currentThread());
            job = j; // publishes it to the helpers
            for (int w = 1; w < workers; w++) {
                LockSupport.unpark(helpers[w - 1]);
            }
            Throwable own = null;
            try {
                body.accept(0);
            } catch (Throwable t) {
                own = t;
            }
            j.state.getAndAdd(Job.CLOSED); // no helper starts from now on
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (j.state.get() != Job.CLOSED) { // helpers that joined are still inside
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            Throwable failure = own != null ? own : j.helperFailure;
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            oneJobAtATime.unlock();
        }
    }

    private void helperLoop(int worker) {
        long seen = 0;
        while (true) {
            Job j;
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while ((j = job).generation == seen && !shutdown) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (shutdown) {
                return;
            }
            seen = j.generation;
            if (worker >= j.workers || !j.join()) {
                continue; // not part of this job, or it was done before this thread got to run
            }
            try {
                j.body.accept(worker);
            } catch (Throwable t) {
                j.helperFailure = t;
            } finally {
                if (j.state.decrementAndGet() == Job.CLOSED) {
                    LockSupport.unpark(j.caller);
                }
            }
        }
    }
}
