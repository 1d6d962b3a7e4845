package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.results.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit that {@code check} refuses prints one line saying so, then the check report once, as lines
 * (never a second copy squeezed into the first line with escaped line breaks).
 */
class SubmitRefusalCliTest {
    @Test
    void aRefusedSubmitPrintsItsReportOnce(@TempDir Path dir) throws Exception {
        Path edited = dir.resolve("run.json");
        // the golden run with one work count typed by hand: the catalogue rule rejects it
        Files.writeString(
                edited, Fixtures.text(Fixtures.RUN).replaceFirst("\"operations\" : ([0-9]+)", "\"operations\" : 1$1"));
        Path system = Fixtures.copy(Fixtures.SYSTEM, dir.resolve("system.json"), null, null);
        var submit = CliBadInputTest.run(
                "submit", edited.toString(), "--system=" + system, "--root=" + dir.resolve("submissions"));
        assertThat(submit.code()).isEqualTo(1);
        String err = submit.err();
        assertThat(err.lines().findFirst().orElseThrow())
                .startsWith("joulebench submit: refused, nothing written: the checker rejects this submission");
        assertThat(err).doesNotContain("\\u000A");
        assertThat(err.split("\\$\\.results\\[0\\]\\.work\\.operations", -1))
                .as(err)
                .hasSize(2);
        assertThat(err).containsOnlyOnce("REJECTED");
        assertThat(dir.resolve("submissions/example-lab/xeon-gold-6338-test-box"))
                .doesNotExist();
    }
}
