package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.names.Printable;
import org.joulebench.results.submit.SubmissionException;

/**
 * One clear line for any failure of a command: the file concerned and what to do, never a stack trace
 * ({@code JOULEBENCH_DEBUG=1} prints it as well).
 */
final class ErrorMessages {
    private ErrorMessages() {}

    /** What went wrong and what to do, in one line (control characters escaped). */
    static String describe(Throwable t) {
        StringBuilder context = new StringBuilder();
        Throwable e = t;
        while (e instanceof UncheckedIOException && e.getCause() != null) {
            String m = e.getMessage();
            String cause = e.getCause().getMessage();
            if (m != null && m.startsWith(e.getCause().getClass().getName())) {
                m = null; // new UncheckedIOException(cause): no context of its own
            }
            if (m != null && cause != null) {
                m = m.replace(": " + cause, "").replace(cause, "");
            }
            if (m != null && !m.isBlank()) {
                context.append(m).append(": ");
            }
            e = e.getCause();
        }
        return Printable.of(context + own(e));
    }

    private static String own(Throwable e) {
        if (e instanceof InvalidJsonException || e instanceof SubmissionException) {
            return e.getMessage();
        }
        if (e instanceof SafeFiles.TooLargeException) {
            return e.getMessage() + "; nothing beyond the limit was read";
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder" + (f.getReason() == null ? "" : " (" + f.getReason() + ")")
                    + "; check the path";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied; check its permissions, or choose another location";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists; remove it or choose another name";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + reason(f.getReason());
        }
        if (e instanceof IOException) {
            return reason(e.getMessage());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); every input file is read with a size limit, so this is"
                    + " a bug: please report it";
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "; please report it (JOULEBENCH_DEBUG=1 prints the stack trace)";
    }

    /** The operating system's reason for a file error, with what to do about it. */
    static String reason(String reason) {
        if (reason == null) {
            return "input/output error";
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left")) {
            return reason + ": the disk is full; free space and try again";
        }
        if (r.contains("read-only file system")) {
            return reason + ": choose a writable location";
        }
        if (r.contains("is a directory")) {
            return "is a folder (" + reason + "); give a file";
        }
        if (r.contains("not a directory")) {
            return "a part of the path is not a folder (" + reason + "); check the path";
        }
        if (r.contains("too many levels of symbolic links")) {
            return "is a symbolic link, which is not followed here; replace it by the file itself";
        }
        if (r.contains("disk quota")) {
            return reason + ": the disk quota is used up; free space and try again";
        }
        return reason;
    }
}
