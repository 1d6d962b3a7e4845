package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a run measures: a shutdown hook stops the record from taking results, writes
 * the finished ones (marked interrupted), prints one line saying how many and where, and lets the JVM exit with
 * the signal's status (130 for SIGINT). The orchestrating thread is interrupted so it starts no further fork; once
 * shutdown has begun it waits for the hook, printing nothing more. A SIGKILL runs no hook: the record written as
 * each result finished ({@link RecordDraft}) is what remains.
 */
final class RunInterruption implements AutoCloseable {
    /**
     * JMH's own logger: when Ctrl-C reaches the fork too, JMH's output drainer logs the closed stream with a stack
     * trace, which would bury the one line the user needs. Held here because java.util.logging keeps loggers
     * weakly, and a collected logger forgets its level.
     */
    private static final Logger JMH_LOG = Logger.getLogger("org.openjdk.jmh");

    private final Thread hook;
    private final RecordDraft draft;

    private RunInterruption(RecordDraft draft, Thread orchestrating) {
        this.draft = draft;
        this.hook = new Thread(
                () -> {
                    JMH_LOG.setLevel(Level.OFF);
                    // the record takes no more results before the orchestrating thread is interrupted: the fork it
                    // interrupts fails, and that failure is the signal's doing, not a result (it used to land in
                    // the record as an ERROR when the thread got there before the hook's write)
                    draft.stop();
                    orchestrating.interrupt();
                    draft.writeInterrupted(new PrintWriter(System.err, true, Charset.defaultCharset()));
                },
                "joulebench-interrupted");
    }

    /** Watches for Ctrl-C and SIGTERM from now until {@link #close()}, on behalf of the calling thread. */
    static RunInterruption install(RecordDraft draft) {
        RunInterruption i = new RunInterruption(draft, Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /**
     * The measuring is over: no hook any more. When the run was interrupted instead (the JVM is shutting down and
     * the hook is writing the record), this never returns: the hook's line is the last word, and the JVM exits
     * with the signal's status when it is done.
     */
    @Override
    public void close() {
        boolean shuttingDown;
        try {
            shuttingDown = !Runtime.getRuntime().removeShutdownHook(hook) || draft.stopped();
        } catch (IllegalStateException shutdownInProgress) {
            shuttingDown = true;
        }
        if (shuttingDown) {
            awaitExit();
        }
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void awaitExit() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException again) {
                // the JVM halts once the hook is done
            }
        }
    }
}
