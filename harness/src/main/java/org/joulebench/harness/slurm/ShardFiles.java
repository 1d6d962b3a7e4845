package org.joulebench.harness.slurm;

import java.io.IOException;
import java.nio.file.Path;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.RunRecord;

/**
 * Reads the files of a shared results folder the way {@code check} reads a submission: bounded, never
 * through a symbolic link, nothing but a plain file (a FIFO would block the merge job for ever). Any
 * node of the cluster could have written them.
 */
final class ShardFiles {
    /** A completion log or plan is a few hundred bytes per shard; this leaves room for very large plans. */
    static final long MAX_SMALL_FILE_BYTES = 4L * 1024 * 1024;

    private ShardFiles() {}

    /** A shard's run record, at most {@link Json#MAX_FILE_BYTES}. */
    static RunRecord readRecord(Path file) throws IOException {
        return readJson(file, Json.MAX_FILE_BYTES, RunRecord.class);
    }

    static <T> T readJson(Path file, long maxBytes, Class<T> type) throws IOException {
        byte[] bytes;
        try {
            bytes = SafeFiles.read(file, maxBytes);
        } catch (SafeFiles.TooLargeException e) {
            throw new IOException(file.getFileName() + ": larger than the limit of " + e.limitBytes() + " bytes");
        } catch (IOException e) {
            SafeFiles.Kind kind = SafeFiles.kind(file);
            throw new IOException(file.getFileName() + ": "
                    + (kind == SafeFiles.Kind.FILE
                            ? "cannot be read (" + e.getMessage() + ")"
                            : SafeFiles.describe(kind) + ", not a plain file"));
        }
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (RuntimeException e) {
            throw new IOException(file.getFileName() + ": truncated or malformed JSON (" + bytes.length + " bytes)");
        }
    }
}
