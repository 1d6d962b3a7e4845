package org.joulebench.backend.conformance;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/** What the JVM lets a test measure about leaks: live platform threads and the heap in use after a full GC. */
public final class JvmProbe {
    private JvmProbe() {}

    /** Live platform threads (virtual threads are not counted). */
    public static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    /** Names of the live platform threads, sorted, for failure messages. */
    public static List<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    /**
     * Waits until at most {@code count} platform threads are live (closed pools need a moment for their
     * workers to exit), returning the count seen last.
     */
    public static int awaitLiveThreadsAtMost(int count, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int live = liveThreads();
        while (live > count && System.nanoTime() < end) {
            Thread.sleep(20);
            live = liveThreads();
        }
        return live;
    }

    /** Bytes of heap in use after asking for full collections until the figure settles (at most 5 tries). */
    public static long heapUsedAfterGcBytes() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 256 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
