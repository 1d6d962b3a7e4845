package org.joulebench.results.record;

/**
 * The harness's own cost, from the null workload ({@code noop} kernel) measured in the same run: what a
 * result's time includes that is not the kernel's work.
 *
 * @param nanosPerInvocation harness time per invocation inside a batch (the batch loop), ns
 * @param nanosPerBatch harness time per JMH call (one batch: JMH's loop, the call, the completion wait of
 *     an empty batch), ns
 * @param shareOfTime {@code (nanosPerBatch / batchSize + nanosPerInvocation) / timePerInvocation}: the
 *     fraction of this result's time per invocation that is harness overhead
 * @param source how it was obtained, e.g. {@code noop on cpu:cpu0 in this run}
 */
public record HarnessOverhead(double nanosPerInvocation, double nanosPerBatch, Double shareOfTime, String source) {}
