package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.joulebench.harness.vectors.GoldenVectors;
import org.joulebench.kernels.VerificationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code joulebench verify-outputs DIR OUTPUT.npy}: an output made anywhere, against golden vectors. */
@Command(
        name = "verify-outputs",
        mixinStandardHelpOptions = true,
        description = {
            "Check an output (.npy, the manifest's type and shape) against golden vectors written by `vectors`, with",
            "the comparison and error figures the harness records. Exit 0 passed, 1 failed, 2 bad input."
        })
public final class VerifyOutputsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the golden vectors' folder (with manifest.json)")
    Path dir;

    @Parameters(index = "1", paramLabel = "OUTPUT.npy", description = "the output to check")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GoldenVectors.Verdict v;
        try {
            v = GoldenVectors.verify(dir, output);
        } catch (IOException | RuntimeException e) {
            err.println("joulebench: verify-outputs: " + e.getMessage());
            return 2;
        }
        VerificationResult r = v.result();
        out.println((r.passed() ? "PASSED " : "FAILED ") + v.what() + ": " + r.message());
        out.println(String.format(
                Locale.ROOT,
                "max relative error %.3e, max absolute error %.3e, tolerance relative %.1e + %.1e x rms(reference)",
                r.maxRelativeError(),
                r.maxAbsoluteError(),
                r.tolerance().relative(),
                r.tolerance().absoluteOfRms()));
        return r.passed() ? 0 : 1;
    }
}
