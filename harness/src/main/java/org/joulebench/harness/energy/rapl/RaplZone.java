package org.joulebench.harness.energy.rapl;

import java.nio.file.Path;

/**
 * One powercap RAPL zone.
 *
 * @param id directory name, e.g. {@code intel-rapl:0:1}
 * @param dir the zone directory
 * @param name contents of its {@code name} file, e.g. {@code package-0}, {@code dram}
 * @param domain the joulebench domain it belongs to
 * @param maxEnergyRangeMicrojoules the counter wraps after this value ({@code max_energy_range_uj})
 */
record RaplZone(String id, Path dir, String name, String domain, long maxEnergyRangeMicrojoules) {

    /** Maps a powercap zone name to a domain; zones of the same kind on several sockets share one. */
    static String domainOf(String zoneName) {
        if (zoneName.startsWith("package")) {
            return "cpu-package";
        }
        return switch (zoneName) {
            case "dram" -> "dram";
            case "core" -> "cpu-cores";
            case "uncore" -> "cpu-uncore";
            case "psys" -> "platform";
            default -> zoneName;
        };
    }
}
