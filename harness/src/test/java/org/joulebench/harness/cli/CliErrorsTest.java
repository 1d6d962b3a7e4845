package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure of run, submit, check and site is one clear line naming the file and what to do — never a
 * stack trace — on real files and real (tmpfs) full and read-only disks; a record is never lost; Ctrl-C
 * (a real SIGINT to a real run) reports the count the partial file holds.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    static void noStackTrace(CliBadInputTest.Outcome o) {
        assertThat(o.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(o.out()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-1", "0", "Infinity", "1e9", "abc", ""})
    void tdpWattsIsValidatedWhenTheCommandLineIsParsed(String value) {
        var o = CliBadInputTest.run("run", "--tdp-watts=" + value, "--no-site");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--tdp-watts").contains("'" + value + "'");
        assertThat(o.out()).doesNotContain("results, profile"); // nothing started
        noStackTrace(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "21", "two"})
    void pairsIsANumberOfForksCheckedBeforeAnythingRuns(String value) {
        var o = CliBadInputTest.run("run", "--pairs=" + value, "--no-site");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--pairs");
        assertThat(o.out()).doesNotContain("results, profile"); // nothing started
        noStackTrace(o);
    }

    @Test
    void missingAndFolderPathsToSubmitAreNamedWithWhatToGive() throws Exception {
        Path system = dir.resolve("system.json");
        Files.writeString(system, "{}");
        var folder = CliBadInputTest.run("submit", dir.toString(), "--system=" + system, "--root=" + dir.resolve("s"));
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("RUN.json: " + dir + ": is a folder; give a run record");
        var missing = CliBadInputTest.run("submit", system.toString(), "--system=" + dir.resolve("nope.json"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--system: " + dir.resolve("nope.json") + ": no such file");
        var register = CliBadInputTest.run("submit", system.toString(), "--system=" + system, "--register-key");
        assertThat(register.code()).isEqualTo(2);
        assertThat(register.err()).contains("--register-key needs --key");
        for (var o : List.of(folder, missing, register)) {
            noStackTrace(o);
        }
    }

    @Test
    void aNullOrOversizedManifestIsAFindingNotACrash() throws Exception {
        Path root = dir.resolve("submissions");
        Path a = Files.createDirectories(root.resolve("lab/box/runs"));
        Files.writeString(a.getParent().resolve("manifest.json"), "null");
        Path b = Files.createDirectories(root.resolve("lab/big/runs"));
        try (RandomAccessFile f =
                new RandomAccessFile(b.getParent().resolve("manifest.json").toFile(), "rw")) {
            f.setLength(17L * 1024 * 1024);
        }
        var o = CliBadInputTest.run("check", root.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out())
                .contains("REJECT [manifest] $: a manifest is a JSON object, not null")
                .contains("larger than the limit of 16777216 bytes; it was not read");
        noStackTrace(o);
        var file = CliBadInputTest.run(
                "check", a.getParent().resolve("manifest.json").toString());
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).contains("is a file; give the submissions folder");
    }

    @Test
    void aReadOnlyDiskUnderSubmitAndSiteIsOneLine() throws Exception {
        Path record = quickRun(dir.resolve("runs"));
        Path system = dir.resolve("system.json");
        Files.writeString(system, """
                {"submitter":"Lab","systemName":"Box","chipVendor":"Example","chipModel":"X1","chipKind":"OTHER"}
                """);
        try (TinyFs ro = TinyFs.mount(dir.resolve("ro"), 64, true)) {
            var submit = CliBadInputTest.run("submit", record.toString(), "--system=" + system, "--root=" + ro.dir);
            assertThat(submit.code()).isEqualTo(1);
            assertThat(submit.err().strip().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("joulebench submit: ")
                    .contains(ro.dir.toString())
                    .contains("Read-only file system: choose a writable location");
            var site = CliBadInputTest.run("site", "--out=" + ro.dir.resolve("site"));
            assertThat(site.code()).isEqualTo(1);
            assertThat(site.err())
                    .startsWith("joulebench site: ")
                    .contains("Read-only file system: choose a writable location");
            noStackTrace(submit);
            noStackTrace(site);
        }
    }

    @Test
    void aFullDiskAtTheEndOfARunKeepsTheRecordAndSaysWhere() throws Exception {
        try (TinyFs full = TinyFs.mount(dir.resolve("full"), 1024, false)) {
            Path out = full.dir.resolve("runs");
            // the disk fills the moment the last result is in: when the record is about to be written
            StringWriter stdout = new StringWriter() {
                boolean filled;

                @Override
                public void flush() {
                    if (!filled && toString().matches("(?s).*\\[1/1\\] [^\\n]*: [^\\n]*\\n.*")) {
                        filled = true;
                        try {
                            full.fill();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            };
            StringWriter stderr = new StringWriter();
            int code = Main.execute(
                    new PrintWriter(stdout, true),
                    new PrintWriter(stderr, true),
                    "run",
                    "--backend=test-triad",
                    "--kernel=triad",
                    "--sensor=none",
                    "--no-site",
                    "--out=" + out);
            var o = new CliBadInputTest.Outcome(code, stdout.toString(), stderr.toString());
            noStackTrace(o);
            assertThat(o.err()).contains("could not write").contains("the disk is full; free space and try again");
            Matcher m =
                    Pattern.compile("written to (\\S+run-[^ ]+\\.json) instead").matcher(o.err());
            assertThat(m.find()).as(o.err()).isTrue();
            Path saved = Path.of(m.group(1));
            try {
                assertThat(saved.startsWith(full.dir)).isFalse();
                RunRecord r = Json.readRunRecord(saved);
                assertThat(r.results()).hasSize(1);
                assertThat(o.out()).contains("Run record: " + saved);
                assertThat(code).isZero();
            } finally {
                Files.deleteIfExists(saved);
            }
        }
    }

    private static Path quickRun(Path runs) throws Exception {
        var run = CliBadInputTest.run(
                "run", "--backend=test-triad", "--kernel=triad", "--sensor=model", "--no-site", "--out=" + runs);
        assertThat(run.code()).as(run.err()).isZero();
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }
}
