package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The backend's own worker threads: every worker once per run, failures rethrown, no lost hand-off. */
class CpuThreadsTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyWorkerRunsExactlyOncePerRunOverManyBackToBackRuns() {
        // a lost wake-up would hang a run (the test's timeout fails it); a doubled one would count twice
        CpuThreads threads = new CpuThreads(3, "test-cpu-");
        AtomicIntegerArray counts = new AtomicIntegerArray(3);
        int runs = 200_000;
        for (int r = 0; r < runs; r++) {
            int workers = 1 + r % 3; // 1, 2, 3 workers in turn: helpers also sit some jobs out
            threads.run(workers, counts::incrementAndGet);
        }
        threads.shutdown();
        int third = runs / 3;
        assertThat(counts.get(0)).isEqualTo(runs);
        assertThat(counts.get(1)).isEqualTo(runs - (runs - third * 3 > 0 ? third + 1 : third));
        assertThat(counts.get(2)).isEqualTo(third);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void runsAfterIdlePausesWakeParkedHelpers() throws InterruptedException {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        for (int r = 0; r < 20; r++) {
            Thread.sleep(2); // longer than the spin: the helper has parked
            threads.run(2, counts::incrementAndGet);
        }
        assertThat(counts.get(0)).isEqualTo(20);
        assertThat(counts.get(1)).isEqualTo(20);
        threads.shutdown();
    }

    @Test
    void aHelpersFailureIsRethrownToTheCallerAndTheNextRunWorks() {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        assertThatThrownBy(() -> threads.run(2, w -> {
                    if (w == 1) {
                        throw new ArithmeticException("tile 7 failed");
                    }
                }))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("tile 7 failed");
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        threads.run(2, counts::incrementAndGet);
        assertThat(counts.get(0) + counts.get(1)).isEqualTo(2);
        threads.shutdown();
    }

    @Test
    void theCallersFailureWinsButOnlyAfterTheHelpersFinished() {
        CpuThreads threads = new CpuThreads(2, "test-cpu-");
        AtomicIntegerArray done = new AtomicIntegerArray(1);
        assertThatThrownBy(() -> threads.run(2, w -> {
                    if (w == 0) {
                        throw new IllegalStateException("caller's share failed");
                    }
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
