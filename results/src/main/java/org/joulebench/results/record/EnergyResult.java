package org.joulebench.results.record;

import java.util.List;

/**
 * The energy section of a result: one entry per measured domain. Domains are never summed silently:
 * a sum, where one is given, is its own entry saying what it adds.
 *
 * @param selection how the sensors were chosen (e.g. {@code auto: rapl for cpu-package, dram})
 * @param domains per-domain figures
 * @param warnings quality warnings (window shorter than 10 counter updates, few samples, ...)
 */
public record EnergyResult(String selection, List<DomainEnergy> domains, List<String> warnings) {
    public EnergyResult {
        domains = List.copyOf(domains);
        warnings = List.copyOf(warnings);
    }
}
