package org.joulebench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.joulebench.results.submission.Signing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Make an Ed25519 key pair for signing submissions (never overwrites existing files).")
public final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--private",
            required = true,
            paramLabel = "FILE",
            description = "where to write the private key (PKCS#8 PEM); keep it secret")
    Path privatePem;

    @Option(
            names = "--public",
            required = true,
            paramLabel = "FILE",
            description = "where to write the public key (X.509 PEM)")
    Path publicPem;

    @Override
    public Integer call() throws Exception {
        Signing.generateKeyPair(privatePem, publicPem);
        spec.commandLine()
                .getOut()
                .println("Ed25519 key pair written: " + privatePem + " (private), " + publicPem + " (public)");
        return 0;
    }
}
