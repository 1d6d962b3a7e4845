package org.joulebench.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code ./joulebench} enters here. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Commands that write into the temporary folder: JMH's forks (JMH's own files, the fork's result file), and the
     * figures of {@code site} and {@code figure} (Java copies the embedded figure font there to load it).
     */
    private static final java.util.Set<String> NEEDS_TEMP_FOLDER =
            java.util.Set.of("run", "sweep", "calibrate", "site", "figure");

    /**
     * Why {@code java.io.tmpdir} cannot be used, naming it, or {@code null}: without this check JMH fails
     * each fork with a bare "No such file or directory".
     */
    static String tempFolderProblem() {
        String tmp = System.getProperty("java.io.tmpdir");
        java.nio.file.Path dir = java.nio.file.Path.of(tmp == null ? "" : tmp);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return "the temporary folder " + dir + " (java.io.tmpdir) does not exist or is not a folder; create it,"
                    + " or point java.io.tmpdir at a writable folder (JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR)";
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            return "the temporary folder " + dir + " (java.io.tmpdir) is not writable; point java.io.tmpdir at a"
                    + " writable folder (JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR)";
        }
        return null;
    }

    /** Runs the CLI with the given streams and returns its exit code (tests call this). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new JoulebenchCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err);
        // Bad input: the message and a pointer to help, not the whole usage text; exit code 2.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("joulebench: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            c.getErr().flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        // Any failure of a command: one line naming the file and what to do, never a stack trace.
        cli.setExecutionExceptionHandler((ex, command, parsed) -> {
            command.getErr().println("joulebench " + command.getCommandName() + ": " + ErrorMessages.describe(ex));
            if (System.getenv("JOULEBENCH_DEBUG") != null) {
                ex.printStackTrace(command.getErr());
            }
            command.getErr().flush();
            return 1;
        });
        String tmpProblem = args.length > 0 && NEEDS_TEMP_FOLDER.contains(args[0]) ? tempFolderProblem() : null;
        if (tmpProblem != null) {
            err.println("joulebench " + args[0] + ": " + tmpProblem);
            err.flush();
            return 1;
        }
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
