package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run record is never lost when the disk fills at the end of a run: real full file systems (tmpfs). */
class RecordSaverTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final byte[] record = "{\"runId\":\"r\"}\n".getBytes(StandardCharsets.UTF_8);

    RecordSaver saver(BufferedReader in, List<Path> fallbacks) {
        return new RecordSaver(new PrintWriter(out, true), new PrintWriter(err, true), in, fallbacks);
    }

    @Test
    void aFullDiskSendsTheRecordToTheFirstFolderThatTakesItAndSaysWhere() throws Exception {
        try (TinyFs fs = TinyFs.mount(dir.resolve("full"), 64, false)) {
            fs.fill();
            Path fallback = dir.resolve("fallback");
            Path saved = saver(null, List.of(fallback)).save(record, fs.dir.resolve("runs/run-r.json"));
            assertThat(saved).isEqualTo(fallback.resolve("run-r.json"));
            assertThat(saved).hasBinaryContent(record);
            assertThat(err.toString())
                    .contains("could not write " + fs.dir.resolve("runs"))
                    .contains("the disk is full; free space and try again")
                    .contains("written to " + saved.toAbsolutePath() + " instead")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void withEveryFolderFullTheRecordIsKeptUntilTheUserFreesSpace() throws Exception {
        try (TinyFs fs = TinyFs.mount(dir.resolve("full"), 64, false);
                TinyFs other = TinyFs.mount(dir.resolve("full2"), 64, false)) {
            Path filler = fs.fill();
            other.fill();
            PipedWriter user = new PipedWriter();
            BufferedReader in = new BufferedReader(new PipedReader(user));
            CompletableFuture<Path> saving = CompletableFuture.supplyAsync(
                    () -> saver(in, List.of(other.dir)).save(record, fs.dir.resolve("run-r.json")));
            // the user reads the prompt, frees space, presses Enter
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!err.toString().contains("press Enter to retry")) {
                assertThat(System.nanoTime()).as("prompt shown").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(saving).isNotDone();
            Files.delete(filler);
            user.write("\n");
            user.flush();
            Path saved = saving.get();
            assertThat(saved).isEqualTo(fs.dir.resolve("run-r.json")).hasBinaryContent(record);
        }
    }

    @Test
    void withEveryFolderFullAndNoTerminalTheRecordGoesToStandardOutput() throws Exception {
        try (TinyFs fs = TinyFs.mount(dir.resolve("full"), 64, false)) {
            fs.fill();
            Path saved = saver(null, List.of(fs.dir.resolve("fallback"))).save(record, fs.dir.resolve("run-r.json"));
            assertThat(saved).isNull();
            assertThat(out.toString())
                    .startsWith(RecordSaver.BEGIN + "run-r.json) -----")
                    .contains(new String(record, StandardCharsets.UTF_8))
                    .endsWith(RecordSaver.END + System.lineSeparator());
            assertThat(err.toString()).contains("it is printed on standard output between the BEGIN and END lines");
        }
    }

    @Test
    void aReadOnlyDiskIsNamedWithWhatToDo() throws Exception {
        try (TinyFs fs = TinyFs.mount(dir.resolve("ro"), 64, true)) {
            Path saved = saver(null, List.of(dir.resolve("fallback"))).save(record, fs.dir.resolve("run-r.json"));
            assertThat(saved).isEqualTo(dir.resolve("fallback/run-r.json"));
            assertThat(err.toString()).contains("Read-only file system: choose a writable location");
        }
    }
}
