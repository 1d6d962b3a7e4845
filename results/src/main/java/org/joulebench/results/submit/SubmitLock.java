package org.joulebench.results.submit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.names.Printable;
import org.joulebench.results.submission.SubmissionsLayout;

/**
 * One submit at a time per submissions folder: an OS lock on {@code <root>/.submit.lock}. The file stays
 * (it is git-ignored and {@code check} knows it); the lock on it is the operating system's, so it is
 * released when the process exits, however it exits — a crashed submit never leaves a stale lock. Within one
 * JVM a plain lock serialises threads first (the OS lock belongs to the process).
 */
final class SubmitLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock lock;

    private SubmitLock(ReentrantLock jvmLock, FileChannel channel, FileLock lock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits up to {@code wait} for the lock of {@code root}.
     *
     * @throws SubmissionException when another submit holds it longer, or the lock file is a link or not a file
     */
    static SubmitLock acquire(Path root, Duration wait) throws IOException {
        Path file = root.resolve(SubmissionsLayout.LOCK_FILE);
        SafeFiles.Kind kind = SafeFiles.kind(file);
        if (kind != SafeFiles.Kind.FILE && kind != SafeFiles.Kind.MISSING) {
            throw new SubmissionException(file + " is " + SafeFiles.describe(kind)
                    + "; submit locks a plain file there: remove it and submit again");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        ReentrantLock jvm = IN_PROCESS.computeIfAbsent(root.toRealPath(), k -> new ReentrantLock());
        try {
            if (!jvm.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmissionException(
                    "interrupted while waiting for another submit to finish; nothing was written");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            while (true) {
                FileLock l = ch.tryLock();
                if (l != null) {
                    holder(ch);
                    return new SubmitLock(jvm, ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(file, wait);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            close(ch);
            jvm.unlock();
            throw e;
        } catch (InterruptedException e) {
            close(ch);
            jvm.unlock();
            Thread.currentThread().interrupt();
            throw new SubmissionException(
                    "interrupted while waiting for another submit to finish; nothing was written");
        }
    }

    private static SubmissionException busy(Path file, Duration wait) {
        String who = "";
        try {
            who = " (" + Printable.of(new String(SafeFiles.read(file, 256), StandardCharsets.UTF_8).strip()) + ")";
        } catch (IOException ignored) {
            // the holder is unknown: say nothing about it
        }
        return new SubmissionException("another submit has held " + file + who + " for more than " + wait.toSeconds()
                + " s; nothing was written: wait for it to finish and submit again");
    }

    /** Writes who holds the lock into the lock file (for the message another submit shows while it waits). */
    private static void holder(FileChannel ch) throws IOException {
        String text = "submit by pid " + ProcessHandle.current().pid() + " ("
                + ManagementFactory.getRuntimeMXBean().getName() + ") since " + Instant.now() + "\n";
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing more to do
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
        jvmLock.unlock();
    }
}
