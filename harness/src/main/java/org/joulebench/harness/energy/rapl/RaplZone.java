package org.joulebench.harness.energy.rapl;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joulebench.vocabulary.HardwareIds;

/**
 * One powercap RAPL zone.
 *
 * @param id directory name, e.g. {@code intel-rapl:0:1}
 * @param dir the zone directory
 * @param name contents of its {@code name} file, e.g. {@code package-0}, {@code dram}
 * @param socket the CPU package it belongs to (from its own or its parent zone's {@code package-N} name);
 *     {@code null} for a zone of no package ({@code psys})
 * @param maxEnergyRangeMicrojoules the counter wraps after this value ({@code max_energy_range_uj})
 */
record RaplZone(String id, Path dir, String name, Integer socket, long maxEnergyRangeMicrojoules) {
    private static final Pattern PACKAGE = Pattern.compile("package-(\\d+)(-die-(\\d+))?");

    /** The socket a {@code package-N} or {@code package-N-die-M} zone name names, else {@code null}. */
    static Integer socketOf(String zoneName) {
        Matcher m = PACKAGE.matcher(zoneName);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Whether this zone is a whole package (or one die of it). */
    boolean isPackage() {
        return name.startsWith("package");
    }

    /**
     * The joulebench domain: {@code cpu-package-N} (or {@code cpu-package-N-die-M}), {@code dram-N}, {@code
     * cpu-cores-N}, {@code cpu-uncore-N}, {@code platform} ({@code psys}); other zone names as they are,
     * with the socket appended.
     */
    String domain() {
        if (isPackage()) {
            return "cpu-" + name;
        }
        String base = switch (name) {
            case "core" -> "cpu-cores";
            case "uncore" -> "cpu-uncore";
            case "psys" -> "platform";
            default -> name;
        };
        return socket == null || name.equals("psys") ? base : base + "-" + socket;
    }

    /**
     * DEVICE scope for a whole package (its socket), HOST for everything else: DRAM is memory beside the
     * chip, core and uncore are parts of the package (DEVICE too would count them twice), psys is the
     * platform.
     */
    String scopeDevice() {
        return isPackage() && socket != null ? HardwareIds.cpuSocket(socket) : null;
    }
}
