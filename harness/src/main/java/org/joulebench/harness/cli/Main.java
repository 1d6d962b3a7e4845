package org.joulebench.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code ./joulebench} enters here. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
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
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
