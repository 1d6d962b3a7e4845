package org.joulebench.energy.spi;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * What an opened sensor is: enough for a reader to judge its figures. Serializable: the JMH fork sends it
 * to the parent inside the energy report.
 *
 * @param id sensor id ({@code rapl}, {@code msr}, {@code nvml}, {@code ptd}, {@code model}, ...)
 * @param name human name (e.g. {@code RAPL powercap}, {@code NVML NVIDIA H100 80GB HBM3})
 * @param method how energy is obtained
 * @param tier quality tier
 * @param domains the domains reported
 * @param resolutionJoules smallest energy step, J ({@code null} unknown)
 * @param declaredUpdateIntervalMillis documented/assumed update period, ms ({@code null} unknown)
 * @param observedUpdateIntervalMillis update period probed on this machine, ms ({@code null} not probed)
 * @param meterIdentity an external meter's identify reply, else {@code null}
 * @param uncertaintyPercent reported or documented uncertainty, else {@code null}
 * @param properties anything else (driver version, power limit, model assumptions, summed zones)
 */
public record SensorInfo(
        String id,
        String name,
        Method method,
        Tier tier,
        List<DomainInfo> domains,
        Double resolutionJoules,
        Double declaredUpdateIntervalMillis,
        Double observedUpdateIntervalMillis,
        String meterIdentity,
        Double uncertaintyPercent,
        Map<String, String> properties)
        implements Serializable {
    public SensorInfo {
        domains = List.copyOf(domains);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The update period to plan windows with: observed if probed, else declared. */
    public Double effectiveUpdateIntervalMillis() {
        return observedUpdateIntervalMillis != null ? observedUpdateIntervalMillis : declaredUpdateIntervalMillis;
    }
}
