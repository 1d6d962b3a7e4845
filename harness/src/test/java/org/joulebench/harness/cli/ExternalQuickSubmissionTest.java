package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's "done means", end to end through the CLI on a few kernels: {@code run --backend external --runner
 * '<numpy runner>'} (quick profile, real JMH forks, the real NumPy runner) verifies every result, {@code submit}
 * writes its submission into a copy of the committed results tree, and {@code check} accepts that tree: the
 * quick-profile run is accepted with a warning that it is not the submission profile (shown unranked).
 */
class ExternalQuickSubmissionTest {
    private static final Path RESULTS = Path.of("../results").toAbsolutePath().normalize();
    private static final Path NUMPY_RUNNER = Path.of("../backends/external/runners/numpy_runner.py")
            .toAbsolutePath()
            .normalize();

    @AfterEach
    void forgetTheRunner() {
        System.clearProperty("joulebench.runner");
    }

    @Test
    void aQuickRunThroughTheNumpyRunnerIsVerifiedSubmittedAndAcceptedByCheck(@TempDir Path dir) throws Exception {
        boolean numpy =
                new ProcessBuilder("python3", "-c", "import numpy").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(numpy)
                    .as("python3 imports numpy in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(numpy, "python3 here does not import numpy");

        Path runs = dir.resolve("runs");
        var run = CliBadInputTest.run(
                "run",
                "--backend=external",
                "--runner=python3 " + NUMPY_RUNNER,
                "--kernel=triad,softmax",
                "--sensor=model",
                "--no-site",
                "--out=" + runs);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Path record;
        try (Stream<Path> s = Files.list(runs)) {
            record = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        RunRecord parsed = Json.readRunRecord(record);
        assertThat(parsed.profile()).isEqualTo("quick");
        List<BenchmarkResult> kernels = parsed.results().stream()
                .filter(r -> !r.kernel().equals("noop"))
                .toList();
        assertThat(kernels).extracting(BenchmarkResult::kernel).containsExactlyInAnyOrder("triad", "softmax");
        assertThat(kernels).allSatisfy(r -> {
            assertThat(r.status()).as(r.kernel() + ": " + r.failure()).isEqualTo(ResultStatus.OK);
            assertThat(r.verification().passed()).as(r.kernel()).isTrue();
            assertThat(r.backend()).isEqualTo("external");
            // the leaderboard shows the runner and the implementation's version on each row
            assertThat(r.implementation().runner()).isEqualTo(new ImplementationRecord.Runner("numpy-runner", "1.0.0"));
            assertThat(r.implementation().version()).matches("[0-9]+\\.[0-9]+.*");
        });
        assertThat(parsed.environment().backends().stream()
                        .filter(b -> b.id().equals("external"))
                        .flatMap(b -> b.devices().stream())
                        .flatMap(d -> d.implementations().stream()))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.runner().name()).isEqualTo("numpy-runner"));

        // a copy of the committed tree, so check judges the new submission beside the committed ones
        Path tree = dir.resolve("results");
        copyTree(RESULTS.resolve("submissions"), tree.resolve("submissions"));
        copyTree(RESULTS.resolve("keys"), tree.resolve("keys"));
        Path system = dir.resolve("system.json");
        Files.writeString(system, """
                {
                  "submitter" : "External runner test lab",
                  "systemName" : "This machine through the NumPy runner",
                  "chipVendor" : "Whatever the CI machine is",
                  "chipModel" : "CPU behind NumPy",
                  "chipKind" : "CPU",
                  "announced" : "2020-01-01"
                }
                """);
        var submit = CliBadInputTest.run(
                "submit", record.toString(), "--system=" + system, "--root=" + tree.resolve("submissions"));
        assertThat(submit.code()).as(submit.out() + submit.err()).isZero();
        assertThat(submit.out()).contains("Submission written");
        assertThat(tree.resolve("submissions/external-runner-test-lab/this-machine-through-the-numpy-runner/runs"))
                .isDirectory();

        var check = CliBadInputTest.run("check", tree.resolve("submissions").toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out())
                .contains("0 rejected")
                .contains("profile 'quick' is not the submission profile")
                .doesNotContain("REJECT");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
