package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code joulebench} launcher script, run by bash in an environment without {@code HOME} (cron,
 * systemd, {@code env -i}): it finds the JDK named by {@code JAVA_HOME} and starts the CLI. The script is
 * copied beside an already built (stand-in) jar so that it does not build; the CLI's classes come from this
 * test's class path through {@code JOULEBENCH_CLASSPATH}.
 */
class LauncherEnvironmentTest {

    @Test
    void runsWithHomeUnsetAndJavaHomeValid(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("joulebench");
        Files.copy(Path.of("../joulebench"), launcher);
        Path jar = dir.resolve("harness/target/joulebench-harness.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]); // newer than every source (there are none here): no build
        // built without the optional TornadoVM backend, as this environment (no TORNADOVM_HOME) asks
        Files.writeString(jar.resolveSibling("optional-backends.env"), "TORNADOVM_HOME=\n");
        ProcessBuilder pb =
                new ProcessBuilder(List.of("bash", launcher.toString(), "--help")).redirectErrorStream(true);
        var env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JOULEBENCH_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain("unbound variable").doesNotContain("joulebench: no JDK");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Usage: joulebench");
    }
}
