package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.names.Printable;
import org.joulebench.results.submit.SubmissionException;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.SubmitResult;
import org.joulebench.results.submit.Submitter;
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
            names = "--register-key",
            description = "register the public key of --key for this submitter (which has none yet) as"
                    + " results/keys/<submitter>.pem; commit that file with the submission: reviewers see the"
                    + " registration, and every later submission of the submitter must be signed with that key")
    boolean registerKey;

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
        for (Path p : runs) {
            requireFile("RUN.json", p, "a run record from `joulebench run` (local/runs/run-<id>.json)");
        }
        requireFile("--system", system, "a system description (start from results/examples/system.json)");
        if (key != null) {
            requireFile("--key", key, "an Ed25519 private key (PKCS#8 PEM) from `joulebench keygen`");
        }
        if (registerKey && key == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--register-key needs --key: the key to register and sign with");
        }
        try {
            SubmitResult r = new Submitter().submit(new SubmitRequest(runs, system, key, submissions, registerKey));
            out.println("Submission written: " + r.folder().toAbsolutePath());
            out.println(
                    "  runs added: " + r.addedRunIds() + (r.keptRunIds().isEmpty() ? "" : ", kept: " + r.keptRunIds()));
            out.println("  signed: " + (r.signed() ? "yes (manifest.sig)" : "no (use --key to sign)"));
            if (r.registeredKey() != null) {
                out.println("  key registered: " + r.registeredKey().toAbsolutePath()
                        + " (commit it with the submission; every later submission of this submitter must be signed"
                        + " with this key)");
            }
            out.println("Next: ./joulebench check " + submissions);
            return 0;
        } catch (InvalidJsonException e) {
            err.println("joulebench submit: rejected, nothing written: " + Printable.of(e.getMessage()));
            return 1;
        } catch (SubmissionException e) {
            String message = e.getMessage();
            if (e.report() != null) {
                // the message ends with the rendered report: print its first line, then the report once, as lines
                message = message.lines().findFirst().orElse("");
            }
            err.println("joulebench submit: refused, nothing written: " + Printable.of(message));
            if (e.report() != null) {
                err.print(e.report().render());
            }
            return 1;
        }
    }

    /** A path given on the command line must be a readable file: else a usage error naming it. */
    private void requireFile(String what, Path p, String expected) {
        String problem = null;
        if (!Files.exists(p)) {
            problem = "no such file";
        } else if (Files.isDirectory(p)) {
            problem = "is a folder";
        } else if (!Files.isRegularFile(p)) {
            problem = "is not a regular file";
        } else if (!Files.isReadable(p)) {
            problem = "is not readable";
        }
        if (problem != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    what + ": " + Printable.of(p.toString()) + ": " + problem + "; give " + expected);
        }
    }
}
