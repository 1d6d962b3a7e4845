package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend's own worker threads: the caller's share always runs, a helper's at most once (only if it joins before
 * the caller's share is done), every tile of a shared counter once, failures rethrown, no lost hand-off.
 */
class CpuThreadsTest {

    /** Waits (at most 10 s) until {@code cond} holds: a helper that joins a job sets what the caller waits for. */
    private static void await(java.util.function.BooleanSupplier cond) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("a helper never joined");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyTileRunsExactlyOnceAndNoWorkerTwiceOverManyBackToBackRuns() {
        // a lost wake-up would hang a run (the test's timeout fails it); a doubled one would count twice
        CpuThreads threads = new CpuThreads(3, "test-cpu-");
        int tiles = 7;
        AtomicIntegerArray tileCounts = new AtomicIntegerArray(tiles);
        int runs = 100_000;
        for (int r = 0; r < runs; r++) {
            int workers = 1 + r % 3; // 1, 2, 3 workers in turn: helpers also sit some jobs out
            AtomicInteger next = new AtomicInteger();
            AtomicIntegerArray entered = new AtomicIntegerArray(3);
            threads.run(workers, w -> {
                assertThat(entered.incrementAndGet(w)).isEqualTo(1);
                assertThat(w).isLessThan(workers);
                int t;
                while ((t = next.getAndIncrement()) < tiles) {
                    tileCounts.incrementAndGet(t);
                }
            });
            assertThat(entered.get(0)).isEqualTo(1); // the caller always runs its share
        }
        threads.shutdown();
        for (int t = 0; t < tiles; t++) {
            assertThat(tileCounts.get(t)).isEqualTo(runs);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void runsAfterIdlePausesWakeParkedHelpers() throws InterruptedException {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        for (int r = 0; r < 20; r++) {
            Thread.sleep(2); // longer than the spin: the helper has parked
            int run = r;
            threads.run(2, w -> {
                counts.incrementAndGet(w);
                if (w == 0) {
                    await(() -> counts.get(1) == run + 1); // only a woken helper gets here
                }
            });
        }
        assertThat(counts.get(0)).isEqualTo(20);
        assertThat(counts.get(1)).isEqualTo(20);
        threads.shutdown();
    }

    @Test
    void aHelpersFailureIsRethrownToTheCallerAndTheNextRunWorks() {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        AtomicIntegerArray entered = new AtomicIntegerArray(1);
        assertThatThrownBy(() -> threads.run(2, w -> {
                    if (w == 1) {
                        entered.set(0, 1);
                        throw new ArithmeticException("tile 7 failed");
                    }
                    await(() -> entered.get(0) == 1);
                }))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("tile 7 failed");
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        threads.run(2, counts::incrementAndGet);
        assertThat(counts.get(0)).isEqualTo(1);
        assertThat(counts.get(1)).isLessThanOrEqualTo(1);
        threads.shutdown();
    }

    @Test
    void theCallersFailureWinsButOnlyAfterTheHelpersThatJoinedFinished() {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        AtomicIntegerArray entered = new AtomicIntegerArray(1);
        AtomicIntegerArray done = new AtomicIntegerArray(1);
        assertThatThrownBy(() -> threads.run(2, w -> {
                    if (w == 0) {
                        await(() -> entered.get(0) == 1);
                        throw new IllegalStateException("caller's share failed");
                    }
                    entered.set(0, 1);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.set(0, 1);
                }))
                .hasMessage("caller's share failed");
        assertThat(done.get(0)).as("the helper had finished when run returned").isEqualTo(1);
        threads.shutdown();
    }

    @Test
    void aShutDownPoolRefusesRunsAndBadWorkerCountsAreRefused() {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        assertThatThrownBy(() -> threads.run(3, w -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> threads.run(0, w -> {})).isInstanceOf(IllegalArgumentException.class);
        threads.shutdown();
        assertThat(threads.isShutdown()).isTrue();
        assertThatThrownBy(() -> threads.run(1, w -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> new CpuThreads(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
