package org.joulebench.backend.tornadovm;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joulebench.kernels.spi.DeviceInfo;

/**
 * Finds TornadoVM's devices without loading TornadoVM into this JVM: starts {@link DeviceLister} in a
 * child JVM with TornadoVM's argfile and reads one {@link DeviceRow} per line.
 *
 * @param rows the devices found (empty when {@code error} is set or there are none)
 * @param error why listing failed, {@code null} when it worked
 */
record SdkProbe(List<DeviceRow> rows, String error) {
    private static final long TIMEOUT_SECONDS = 120;

    static SdkProbe run(Path argfile) {
        Path err = null;
        try {
            err = Files.createTempFile("joulebench-tornadovm", ".err");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, "@" + argfile, "-cp", ownClassPath(), DeviceLister.class.getName());
            Process p = new ProcessBuilder(cmd)
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new SdkProbe(List.of(), "TornadoVM device listing did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                return new SdkProbe(List.of(), "TornadoVM could not start with " + argfile + ": " + lastLine(err));
            }
            List<DeviceRow> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.chars().filter(c -> c == '\t').count() == 7) {
                    rows.add(DeviceRow.parse(line));
                }
            }
            return new SdkProbe(List.copyOf(rows), null);
        } catch (IOException e) {
            return new SdkProbe(List.of(), "could not start TornadoVM's JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SdkProbe(List.of(), "interrupted while listing TornadoVM devices");
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }

    List<DeviceInfo> devices() {
        return rows.stream().map(r -> r.toDeviceInfo(Path.of("/proc/cpuinfo"))).toList();
    }

    /** This module's classes and the kernels API they use, wherever they were loaded from. */
    private static String ownClassPath() throws IOException {
        try {
            return Path.of(DeviceLister.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    + File.pathSeparator
                    + Path.of(DeviceInfo.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the tornadovm backend's classes: " + e.getMessage(), e);
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("WARNING"))
                .toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
    }
}
