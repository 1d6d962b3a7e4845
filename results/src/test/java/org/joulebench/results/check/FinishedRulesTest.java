package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submit.SubmissionException;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rule {@code finished}: the record a killed or interrupted run leaves (its finished results, marked {@code
 * unfinished}) is valid to read, refused by {@code submit} and never ranked by {@code check}.
 */
class FinishedRulesTest {
    @TempDir
    Path dir;

    /** The golden record as a run killed after its one result of three would leave it. */
    private Path unfinishedRun() throws Exception {
        ObjectNode run = (ObjectNode) Json.mapper().readTree(Fixtures.text("run-golden.json"));
        run.putObject("unfinished").put("plannedResults", 3).put("reason", "killed");
        Path in = dir.resolve("in/run.json");
        Files.createDirectories(in.getParent());
        Files.write(in, Json.mapper().writeValueAsBytes(run));
        return in;
    }

    private Path system() throws Exception {
        return Fixtures.copy("system-golden.json", dir.resolve("in/system.json"), null, null);
    }

    @Test
    void theRecordValidatesAndSaysItIsUnfinished() throws Exception {
        RunRecord r = Json.readRunRecord(unfinishedRun());
        assertThat(r.finished()).isFalse();
        assertThat(r.unfinished()).isEqualTo(new RunRecord.Unfinished(3, "killed"));
        assertThat(Json.readRunRecord(Fixtures.copy("run-golden.json", dir.resolve("golden.json"), null, null))
                        .finished())
                .isTrue();
    }

    @Test
    void submitRefusesItNamingTheRunAndItsCount() throws Exception {
        Path in = unfinishedRun();
        String runId = Json.readRunRecord(in).runId();
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(in), system(), null, dir.resolve("submissions"))))
                .isInstanceOf(SubmissionException.class)
                .hasMessage(in + ": run " + runId + " did not finish (it holds 1 of 3 planned results); submit takes"
                        + " only a finished run's record");
        assertThat(dir.resolve("submissions")).doesNotExist();
    }

    @Test
    void checkRejectsItInTheTreeAndRanksNothingOfIt() throws Exception {
        // submitted while finished, then replaced by an unfinished copy with a manifest that matches it
        Path golden = Fixtures.copy("run-golden.json", dir.resolve("in/golden.json"), null, null);
        Path root = dir.resolve("submissions");
        new Submitter().submit(new SubmitRequest(List.of(golden), system(), null, root));
        Path runFile;
        try (Stream<Path> s = Files.walk(root)) {
            runFile = s.filter(p -> p.getParent().getFileName().toString().equals("runs"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.copy(unfinishedRun(), runFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path folder = runFile.getParent().getParent();
        Files.write(folder.resolve(Manifest.FILE), Manifest.of(folder).toBytes());

        CheckReport report = new Checker().check(root);
        assertThat(report.rejections()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.FINISHED);
            assertThat(p.field()).isEqualTo("$.unfinished");
            assertThat(p.message()).contains("did not finish (1 of 3 planned results): killed");
        });
        assertThat(report.accepted()).isEmpty();
    }
}
