package org.joulebench.harness.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.joulebench.results.record.HarnessInfo;

/** The harness version (from the build) and the git revision of the source tree it runs from. */
public final class BuildInfo {
    /** System property the launcher sets to the joulebench checkout; the working directory otherwise. */
    public static final String HOME_PROPERTY = "joulebench.home";

    private BuildInfo() {}

    public static Path home() {
        return Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    }

    public static String harnessVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/joulebench/harness/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static HarnessInfo capture() {
        Path home = home();
        String commit = git(home, "rev-parse", "HEAD");
        Boolean dirty = null;
        if (commit != null) {
            String status = git(home, "status", "--porcelain");
            dirty = status == null ? null : !status.isBlank();
        }
        return new HarnessInfo(harnessVersion(), commit, dirty, jmhVersion());
    }

    static String jmhVersion() {
        try {
            return org.openjdk.jmh.util.Version.getPlainVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /** Output of a git command in {@code dir}, trimmed; {@code null} when git is missing or fails. */
    static String git(Path dir, String... args) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out.strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
