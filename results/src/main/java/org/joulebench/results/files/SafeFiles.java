package org.joulebench.results.files;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * File access for trees that others wrote (the submissions folder, the key registry): a symbolic link is
 * never followed at any level, nothing but a regular file is ever opened (a FIFO or device would block or
 * never end), a folder listing and a file read are bounded.
 *
 * <p>The type of an entry is read without following links, then the file is opened with {@code
 * O_NOFOLLOW}; a tree changed by another process between the two is outside what this guards against
 * (check reads a committed tree, not one someone rewrites while it runs).
 */
public final class SafeFiles {

    /** Most entries one listed folder may hold: more is not a submission, and listing it must stay quick. */
    public static final int MAX_ENTRIES = 100_000;

    private SafeFiles() {}

    /** What an entry is, seen without following a link. */
    public enum Kind {
        DIRECTORY,
        FILE,
        /** a symbolic link, whatever it points to */
        LINK,
        /** a FIFO, socket, device or anything else that is not a plain file or folder */
        SPECIAL,
        MISSING
    }

    /**
     * One entry of a folder.
     *
     * @param path the entry's path
     * @param name its file name
     * @param kind what it is (links not followed)
     * @param sizeBytes its size in bytes (0 for anything but a file)
     */
    public record Entry(Path path, String name, Kind kind, long sizeBytes) {}

    /** A folder holds more than {@link #MAX_ENTRIES} entries. */
    public static final class TooManyEntriesException extends IOException {
        private static final long serialVersionUID = 1L;

        TooManyEntriesException(Path dir) {
            super(dir + ": more than " + MAX_ENTRIES + " entries; not a submission folder");
        }
    }

    /** A file is larger than the limit; nothing of it was read. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limitBytes;

        TooLargeException(Path file, long sizeBytes, long limitBytes) {
            super(file + ": " + sizeBytes + " bytes, larger than the limit of " + limitBytes + " bytes");
            this.limitBytes = limitBytes;
        }

        public long limitBytes() {
            return limitBytes;
        }
    }

    /** The kind of {@code p}, without following a link. */
    public static Kind kind(Path p) {
        try {
            return kind(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Kind.MISSING;
        }
    }

    private static Kind kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return Kind.LINK;
        }
        if (a.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (a.isRegularFile()) {
            return Kind.FILE;
        }
        return Kind.SPECIAL;
    }

    /**
     * The entries of {@code dir}, sorted by name, with their kinds (links not followed).
     *
     * @throws TooManyEntriesException when {@code dir} holds more than {@link #MAX_ENTRIES}
     * @throws IOException when {@code dir} cannot be listed (missing, not a folder, a link)
     */
    public static List<Entry> list(Path dir) throws IOException {
        if (kind(dir) != Kind.DIRECTORY) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder (links are not followed)");
        }
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (out.size() >= MAX_ENTRIES) {
                    throw new TooManyEntriesException(dir);
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    out.add(new Entry(p, p.getFileName().toString(), Kind.MISSING, 0));
                    continue;
                }
                Kind k = kind(a);
                out.add(new Entry(p, p.getFileName().toString(), k, k == Kind.FILE ? a.size() : 0));
            }
        }
        out.sort((x, y) -> x.name().compareTo(y.name()));
        return out;
    }

    /**
     * Reads a regular file of at most {@code maxBytes} bytes, never following a link and never opening
     * anything else.
     *
     * @throws TooLargeException when the file is larger (nothing is read)
     * @throws IOException when it is missing, a link, a folder or a special file, or cannot be read
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Kind k = kind(a);
        if (k != Kind.FILE) {
            throw new IOException(file + ": not a regular file (" + describe(k) + ")");
        }
        if (a.size() > maxBytes) {
            throw new TooLargeException(file, a.size(), maxBytes);
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel ch = Files.newByteChannel(file, options)) {
            // the file may have grown since its size was read: never read past the limit
            byte[] out = Channels.newInputStream(ch).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (out.length > maxBytes) {
                throw new TooLargeException(file, out.length, maxBytes);
            }
            return out;
        }
    }

    /** A word for what an entry is, for messages. */
    public static String describe(Kind k) {
        return switch (k) {
            case DIRECTORY -> "a folder";
            case FILE -> "a file";
            case LINK -> "a symbolic link";
            case SPECIAL -> "a special file (FIFO, socket or device)";
            case MISSING -> "missing or unreadable";
        };
    }
}
