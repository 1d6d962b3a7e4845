package org.joulebench.harness.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;

/** Calibrations on disk, one JSON file per machine: {@code local/calibration/<machine-key>.json}. */
public final class CalibrationStore {
    private final Path dir;

    public CalibrationStore(Path dir) {
        this.dir = dir;
    }

    /** {@code local/calibration} in the joulebench folder. */
    public static CalibrationStore standard() {
        return new CalibrationStore(BuildInfo.home().resolve("local").resolve("calibration"));
    }

    public Path dir() {
        return dir;
    }

    /** The machine key: CPU model, logical cores and host name, lower-cased to a file name. */
    public static String machineKey(EnvironmentInfo env) {
        return machineKey(env.cpuModel(), env.logicalCores(), env.hostname());
    }

    static String machineKey(String cpuModel, int logicalCores, String hostname) {
        String raw = (cpuModel == null ? "unknown-cpu" : cpuModel) + "-" + logicalCores + "c-"
                + (hostname == null ? "unknown-host" : hostname);
        String key = raw.toLowerCase(Locale.ROOT)
                .replaceAll("\\(r\\)|\\(tm\\)", "")
                .replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^[^a-z0-9]+|-+$", "");
        return key.length() > 160 ? key.substring(0, 160).replaceAll("[^a-z0-9]+$", "") : key;
    }

    public Path file(String machineKey) {
        return dir.resolve(machineKey + ".json");
    }

    /** The stored calibration of this machine, if any (one that cannot be read counts as none). */
    public Optional<Calibration> load(String machineKey) {
        Path f = file(machineKey);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(Files.readAllBytes(f), Calibration.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically (a temp file, then a rename); returns the file. */
    public Path save(Calibration c) throws IOException {
        Files.createDirectories(dir);
        Path f = file(c.machineKey());
        Json.writeAtomically(f, Json.toBytes(c));
        return f;
    }
}
