package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.joulebench.harness.testbackend.TriadTestBackendProvider;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A kernel that never returns: its fork is killed at its budget, the result names why, the run goes on. */
class ForkWatchdogTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aHungForkIsKilledAtItsTimeBudgetAndTheRestOfTheRunIsKept(@TempDir Path out) throws Exception {
        System.setProperty(TriadTestBackendProvider.HANG_PROPERTY, "true");
        System.setProperty("joulebench.forkBudgetSeconds", "25");
        long t0 = System.nanoTime();
        CliBadInputTest.Outcome o;
        try {
            o = CliBadInputTest.run(
                    "run",
                    "--backend=test-hang,test-triad",
                    "--kernel=triad",
                    "--sensor=none",
                    "--no-site",
                    "--out=" + out);
        } finally {
            System.clearProperty(TriadTestBackendProvider.HANG_PROPERTY);
            System.clearProperty("joulebench.forkBudgetSeconds");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("1 of 2 results failed");
        RunRecord record;
        try (Stream<Path> s = Files.list(out)) {
            record = Json.readRunRecord(
                    s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        BenchmarkResult hung = record.results().stream()
                .filter(r -> r.backend().equals("test-hang") && r.kernel().equals("triad"))
                .findFirst()
                .orElseThrow();
        assertThat(hung.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(hung.failure())
                .contains("ran past its time budget of 25 s")
                .contains("killed by the harness's watchdog");
        BenchmarkResult good = record.results().stream()
                .filter(r -> r.backend().equals("test-triad") && r.kernel().equals("triad"))
                .findFirst()
                .orElseThrow();
        assertThat(good.status()).as("the case after the hung one was measured").isEqualTo(ResultStatus.OK);
        assertThat(seconds).as("the hung fork cost its budget, not forever").isLessThan(200);
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("ForkedMain"))
                        .count())
                .as("no fork left behind")
                .isZero();
    }
}
