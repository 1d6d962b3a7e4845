package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@code bundle} that need no jlink (bundle/ci-check builds a whole bundle in CI and runs it with no
 * JDK on the PATH): the launcher, JCuda's natives cut to the driver library, and a folder it must not replace.
 */
class BundleCommandTest {
    @TempDir
    Path tmp;

    /** The launcher over a fake runtime whose "java" prints its arguments. */
    private String launch(String... args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("runtime/bin"));
        Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwx------"));
        Path launcher = tmp.resolve("joulebench");
        Files.writeString(launcher, BundleCommand.launcherScript());
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JOULEBENCH_JAVA_OPTS", "-Djoulebench.cublas=/x/libcublas.so.13");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theLauncherRunsItsOwnRuntimeWithItsFolderAsHomeAndTheRunSkipsTheSite() throws Exception {
        List<String> args = launch("run", "--backend", "cuda").lines().toList();
        assertThat(args)
                .contains(
                        "-Djoulebench.home=" + tmp.toRealPath(),
                        "-Djoulebench.cublas=/x/libcublas.so.13",
                        "--add-modules=jdk.incubator.vector",
                        "org.joulebench.harness.cli.Main")
                .endsWith("run", "--no-site", "--backend", "cuda");
    }

    @Test
    void conformanceRunsTheKitWithItsJars() throws Exception {
        List<String> args = launch("conformance", "cuda").lines().toList();
        assertThat(args).endsWith("org.joulebench.backend.conformance.KitMain", "cuda");
        assertThat(args).anySatisfy(a -> assertThat(a).endsWith("/lib/*:" + tmp.toRealPath() + "/kit/*"));
    }

    @Test
    void jcudasNativesAreCutToTheDriverLibrary() throws Exception {
        Path natives = BundleCommand.classPathJars().stream()
                .filter(p -> p.getFileName().toString().startsWith("jcuda-natives-"))
                .findFirst()
                .orElseThrow();
        Path cut = tmp.resolve("natives.jar");
        BundleCommand.onlyDriverNatives(natives, cut);
        try (JarFile j = new JarFile(cut.toFile())) {
            assertThat(Collections.list(j.entries()))
                    .extracting(e -> e.getName())
                    .filteredOn(n -> n.startsWith("lib/") && n.endsWith(".so"))
                    .singleElement()
                    .satisfies(n -> assertThat(n).contains("JCudaDriver"));
        }
        assertThat(Files.size(cut)).isLessThan(Files.size(natives) / 4);
    }

    @Test
    void aFolderThatIsNotAnEarlierBundleIsNotReplaced() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "bundle", "--out", mine.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("exists and is not an earlier bundle");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");
    }
}
