package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.orchestrate.JvmFlags;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.results.fixtures.Records;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BandwidthPoint;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in a child JVM (quick profile, the test triad at S, M and L, each its own JMH fork), stopped once its
 * first result is on disk: by SIGKILL (no hook runs: the record written as results finished is all that is left)
 * and by SIGINT (Ctrl-C: one line, exit status 130). Either way the record on disk validates against the schema,
 * holds every finished result, and says that the run did not finish.
 */
class RunInterruptionTest {

    @TempDir
    Path home;

    Path out;

    @BeforeEach
    void storeACalibration() throws IOException {
        // a stored calibration spares the child the short one it would otherwise measure (seconds): the fixture's,
        // filed under this machine's key
        String key = CalibrationStore.machineKey(EnvironmentCapture.capture(Backends.providers(), JvmFlags.FORK_FLAGS));
        var c = Records.cpuCalibration(
                Instant.parse("2026-12-01T00:00:00Z"),
                1,
                1e11,
                2e11,
                2e10,
                32L << 20,
                List.of("a test's stored calibration"),
                List.of(new BandwidthPoint(1L << 20, 1e11)));
        Path file = new CalibrationStore(home.resolve("local").resolve("calibration")).file(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.mapper().writeValueAsString(c).replace(c.machineKey(), key));
        out = home.resolve("runs");
    }

    @Test
    void aKilledRunKeepsItsFinishedResults() throws Exception {
        Run run = start();
        try {
            RunRecord onDisk = run.awaitFirstResult();
            // SIGKILL the run and its JMH fork at once: nothing of joulebench runs after this
            run.process.descendants().forEach(ProcessHandle::destroyForcibly);
            run.process.destroyForcibly();
            assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process.exitValue()).isEqualTo(137);

            RunRecord kept = Json.readRunRecord(run.record()); // validates against the schema
            assertThat(kept.results())
                    .hasSizeGreaterThanOrEqualTo(onDisk.results().size());
            assertFinishedResults(kept);
            assertThat(kept.unfinished()).isNotNull();
            assertThat(kept.unfinished().plannedResults()).isEqualTo(3);
            assertThat(kept.unfinished().reason()).isEqualTo(RecordDraft.STOPPED);
            assertThat(kept.finished()).isFalse();
        } finally {
            run.stop();
        }
    }

    @Test
    void ctrlCSaysHowManyResultsWereKeptAndExits130() throws Exception {
        Run run = start();
        try {
            run.awaitFirstResult();
            new ProcessBuilder("kill", "-INT", Long.toString(run.process.pid()))
                    .start()
                    .waitFor();
            assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as(run.log()).isTrue();
            run.reader.join(10_000);
            assertThat(run.process.exitValue()).as(run.log()).isEqualTo(130);

            RunRecord kept = Json.readRunRecord(run.record());
            assertFinishedResults(kept);
            int n = kept.results().size();
            assertThat(run.log())
                    .contains("interrupted: " + n + " finished result" + (n == 1 ? "" : "s") + " kept in "
                            + run.record().toAbsolutePath())
                    .doesNotContain("internal error", "Exception", "please report");
            assertThat(kept.unfinished().plannedResults()).isEqualTo(3);
            assertThat(kept.unfinished().reason())
                    .isEqualTo("interrupted (Ctrl-C or SIGTERM) after " + n + " of 3 results");
        } finally {
            run.stop();
        }
    }

    private static void assertFinishedResults(RunRecord kept) {
        assertThat(kept.results()).isNotEmpty();
        for (BenchmarkResult r : kept.results()) {
            assertThat(r.status()).isEqualTo(ResultStatus.OK);
            assertThat(r.verification().passed()).isTrue();
            assertThat(r.score().rawIterations()).hasSize(10);
        }
    }

    private Run start() throws IOException {
        List<String> cmd = ChildCli.command(
                List.of("--enable-native-access=ALL-UNNAMED", "-Djoulebench.home=" + home, "-Djmh.ignoreLock=true"),
                "run",
                "--backend=test-triad",
                "--kernel=triad",
                "--size=S,M,L",
                "--sensor=none",
                "--no-site",
                "--out=" + out);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new Run(p, out);
    }

    /** The child run, its output as it comes, and its record. */
    private static final class Run {
        final Process process;
        final Path outDir;
        final StringBuffer log = new StringBuffer();
        final Thread reader;

        Run(Process process, Path outDir) {
            this.process = process;
            this.outDir = outDir;
            this.reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        log.append(line).append('\n');
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.start();
        }

        String log() {
            return log.toString();
        }

        Path record() throws IOException {
            return find().orElseThrow(() -> new AssertionError("no run record in " + outDir + "\n" + log()));
        }

        Optional<Path> find() throws IOException {
            if (!Files.isDirectory(outDir)) {
                return Optional.empty();
            }
            try (Stream<Path> s = Files.list(outDir)) {
                return s.filter(f -> f.getFileName().toString().matches("run-.*\\.json"))
                        .findFirst();
            }
        }

        /** Polls the out folder until the record holds a result (each poll reads a whole, valid record). */
        RunRecord awaitFirstResult() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                Optional<Path> f = find();
                if (f.isPresent()) {
                    RunRecord r = Json.readRunRecord(f.get()); // never a half-written file: renamed into place
                    if (!r.results().isEmpty()) {
                        return r;
                    }
                }
                assertThat(process.isAlive()).as(log()).isTrue();
                Thread.sleep(50);
            }
            throw new AssertionError("no result on disk within 5 minutes\n" + log());
        }

        void stop() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
