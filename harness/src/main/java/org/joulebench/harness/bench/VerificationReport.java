package org.joulebench.harness.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.joulebench.kernels.Tolerance;
import org.joulebench.kernels.VerificationResult;

/**
 * Hands the fork's verification outcome to the parent JVM. JMH carries only numbers back from a fork,
 * and nothing at all when setup throws, so the fork writes a small properties file into the folder the
 * orchestrator names with {@value #REPORT_FILE_PROPERTY} (plumbing, not a benchmark parameter).
 */
public final class VerificationReport {
    public static final String REPORT_FILE_PROPERTY = "joulebench.verificationReport";

    private VerificationReport() {}

    static void write(VerificationResult result, long seed) {
        String file = System.getProperty(REPORT_FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return; // plain JMH use: nothing to hand back
        }
        Properties p = new Properties();
        p.setProperty("passed", Boolean.toString(result.passed()));
        p.setProperty("maxRelativeError", Double.toString(result.maxRelativeError()));
        p.setProperty("maxAbsoluteError", Double.toString(result.maxAbsoluteError()));
        p.setProperty("relativeTolerance", Double.toString(result.tolerance().relative()));
        p.setProperty(
                "absoluteToleranceOfRms", Double.toString(result.tolerance().absoluteOfRms()));
        p.setProperty("worstIndex", Long.toString(result.worstIndex()));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("message", result.message());
        try (var out = Files.newOutputStream(Path.of(file))) {
            p.store(out, "joulebench verification report");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write verification report " + file, e);
        }
    }

    /** Reads what the fork wrote; {@code null} when the fork never got as far as verifying. */
    public static Read read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        VerificationResult r = new VerificationResult(
                Boolean.parseBoolean(p.getProperty("passed")),
                Double.parseDouble(p.getProperty("maxRelativeError")),
                Double.parseDouble(p.getProperty("maxAbsoluteError")),
                Long.parseLong(p.getProperty("worstIndex")),
                new Tolerance(
                        Double.parseDouble(p.getProperty("relativeTolerance")),
                        Double.parseDouble(p.getProperty("absoluteToleranceOfRms"))),
                p.getProperty("message"));
        return new Read(r, Long.parseLong(p.getProperty("seed")));
    }

    /** A verification outcome read back in the parent, with the seed the inputs came from. */
    public record Read(VerificationResult result, long seed) {}
}
