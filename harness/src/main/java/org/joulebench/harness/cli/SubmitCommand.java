package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.InvalidJsonException;
import org.joulebench.results.submission.SubmissionException;
import org.joulebench.results.submission.SubmitRequest;
import org.joulebench.results.submission.SubmitResult;
import org.joulebench.results.submission.Submitter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Validate run records and a system description, and write (atomically) the submission folder",
            "results/submissions/<submitter>/<system>/ with a SHA-256 manifest, optionally Ed25519-signed."
        })
public final class SubmitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN.json", description = "run records (from `joulebench run`)")
    List<Path> runs;

    @Option(
            names = "--system",
            required = true,
            paramLabel = "system.json",
            description = "the system description (see results/SCHEMAS.md; an example: results/examples/system.json)")
    Path system;

    @Option(
            names = "--key",
            paramLabel = "PRIVATE.pem",
            description = "Ed25519 private key (PKCS#8 PEM) to sign the manifest")
    Path key;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "submissions folder (default: results/submissions in the joulebench folder)")
    Path root;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path submissions =
                root != null ? root : BuildInfo.home().resolve("results").resolve("submissions");
        try {
            SubmitResult r = new Submitter().submit(new SubmitRequest(runs, system, key, submissions));
            out.println("Submission written: " + r.folder().toAbsolutePath());
            out.println(
                    "  runs added: " + r.addedRunIds() + (r.keptRunIds().isEmpty() ? "" : ", kept: " + r.keptRunIds()));
            out.println("  signed: " + (r.signed() ? "yes (manifest.sig, public-key.pem)" : "no (use --key to sign)"));
            out.println("Next: ./joulebench check " + submissions);
            return 0;
        } catch (InvalidJsonException e) {
            err.println("joulebench submit: rejected, nothing written: " + e.getMessage());
            return 1;
        } catch (SubmissionException e) {
            err.println("joulebench submit: refused, nothing written: " + e.getMessage());
            if (e.report() != null) {
                err.print(e.report().render());
            }
            return 1;
        }
    }
}
