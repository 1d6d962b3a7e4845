package org.joulebench.results.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.joulebench.results.check.Checker;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submission.SubmissionsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several submits at once (threads, and separate JVMs) to one system lose nothing; a submit killed at any
 * stage (a real process halted, no cleanup) leaves what the next submit repairs by itself; a busy lock is
 * one clear message; nothing is written through a link.
 */
class SubmitConcurrencyTest {
    @TempDir
    Path dir;

    Path root() {
        return dir.resolve("submissions");
    }

    Path folder() {
        return root().resolve("example-lab/xeon-gold-6338-test-box");
    }

    Path system() throws IOException {
        return Fixtures.copy("system-golden.json", dir.resolve("in/system.json"), null, null);
    }

    Path run(String runId, int seed) throws IOException {
        Path p = Fixtures.copy(
                "run-golden.json", dir.resolve("in/" + runId + ".json"), "20261125T120000Z-a1b2c3", runId);
        Files.writeString(p, Files.readString(p).replace("\"seed\" : 42,", "\"seed\" : " + seed + ","));
        return p;
    }

    List<String> runsIn() throws IOException {
        return Manifest.listFiles(folder()).stream()
                .filter(f -> f.startsWith("runs/"))
                .toList();
    }

    /** Starts {@link SubmitProcess} in a fresh JVM. */
    Process child(Path run, String... how) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                SubmitProcess.class.getName(),
                root().toString(),
                system().toString(),
                run.toString()));
        cmd.addAll(List.of(how));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String output(Process p) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentThreadsToOneSystemAreSerialisedAndNothingIsLost() throws Exception {
        int n = 6;
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(run("run-" + i, 100 + i));
        }
        Path system = system();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<SubmitResult>> results = new ArrayList<>();
            for (Path r : runs) {
                results.add(
                        pool.submit(() -> new Submitter().submit(new SubmitRequest(List.of(r), system, null, root()))));
            }
            for (Future<SubmitResult> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS).folder()).isEqualTo(folder());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runsIn()).hasSize(n);
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void concurrentProcessesToOneSystemAreSerialisedAndNothingIsLost() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("run-0", 100)), system(), null, root()));
        // both start while the first holds the lock for a while: the second waits, then adds its run
        Process a = child(run("run-a", 101), "sleep-at-BEFORE_SWAP-2000");
        Process b = child(run("run-b", 102));
        assertThat(output(a)).contains("OK ");
        assertThat(output(b)).contains("OK ");
        assertThat(runsIn()).containsExactlyInAnyOrder("runs/run-0.json", "runs/run-a.json", "runs/run-b.json");
        assertThat(new Checker().check(root()).problems()).isEmpty();
        assertThat(root().resolve(SubmissionsLayout.LOCK_FILE)).isRegularFile(); // stays; check ignores it
    }

    @ParameterizedTest
    @EnumSource(Submitter.Stage.class)
    void aSubmitKilledAtAnyStageIsRepairedByTheNextOne(Submitter.Stage stage) throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("run-1", 100)), system(), null, root()));
        Process crashed = child(run("run-2", 101), "halt-at-" + stage.name());
        String out = output(crashed);
        assertThat(out).contains("AT " + stage);
        assertThat(crashed.exitValue()).isEqualTo(137);
        // the crashed process's lock is gone with it: the next submit does not wait, and repairs
        long t0 = System.nanoTime();
        new Submitter(Submitter.FailureInjector.NONE, true, Duration.ofSeconds(5))
                .submit(new SubmitRequest(List.of(run("run-3", 102)), system(), null, root()));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        List<String> runs = runsIn();
        assertThat(runs).contains("runs/run-1.json", "runs/run-3.json");
        // run-2 is in exactly when the crash came after the new folder was in place
        assertThat(runs.contains("runs/run-2.json")).isEqualTo(stage == Submitter.Stage.NEW_IN_PLACE);
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.toList()).containsExactly(folder()); // no temp or aside folder left
        }
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void aBusyLockIsOneClearMessageAndNothingIsWritten() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("run-1", 100)), system(), null, root()));
        Process holder = child(run("run-2", 101), "sleep-at-BEFORE_SWAP-8000");
        try {
            // wait until the child holds the lock
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(root().resolve(SubmissionsLayout.LOCK_FILE))
                    .contains("pid " + holder.pid())) {
                assertThat(System.nanoTime()).as("child took the lock").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThatThrownBy(() -> new Submitter(Submitter.FailureInjector.NONE, true, Duration.ofSeconds(1))
                            .submit(new SubmitRequest(List.of(run("run-3", 102)), system(), null, root())))
                    .isInstanceOf(SubmissionException.class)
                    .hasMessageStartingWith("another submit has held " + root().resolve(SubmissionsLayout.LOCK_FILE)
                            + " (submit by pid " + holder.pid())
                    .hasMessageEndingWith(
                            "for more than 1 s; nothing was written: wait for it to finish and submit" + " again");
        } finally {
            assertThat(output(holder)).contains("OK ");
        }
        assertThat(runsIn()).containsExactly("runs/run-1.json", "runs/run-2.json");
    }

    @Test
    void nothingIsWrittenThroughALink() throws Exception {
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Files.createDirectories(root());
        Files.createSymbolicLink(root().resolve("example-lab"), outside);
        assertThatThrownBy(() ->
                        new Submitter().submit(new SubmitRequest(List.of(run("run-1", 100)), system(), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageStartingWith("the submitter folder " + root().resolve("example-lab")
                        + " is a symbolic link; submit writes only into real folders");
        try (var s = Files.list(outside)) {
            assertThat(s.toList()).isEmpty();
        }
        Path linkedRoot = dir.resolve("linked-root");
        Files.createSymbolicLink(linkedRoot, outside);
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(run("run-1", 100)), system(), null, linkedRoot)))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("is a symbolic link");
        try (var s = Files.list(outside)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aRunAlreadyUnderAnotherSystemIsRefusedAtSubmit() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("run-1", 100)), system(), null, root()));
        Path other = Fixtures.copy(
                "system-golden.json", dir.resolve("in/other.json"), "\"Xeon Gold 6338 test box\"", "\"Other box\"");
        assertThatThrownBy(() ->
                        new Submitter().submit(new SubmitRequest(List.of(run("run-1", 100)), other, null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("REJECT [duplicate] $.runId: runId run-1 is also submitted in "
                        + folder().resolve("runs/run-1.json"));
        assertThat(root().resolve("example-lab/other-box")).doesNotExist();
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }
}
