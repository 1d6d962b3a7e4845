package org.joulebench.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.Test;

/** A backend's minimum call time (PreparedKernel.minimumCallNanos) lengthens batches; without one, 1 ms rules. */
class MinimumCallTimeTest {

    /** Runs of about 100 us (a spin on the clock), with a minimum call time. */
    record Spinner(long minimumCallNanos) implements PreparedKernel {
        @Override
        public void run() {
            long end = System.nanoTime() + 100_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        @Override
        public Tensor output() {
            return Tensor.f32("y", new float[1], 1);
        }
    }

    @Test
    void aBackendsMinimumCallTimeSetsTheBatch() {
        BatchSize.Choice c = BatchSize.choose(new Spinner(20_000_000), 0);
        // about 20 ms / 100 us = 200 (a descheduled spin only makes a slice slower, and the fastest slice counts)
        assertThat(c.batchSize()).isBetween(100, 201);
        assertThat(c.rule()).contains("20.0 ms (the backend's minimum call time)");
    }

    @Test
    void withoutOneTheHarnessTargetRules() {
        BatchSize.Choice c = BatchSize.choose(new Spinner(0), 0);
        assertThat(c.batchSize()).isBetween(5, 11);
        assertThat(c.rule()).isEqualTo(BatchSize.RULE);
    }
}
