package org.joulebench.harness.orchestrate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills the benchmark forks of one JMH call that run past their time budget, so a hung kernel (a lost wake-up, a
 * device that never completes) becomes a failed result named in the record, and the run goes on with the next case.
 * JMH's own iteration timeout only interrupts the benchmark thread, which a thread blocked in native code or in an
 * uninterruptible wait ignores; this ends the fork's process instead.
 */
final class ForkWatchdog implements AutoCloseable {
    /** System property overriding the computed budget, in seconds (tests use a short one). */
    static final String BUDGET_PROPERTY = "joulebench.forkBudgetSeconds";

    private static final String FORK_MAIN = "org.openjdk.jmh.runner.ForkedMain";

    private final long budgetSeconds;
    // process start times have a clock tick's resolution: a second's margin still excludes older children
    private final java.time.Instant startedAt = java.time.Instant.now().minusSeconds(1);
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> alarm;

    private ForkWatchdog(long budgetSeconds) {
        this.budgetSeconds = budgetSeconds;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "joulebench-fork-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.alarm = timer.schedule(this::killForks, budgetSeconds, TimeUnit.SECONDS);
    }

    /** Starts the clock for one JMH call of {@code call}'s shape. */
    static ForkWatchdog start(JmhCall call) {
        return new ForkWatchdog(budgetSeconds(call));
    }

    /**
     * Three times the timed iterations plus ten minutes per fork (verification against a plain-Java reference at
     * size L, JIT warm-up and a device's compile can take minutes), or {@value #BUDGET_PROPERTY} when set.
     */
    static long budgetSeconds(JmhCall call) {
        String forced = System.getProperty(BUDGET_PROPERTY);
        if (forced != null) {
            return Math.max(1, Long.parseLong(forced.strip()));
        }
        long timedMillis =
                call.warmupIterations() * call.warmupMillis() + call.measurementIterations() * call.measurementMillis();
        return Math.max(1, call.forks()) * (3 * timedMillis / 1000 + 600);
    }

    long budgetSeconds() {
        return budgetSeconds;
    }

    /** Whether the budget ran out and the forks were killed. */
    boolean fired() {
        return fired.get();
    }

    /**
     * Kills every process this JVM started since the call began (the forks, and anything a fork started), plus any
     * JMH fork whatever its start: a JVM's command line can be too long for {@link ProcessHandle.Info} to report
     * (a test class path), so the start time is the reliable mark.
     */
    private void killForks() {
        fired.set(true);
        ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().startInstant().map(t -> !t.isBefore(startedAt)).orElse(false)
                                || p.info()
                                        .commandLine()
                                        .map(c -> c.contains(FORK_MAIN))
                                        .orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        alarm.cancel(false);
        timer.shutdownNow();
    }
}
