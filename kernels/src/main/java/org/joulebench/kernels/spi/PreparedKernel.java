package org.joulebench.kernels.spi;

import java.util.List;
import org.joulebench.kernels.Tensor;

/** A kernel ready to run on a device with its inputs in place. Not thread-safe. */
public interface PreparedKernel extends AutoCloseable {

    /**
     * Runs the kernel once over the prepared inputs. Returns only when the work is done (a device
     * backend synchronises before returning), so that timing and energy readings around it are honest.
     */
    void run();

    /**
     * Runs {@code invocations} invocations back to back and returns when all are done, with one
     * completion wait at the end: a device backend queues the launches (or replays a graph) and
     * synchronises once, so launch and synchronisation overhead is amortised and the chip's time is what
     * is measured. The harness counts {@code invocations} operations for this call. The default calls
     * {@link #run()} that many times (right for host backends, whose {@code run()} is synchronous).
     */
    default void runBatch(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
        }
        for (int i = 0; i < invocations; i++) {
            run();
        }
    }

    /**
     * How long one {@link #runBatch} call should last, in nanoseconds: long enough that what a batch costs
     * once (JMH's call, a device's completion wait, a runner's round trip) is a negligible share of it. The
     * harness sets the batch size to {@code ceil(target / t_single)} from the warmed kernel's single-invocation
     * time. The default, 1 ms, suits host backends (JMH's per-call cost is tens of nanoseconds); a backend
     * with a costlier wait per batch asks for more (the per-batch cost should stay under 1 % of the target).
     */
    default long batchTargetNanos() {
        return DEFAULT_BATCH_TARGET_NANOS;
    }

    /** The default {@link #batchTargetNanos()}: 1 ms. */
    long DEFAULT_BATCH_TARGET_NANOS = 1_000_000L;

    /** Copies the output of the last run back to the host. */
    Tensor output();

    /**
     * Figures the backend's own tools measured for the invocations run since the last call (kernel time,
     * copy time, power; see {@link BackendMetric}), and forgets them. The harness drains them before and
     * after every measured iteration, so only measured invocations count; they are recorded beside JMH's
     * time, labelled with their source. {@link BackendMetric.Kind#ONCE} figures belong in {@link
     * #preparationMetrics()}. The default reports nothing.
     */
    default List<BackendMetric> drainMetrics() {
        return List.of();
    }

    /**
     * Figures measured once while preparing (e.g. JIT compile time), all {@link BackendMetric.Kind#ONCE}.
     * The default reports nothing.
     */
    default List<BackendMetric> preparationMetrics() {
        return List.of();
    }

    /** Frees device memory and workspace; the default does nothing. */
    @Override
    default void close() {}
}
