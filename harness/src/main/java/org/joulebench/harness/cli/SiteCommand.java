package org.joulebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        description = {
            "Generate the static leaderboard (opens from the file system or any static host) from the",
            "submissions `check` accepts, the reference data, and optionally your own unsubmitted runs."
        })
public final class SiteCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: local/site)")
    Path out;

    @Option(
            names = "--local",
            paramLabel = "RUN.json",
            arity = "1..*",
            description = "your own run records to show among the results, marked 'local, unchecked'")
    List<Path> localRuns;

    @Override
    public Integer call() throws Exception {
        var stdout = spec.commandLine().getOut();
        if (out != null && java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: " + out + " is a file; give a folder");
        }
        Path index = LocalSite.build(
                out != null ? out : LocalSite.defaultOut(), localRuns == null ? List.of() : localRuns, stdout);
        stdout.println("Leaderboard: " + index.toAbsolutePath());
        return 0;
    }
}
