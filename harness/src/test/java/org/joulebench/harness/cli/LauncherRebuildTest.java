package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher script, run from a copy whose {@code mvnw} only records that it was called: a build follows a
 * change of the optional backends' environment (TORNADOVM_HOME set or unset), and only that (no source changed).
 */
class LauncherRebuildTest {

    @Test
    void settingOrUnsettingTornadoVmHomeRebuildsAndNothingElseDoes(@TempDir Path home) throws Exception {
        Files.copy(Path.of("../joulebench"), home.resolve("joulebench"));
        Path builds = home.resolve("builds.log");
        Path mvnw = home.resolve("mvnw");
        Files.writeString(
                mvnw,
                "#!/usr/bin/env bash\n"
                        + "mkdir -p harness/target && touch harness/target/joulebench-harness.jar\n"
                        + "echo \"build TORNADOVM_HOME=${TORNADOVM_HOME:-}\" >> builds.log\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));

        String first = launch(home, null); // first use: builds
        launch(home, null); // same environment: no build
        String set = launch(home, home.toString()); // an SDK named after the first build: rebuilds
        launch(home, home.toString());
        launch(home, null); // unset again: rebuilds without it

        assertThat(Files.readAllLines(builds, StandardCharsets.UTF_8))
                .containsExactly("build TORNADOVM_HOME=", "build TORNADOVM_HOME=" + home, "build TORNADOVM_HOME=");
        assertThat(first).contains("joulebench: building");
        assertThat(set).contains("the optional backends' environment changed").contains("TORNADOVM_HOME=" + home);
    }

    /** Runs {@code joulebench --version}; the fake jar cannot start, so only the launcher's own lines matter. */
    private static String launch(Path home, String tornadoVmHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", home.resolve("joulebench").toString(), "--version")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("TORNADOVM_HOME");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (tornadoVmHome != null) {
            env.put("TORNADOVM_HOME", tornadoVmHome);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
