package org.joulebench.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a snapshot archive the site offered ({@link DataSnapshot#archive}) so {@code check} can read it again:
 * only plain files under {@code submissions/}, no path leaving the folder, bounded in size.
 */
public final class SnapshotArchive {
    static final long MAX_BYTES = 512L << 20;

    private SnapshotArchive() {}

    /** The snapshot the archive says it is, and where its submissions now lie. */
    public record Unpacked(DataSnapshot claimed, Path submissionsRoot) {}

    public static Unpacked unpack(Path zip, Path into) throws IOException {
        DataSnapshot claimed = null;
        long total = 0;
        Path root = into.resolve(DataSnapshot.ARCHIVE_ROOT).toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                byte[] bytes = z.readNBytes((int) Math.min(MAX_BYTES - total + 1, Integer.MAX_VALUE - 8));
                total += bytes.length;
                if (total > MAX_BYTES) {
                    throw new IOException(zip + ": a snapshot archive over " + (MAX_BYTES >> 20) + " MiB");
                }
                if (name.equals(DataSnapshot.ARCHIVE_INFO)) {
                    claimed = SiteJson.MAPPER.readValue(bytes, DataSnapshot.class);
                    continue;
                }
                Path target = into.resolve(name).toAbsolutePath().normalize();
                if (!name.startsWith(DataSnapshot.ARCHIVE_ROOT + "/") || !target.startsWith(root)) {
                    throw new IOException(zip + ": entry '" + name + "' lies outside " + DataSnapshot.ARCHIVE_ROOT
                            + "/ (not a joulebench snapshot archive)");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
        }
        if (claimed == null) {
            throw new IOException(zip + ": no " + DataSnapshot.ARCHIVE_INFO + " (not a joulebench snapshot archive)");
        }
        return new Unpacked(claimed, root);
    }
}
