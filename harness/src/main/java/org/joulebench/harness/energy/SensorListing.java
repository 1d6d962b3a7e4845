package org.joulebench.harness.energy;

import java.util.List;

/**
 * One line of {@code joulebench list}: a sensor and whether it can be used here.
 *
 * @param id sensor id
 * @param description what it is
 * @param available whether it can be opened
 * @param reason why not, or a short note (zones, meter identity)
 * @param domains the domains it reports (or would)
 * @param method COUNTER, SAMPLED_POWER, EXTERNAL_METER or MODEL
 * @param tier A, B, C or ESTIMATE
 */
public record SensorListing(
        String id,
        String description,
        boolean available,
        String reason,
        List<String> domains,
        String method,
        String tier) {
    public SensorListing {
        domains = List.copyOf(domains);
    }
}
