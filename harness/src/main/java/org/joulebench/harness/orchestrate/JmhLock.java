package org.joulebench.harness.orchestrate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * JMH refuses to start while another JMH run on the machine holds {@code <tmpdir>/jmh.lock} (two
 * benchmarks at once would disturb each other's numbers). Rather than fail every result at once, wait
 * for the other run to finish, and say so.
 */
public final class JmhLock {
    private JmhLock() {}

    public static void awaitFree(Consumer<String> notes) throws InterruptedException {
        if (Boolean.getBoolean("jmh.ignoreLock")) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        boolean told = false;
        while (true) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    lock.release();
                    return;
                }
            } catch (OverlappingFileLockException e) {
                return; // held by this JVM: JMH's own in-process lock handling applies
            } catch (IOException e) {
                return; // cannot tell: let JMH report it
            }
            if (!told) {
                notes.accept("another JMH run holds " + lockFile + "; waiting for it to finish");
                told = true;
            }
            Thread.sleep(1000);
        }
    }
}
