package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.joulebench.harness.testbackend.TriadTestBackendProvider;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --implementation} runs only the named implementations of a backend that offers several (the paced test
 * backend: {@code test} and {@code test-slow}), in real JMH forks; a name no selected backend lists is a usage error
 * naming those it does list.
 */
class RunImplementationTest {
    @TempDir
    Path dir;

    @BeforeEach
    void enablePacedBackend() throws Exception {
        System.setProperty(TriadTestBackendProvider.PACED_PROPERTY, "true");
        System.setProperty(
                TriadTestBackendProvider.PACED_FORKS_PROPERTY,
                Files.createDirectories(dir.resolve("fork-marks")).toString());
    }

    @AfterEach
    void disable() {
        System.clearProperty(TriadTestBackendProvider.PACED_PROPERTY);
        System.clearProperty(TriadTestBackendProvider.PACED_FORKS_PROPERTY);
    }

    @Test
    void onlyTheNamedImplementationRuns() throws Exception {
        Path out = dir.resolve("runs");
        var o = CliBadInputTest.run(
                "run",
                "--backend=test-paced",
                "--implementation=test-slow",
                "--kernel=triad",
                "--shape=N=64",
                "--sensor=none",
                "--no-site",
                "--out=" + out);

        assertThat(o.code()).as(o.err()).isZero();
        Path record;
        try (Stream<Path> s = Files.list(out)) {
            record = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        RunRecord r = Json.readRunRecord(record);
        assertThat(r.results()).hasSize(1);
        assertThat(r.results().getFirst().implementation().id()).isEqualTo("test-slow");
        assertThat(r.results().getFirst().pairedRatios()).isEmpty(); // nothing to pair with
    }

    @Test
    void anUnknownImplementationIsAUsageErrorNamingTheKnownOnes() {
        var o = CliBadInputTest.run(
                "run", "--backend=test-paced", "--implementation=test,tset-slow", "--kernel=triad", "--no-site");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .contains("--implementation: unknown implementation 'tset-slow'; the selected backends have test,"
                        + " test-slow (see `list`)");
        assertThat(o.out()).doesNotContain("results, profile"); // nothing started
        CliErrorsTest.noStackTrace(o);
    }
}
