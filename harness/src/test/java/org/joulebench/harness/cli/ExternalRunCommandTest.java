package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --backend external --runner ...} end to end, with real JMH forks and a runner that dies in the middle
 * of gemv's batch: gemv is a failed result whose reason is one line naming the runner's exit and its stderr; triad,
 * from the same runner command, is measured; no runner process outlives the run.
 */
class ExternalRunCommandTest {
    private static final Path BAD_RUNNER = Path.of("../backends/external/src/test/resources/bad_runner.py")
            .toAbsolutePath()
            .normalize();

    @AfterEach
    void forgetTheRunner() {
        System.clearProperty("joulebench.runner");
    }

    @Test
    void aRunnerThatDiesMidBatchFailsThatResultAloneAndLeavesNoProcess(@TempDir Path out) throws Exception {
        boolean numpy =
                new ProcessBuilder("python3", "-c", "import numpy").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(numpy)
                    .as("python3 imports numpy in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(numpy, "python3 here does not import numpy");
        String runner = "python3 " + BAD_RUNNER + " exit-mid-batch-gemv";
        var o = CliBadInputTest.run(
                "run",
                "--backend=external",
                "--runner=" + runner,
                "--kernel=triad,gemv",
                "--sensor=model",
                "--no-site",
                "--out=" + out);

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        List<Path> records;
        try (Stream<Path> s = Files.list(out)) {
            records =
                    s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        RunRecord record = Json.readRunRecord(records.getFirst());
        BenchmarkResult triad = record.results().stream()
                .filter(r -> r.kernel().equals("triad"))
                .findFirst()
                .orElseThrow();
        BenchmarkResult gemv = record.results().stream()
                .filter(r -> r.kernel().equals("gemv"))
                .findFirst()
                .orElseThrow();
        assertThat(triad.status()).isEqualTo(ResultStatus.OK);
        assertThat(triad.verification().passed()).isTrue();
        assertThat(triad.jmh().batchRule()).contains("20 ms");
        assertThat(triad.implementation().description()).contains("numpy-runner 1.0.0");
        assertThat(gemv.status()).isNotEqualTo(ResultStatus.OK);
        assertThat(gemv.failure())
                .contains("runner exited during run", "(exit status 3)", "stderr: device lost")
                .doesNotContain("\n", "\u001b");
        // the energy model counted the runner's CPU time, not only the fork JVM's
        assertThat(triad.energy().domains().getFirst().joulesPerOp()).isPositive();

        long end = System.nanoTime() + 5_000_000_000L;
        List<String> left;
        do {
            left = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().orElse("").contains(BAD_RUNNER.toString()))
                    .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
                    .toList();
            Thread.sleep(50);
        } while (!left.isEmpty() && System.nanoTime() < end);
        assertThat(left).as("runner processes alive after the run").isEmpty();
    }
}
