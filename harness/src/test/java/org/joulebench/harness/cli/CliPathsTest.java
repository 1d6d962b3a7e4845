package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths the user gives or the JVM is given that cannot be used: each is refused at once, in one line
 * naming the path, never a hang or a bare "No such file or directory".
 */
class CliPathsTest {
    @TempDir
    Path dir;

    @Test
    void siteLocalGivenAFifoFailsNamingItInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("run.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        var site = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> CliBadInputTest.run("site", "--out=" + dir.resolve("site"), "--local=" + fifo));
        assertThat(site.code()).isEqualTo(1);
        assertThat(site.err().strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("joulebench site: ")
                .contains(fifo.toString())
                .contains("not a plain file");
    }

    /**
     * {@code site} draws figures, and Java copies the embedded figure font into the temporary folder to load it: a
     * missing one is named at once (it was an ExceptionInInitializerError with a stack trace and no path).
     */
    @Test
    void siteNamesAMissingTemporaryFolder() throws Exception {
        Path missing = dir.resolve("no-such-tmp");
        Process p = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "--add-modules=jdk.incubator.vector",
                        "-Djava.io.tmpdir=" + missing,
                        "-Djoulebench.home=" + dir,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "site",
                        "--out=" + dir.resolve("site")))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        // (the JVM's own warning about the incubator module aside)
        assertThat(out.strip().lines().filter(l -> !l.startsWith("WARNING: ")).toList())
                .singleElement()
                .asString()
                .startsWith("joulebench site: the temporary folder " + missing + " (java.io.tmpdir) does not exist");
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test
    void aMissingTemporaryFolderIsNamed() throws Exception {
        Path missing = dir.resolve("no-such-tmp");
        Process p = new ProcessBuilder(ChildCli.command(
                        List.of("-Djava.io.tmpdir=" + missing, "-Djoulebench.home=" + dir),
                        "run",
                        "--backend=test-triad",
                        "--kernel=triad",
                        "--sensor=none",
                        "--no-site",
                        "--out=" + dir.resolve("runs")))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out)
                .contains("joulebench run: the temporary folder " + missing + " (java.io.tmpdir) does not exist");
    }
}
