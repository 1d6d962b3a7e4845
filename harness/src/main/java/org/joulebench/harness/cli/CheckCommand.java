package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validate every submission under PATH (default: results/submissions): schemas, manifest hashes,",
            "signatures, verification, energy windows, tiers, plausibility, duplicates. Exit 1 if anything is rejected."
        })
public final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "a submissions folder")
    Path path;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path root = path != null ? path : BuildInfo.home().resolve(Checker.DEFAULT_ROOT);
        if (java.nio.file.Files.isRegularFile(root.resolve("manifest.json")) && root.getNameCount() >= 2) {
            // one <submitter>/<system> folder: check the whole submissions folder it belongs to, so that
            // duplicates across submissions are found too
            root = root.toAbsolutePath().getParent().getParent();
            out.println("checking the submissions folder it belongs to: " + root);
        }
        if (java.nio.file.Files.isRegularFile(root)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "PATH: " + root + " is a file; give the submissions folder (results/submissions) or one"
                            + " <submitter>/<system> folder in it");
        }
        CheckReport report = new Checker().check(root);
        out.print(report.render());
        out.flush();
        return report.rejected() ? 1 : 0;
    }
}
