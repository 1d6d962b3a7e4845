package org.joulebench.energy.spi;

import java.util.List;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * A provider's cheap look at this machine, for listing and auto-selection; touches no native library
 * beyond checking it can be found.
 *
 * @param available whether {@link EnergySensorProvider#open} is expected to work
 * @param reason why not (or a short note when available, e.g. the zones found)
 * @param domains domains it would report (may be empty when unavailable)
 * @param method method it would use
 * @param tier tier it would have
 */
public record SensorProbe(boolean available, String reason, List<String> domains, Method method, Tier tier) {
    public SensorProbe {
        domains = List.copyOf(domains);
    }

    public static SensorProbe unavailable(String reason, List<String> domains, Method method) {
        return new SensorProbe(false, reason, domains, method, method.tier());
    }
}
