package org.joulebench.harness.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small file system for tests of full and read-only disks: a tmpfs mounted on a test folder
 * (needs root; CI runs as root). Without it the calling test is skipped with the reason.
 */
final class TinyFs implements AutoCloseable {
    final Path dir;

    private TinyFs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir}; {@code readOnly} mounts it read-only. */
    static TinyFs mount(Path dir, int kib, boolean readOnly) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        boolean ok = run(
                "mount", "-t", "tmpfs", "-o", "size=" + kib + "k" + (readOnly ? ",ro" : ""), "tmpfs", dir.toString());
        assumeTrue(ok, "needs root to mount a tmpfs (a real full or read-only file system) on " + dir);
        return new TinyFs(dir);
    }

    /** Fills the file system: writes until it is full, and returns the filler file. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", "-l", dir.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
