package org.joulebench.harness.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line of the CLI in a child JVM of the test's own java and class path. */
final class ChildCli {
    private ChildCli() {}

    /** {@code java [jvmOptions] -cp <test class path> Main [args]}, the Vector API module added as the launcher does. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
