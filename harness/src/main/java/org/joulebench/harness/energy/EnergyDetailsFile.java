package org.joulebench.harness.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.SensorInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text half of a fork's energy results, which JMH's numeric secondary results cannot carry: sensor
 * identity, zones, meter identity, tier, method, per-iteration errors and warnings. The profiler writes
 * {@code <detailsDir>/energy-<id>.json} after every measured iteration and reports {@code id} as the
 * secondary result {@value EnergyLabels#DETAILS_ID}; {@link EnergyRecords#fromJmh} finds it by that id.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param benchmark JMH benchmark id (with params)
 * @param selection how the sensors were chosen
 * @param sensors the opened sensors
 * @param openFailures sensors that could not be opened, with why
 * @param idleMillis length of the idle window ({@code 0}: none)
 * @param idle the idle window's channels
 * @param iterations every measured iteration
 */
public record EnergyDetailsFile(
        int formatVersion,
        String benchmark,
        String selection,
        List<SensorEntry> sensors,
        Map<String, String> openFailures,
        long idleMillis,
        List<EnergyMeter.Channel> idle,
        List<Iteration> iterations) {
    public static final int FORMAT_VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public EnergyDetailsFile {
        sensors = List.copyOf(sensors);
        openFailures = openFailures == null ? Map.of() : Map.copyOf(openFailures);
        idle = idle == null ? List.of() : List.copyOf(idle);
        iterations = List.copyOf(iterations);
    }

    /** One opened sensor and the minimum window it needs. */
    public record SensorEntry(SensorInfo info, double minimumWindowMillis) {}

    /** One measured iteration. */
    public record Iteration(
            int index, long allOps, long measuredOps, List<EnergyMeter.Channel> channels, List<String> warnings) {
        public Iteration {
            channels = List.copyOf(channels);
            warnings = List.copyOf(warnings);
        }
    }

    public static Path path(Path dir, long id) {
        return dir.resolve("energy-" + id + ".json");
    }

    /** Writes atomically (temp file + move) so a reader never sees half a file. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static EnergyDetailsFile read(Path file) throws IOException {
        try {
            return JSON.readValue(Files.readString(file), EnergyDetailsFile.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException(file + ": not an energy details file: " + e.getOriginalMessage(), e);
        }
    }
}
