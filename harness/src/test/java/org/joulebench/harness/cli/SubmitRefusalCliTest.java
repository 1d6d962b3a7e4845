package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit that {@code check} refuses prints one line saying so, then the check report once, as lines
 * (never a second copy squeezed into the first line with escaped line breaks).
 */
class SubmitRefusalCliTest {
    static final Path COMMITTED =
            Path.of("../results/submissions/joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm");

    @Test
    void aRefusedSubmitPrintsItsReportOnce(@TempDir Path dir) throws Exception {
        Path run;
        try (Stream<Path> s = Files.list(COMMITTED.resolve("runs"))) {
            run = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path edited = dir.resolve(run.getFileName());
        // one work count typed by hand: the catalogue rule rejects it
        Files.writeString(
                edited, Files.readString(run).replaceFirst("\"operations\" : ([0-9]+)", "\"operations\" : 1$1"));
        var submit = CliBadInputTest.run(
                "submit",
                edited.toString(),
                "--system=" + COMMITTED.resolve("system.json"),
                "--root=" + dir.resolve("submissions"));
        assertThat(submit.code()).isEqualTo(1);
        String err = submit.err();
        assertThat(err.lines().findFirst().orElseThrow())
                .startsWith("joulebench submit: refused, nothing written: the checker rejects this submission");
        assertThat(err).doesNotContain("\\u000A");
        assertThat(err.split("\\$\\.results\\[0\\]\\.work\\.operations", -1))
                .as(err)
                .hasSize(2);
        assertThat(err).containsOnlyOnce("REJECTED");
        assertThat(dir.resolve("submissions")
                        .resolve(COMMITTED.getParent().getFileName())
                        .resolve(COMMITTED.getFileName()))
                .doesNotExist();
    }
}
