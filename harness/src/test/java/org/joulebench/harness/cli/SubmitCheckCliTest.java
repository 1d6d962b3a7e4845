package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path end to end through the CLI: run, keygen, submit (signed), check; then a tampered
 * file makes check fail naming the file, and a second submit of the same run is refused without touching
 * what is there.
 */
class SubmitCheckCliTest {

    @Test
    void fromARunToACheckedSignedSubmission(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        var run = CliBadInputTest.run(
                "run", "--backend=test-triad", "--kernel=triad", "--sensor=model", "--no-site", "--out=" + runs);
        assertThat(run.code()).as(run.err()).isZero();
        Path record;
        try (Stream<Path> s = Files.list(runs)) {
            record = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path system = dir.resolve("system.json");
        Files.writeString(system, """
                {
                  "submitter" : "Test <Lab> & Co",
                  "systemName" : "Bench box 1",
                  "chipVendor" : "Example",
                  "chipModel" : "X1",
                  "chipKind" : "OTHER",
                  "announced" : "2024-01-02"
                }
                """);
        Path priv = dir.resolve("k.pem"), pub = dir.resolve("k.pub.pem");
        assertThat(CliBadInputTest.run("keygen", "--private=" + priv, "--public=" + pub)
                        .code())
                .isZero();

        Path root = dir.resolve("submissions");
        // a first signed submit registers the key, and only when asked to
        var unregistered = CliBadInputTest.run(
                "submit", record.toString(), "--system=" + system, "--key=" + priv, "--root=" + root);
        assertThat(unregistered.code()).isEqualTo(1);
        assertThat(unregistered.err()).contains("has no registered key").contains("--register-key");
        var submit = CliBadInputTest.run(
                "submit", record.toString(), "--system=" + system, "--key=" + priv, "--register-key", "--root=" + root);
        assertThat(submit.code()).as(submit.err()).isZero();
        assertThat(submit.out()).contains("signed: yes").contains("key registered: " + dir.resolve("keys"));
        assertThat(Files.readString(dir.resolve("keys")
                        .resolve(Files.list(root)
                                        .filter(Files::isDirectory)
                                        .findFirst()
                                        .orElseThrow()
                                        .getFileName() + ".pem")))
                .isEqualTo(Files.readString(pub));
        Path submitter;
        try (Stream<Path> s = Files.list(root)) {
            submitter = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // display names may hold markup-like text; the folder name is a safe slug
        assertThat(submitter.getFileName().toString())
                .matches("[a-z0-9-]+")
                .contains("test")
                .contains("lab");
        Path folder = submitter.resolve("bench-box-1");
        assertThat(folder).isDirectory();
        assertThat(folder.resolve("manifest.sig")).isRegularFile();

        var check = CliBadInputTest.run("check", root.toString());
        assertThat(check.code()).as(check.out()).isZero();
        assertThat(check.out()).contains("0 rejected");

        // submitting the same run again is refused and changes nothing
        List<String> before;
        try (Stream<Path> s = Files.walk(folder)) {
            before = s.map(p -> p + ":" + p.toFile().length()).sorted().toList();
        }
        var again = CliBadInputTest.run(
                "submit", record.toString(), "--system=" + system, "--key=" + priv, "--root=" + root);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("nothing written");
        try (Stream<Path> s = Files.walk(folder)) {
            assertThat(s.map(p -> p + ":" + p.toFile().length()).sorted().toList())
                    .isEqualTo(before);
        }

        // a tampered run file: check names it and exits 1
        Path runFile;
        try (Stream<Path> s = Files.list(folder.resolve("runs"))) {
            runFile = s.findFirst().orElseThrow();
        }
        Files.writeString(
                runFile, Files.readString(runFile).replace("\"profile\" : \"quick\"", "\"profile\" : \"standard\""));
        var tampered = CliBadInputTest.run("check", root.toString());
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.out()).contains(runFile.getFileName().toString()).contains("REJECT");
    }
}
