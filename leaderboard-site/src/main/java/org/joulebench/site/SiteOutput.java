package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The output folder of a site build holds exactly what the last build published: a page of a submission
 * that no longer passes {@code check} must not outlive the build that left it out. The site is built
 * into a fresh folder beside {@code --out}, then put in its place; the previous site is deleted
 * (links in it are removed, never followed). A folder that holds anything but a previous site is never
 * replaced: the build stops and names it.
 */
final class SiteOutput {
    /** Written into every site this generator builds: a later build may replace that folder. */
    static final String MARKER = ".joulebench-site";

    private SiteOutput() {}

    /** Builds into a fresh folder with {@code build}, then makes it {@code out}. */
    static void publish(Path out, Consumer<Path> build) {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(out + ": the file system root cannot hold a site; give a folder");
        }
        String name = target.getFileName().toString();
        Path staging;
        try {
            requireReplaceable(target);
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + name + ".building-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site into " + out, e);
        }
        try {
            build.accept(staging);
            Files.writeString(staging.resolve(MARKER), "built by joulebench site; replaced by the next build\n");
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path old = parent.resolve("." + name + ".old-" + System.nanoTime());
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot write the site into " + out, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    /** Missing, an empty folder, or a site a previous build published; anything else is refused. */
    private static void requireReplaceable(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(target)) {
            throw new IllegalArgumentException(target + ": a symbolic link; give the folder itself");
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + ": not a folder; give a folder");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(target)) {
            empty = s.findAny().isEmpty();
        }
        // sites from before the marker existed are recognised by their index and data
        boolean previousSite = Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                || (Files.isRegularFile(target.resolve("index.html"), LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(target.resolve("data/site-data.js"), LinkOption.NOFOLLOW_LINKS));
        if (!empty && !previousSite) {
            throw new IllegalArgumentException(target
                    + ": holds files that are not a site joulebench built, and a build replaces the whole folder;"
                    + " give a new or empty folder");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and everything in it; a link is deleted itself, never what it points to. */
    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // a leftover hidden staging folder beside --out; the build's own error is the one to report
        }
    }
}
