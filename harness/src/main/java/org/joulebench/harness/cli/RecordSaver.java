package org.joulebench.harness.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.json.Json;
import org.joulebench.results.names.Printable;

/**
 * Writes a finished run's record so that it is never silently lost: to the chosen file; when that fails
 * (a full or read-only disk, no permission) to the same name in each fallback folder in turn, saying where;
 * when every folder fails, it keeps the record in memory and — on a terminal — asks the user to free space
 * and press Enter (or type another folder), as often as needed; without a terminal (or when input ends) it
 * prints the record on standard output between marker lines, so a pipe or log still holds it.
 */
final class RecordSaver {
    static final String BEGIN = "----- BEGIN joulebench run record (no folder could take it: save these lines as ";
    static final String END = "----- END joulebench run record -----";

    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final boolean interactive;
    private final List<Path> fallbackDirs;

    /**
     * @param in the user's answers ({@code null} when there is no terminal to ask)
     * @param fallbackDirs folders to try, in order, when the chosen one fails
     */
    RecordSaver(PrintWriter out, PrintWriter err, BufferedReader in, List<Path> fallbackDirs) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = in != null;
        this.fallbackDirs = List.copyOf(fallbackDirs);
    }

    /** The default fallbacks: the system's temp folder, then the home folder. */
    static List<Path> defaultFallbacks() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of(System.getProperty("java.io.tmpdir"), "joulebench-runs"));
        dirs.add(Path.of(System.getProperty("user.home"), "joulebench-runs"));
        return dirs;
    }

    /**
     * Writes {@code bytes} as {@code file}, or as its name in a fallback folder, or where the user says.
     *
     * @return where the record is, or {@code null} when it went to standard output only
     */
    Path save(byte[] bytes, Path file) {
        String name = file.getFileName().toString();
        List<Path> candidates = new ArrayList<>();
        candidates.add(file);
        for (Path d : fallbackDirs) {
            candidates.add(d.resolve(name));
        }
        for (Path c : candidates) {
            if (tryWrite(bytes, c)) {
                if (!c.equals(file)) {
                    err.println("joulebench: the run record could not go to " + Printable.of(file.toString())
                            + "; it was written to " + c.toAbsolutePath() + " instead (move it where you want it)");
                    err.flush();
                }
                return c;
            }
        }
        while (interactive) {
            err.println("joulebench: no folder could take the run record; it is kept in memory. Free space (or make "
                    + file.toAbsolutePath().getParent() + " writable), then press Enter to retry, or type another"
                    + " folder:");
            err.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                break;
            }
            Path target = line.isBlank() ? file : Path.of(line.strip()).resolve(name);
            if (tryWrite(bytes, target)) {
                err.println("joulebench: the run record was written to " + target.toAbsolutePath());
                err.flush();
                return target;
            }
        }
        out.println(BEGIN + name + ") -----");
        out.print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        out.println(END);
        out.flush();
        err.println("joulebench: no folder could take the run record; it is printed on standard output between the"
                + " BEGIN and END lines: save it as " + name);
        err.flush();
        return null;
    }

    private boolean tryWrite(byte[] bytes, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Json.writeAtomically(file, bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("joulebench: could not write "
                    + Printable.of(file.toAbsolutePath().toString()) + ": " + ErrorMessages.describe(e));
            err.flush();
            return false;
        }
    }
}
