package org.joulebench.site.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the figure tests check the output with (poppler's pdffonts/pdftotext, pdflatex, python3 with
 * numpy): outside CI a missing one skips the test with the reason; in CI ({@code CI=true}, as {@code .ci/run}
 * sets) it fails, as the browser tests do.
 */
public final class Tools {
    private Tools() {}

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !Set.of("", "false", "0").contains(ci.strip().toLowerCase(Locale.ROOT));
    }

    /** Skips (or in CI fails) unless {@code command} runs; {@code probe} are its arguments for a harmless run. */
    public static void require(String what, String... probe) {
        boolean ok;
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        String reason = what + " is not installed (" + String.join(" ", probe)
                + " failed): .ci/run installs it; outside CI this test skips";
        if (inCi()) {
            assertThat(ok).as(reason).isTrue();
        }
        Assumptions.assumeTrue(ok, reason);
    }

    /** Runs a command in {@code dir}, returns its standard output; fails naming the command and its output. */
    public static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd)))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS))
                .as(String.join(" ", cmd) + " finished")
                .isTrue();
        assertThat(p.exitValue())
                .as(String.join(" ", cmd) + " failed:\n" + tail(out))
                .isZero();
        return out;
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
