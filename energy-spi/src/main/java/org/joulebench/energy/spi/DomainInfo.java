package org.joulebench.energy.spi;

import java.util.List;

/**
 * One energy domain a sensor reports.
 *
 * @param domain {@code cpu-package}, {@code dram}, {@code gpu-board}, {@code node-wall}, ...
 * @param zones what is read for it (e.g. {@code intel-rapl:0}, {@code intel-rapl:1}); more than one zone
 *     means the domain is their sum, and says so
 */
public record DomainInfo(String domain, List<String> zones) {
    public DomainInfo {
        zones = List.copyOf(zones);
    }
}
