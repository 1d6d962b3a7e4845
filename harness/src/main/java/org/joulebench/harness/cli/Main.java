package org.joulebench.harness.cli;

import picocli.CommandLine;

/** {@code ./joulebench} enters here. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new JoulebenchCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
