package org.joulebench.results.record;

import java.util.List;
import java.util.Map;

/**
 * What a reader needs to judge an energy figure.
 *
 * @param name human name of the sensor (e.g. {@code RAPL powercap}, {@code NVML NVIDIA H100})
 * @param resolutionJoules smallest energy step the sensor reports, in joules ({@code null} unknown)
 * @param declaredUpdateIntervalMillis documented/assumed counter update period, ms
 * @param observedUpdateIntervalMillis update period probed on this machine, ms ({@code null} if not
 *     probed)
 * @param zones the zones read (e.g. {@code intel-rapl:0}, {@code intel-rapl:0:0})
 * @param meterIdentity the external meter's identify reply, else {@code null}
 * @param uncertaintyPercent the sensor's reported or documented uncertainty, else {@code null}
 * @param properties anything else (driver version, power limit, model assumptions)
 */
public record SensorDetails(
        String name,
        Double resolutionJoules,
        Double declaredUpdateIntervalMillis,
        Double observedUpdateIntervalMillis,
        List<String> zones,
        String meterIdentity,
        Double uncertaintyPercent,
        Map<String, String> properties) {
    public SensorDetails {
        zones = zones == null ? List.of() : List.copyOf(zones);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
