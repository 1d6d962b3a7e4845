package org.joulebench.harness.energy;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.SensorInfo;

/**
 * What the energy profiler in a JMH fork reports for one measured iteration: the payload of {@link
 * EnergyReportResult}. Serializable, as everything in it: JMH ships results from the fork to the parent
 * with Java serialization.
 *
 * @param setup the fork's sensors and idle window (the same object for all iterations of a fork)
 * @param iteration measured iteration within the fork, from 1
 * @param allOps JMH operations in the iteration (the window spans all of them)
 * @param measuredOps JMH's measured operations (without synchronisation ramps; equal for one thread)
 * @param windows one window per sensor domain
 * @param warnings quality notes the sensors raised during the window
 * @param backendSensors sensors a backend published ({@link org.joulebench.energy.spi.BackendEnergySensors}) and
 *     read around this window, as they described themselves at its end; their domains' windows are in {@code
 *     windows}
 */
public record EnergyReport(
        Setup setup,
        int iteration,
        long allOps,
        long measuredOps,
        List<EnergyMeter.DomainWindow> windows,
        List<String> warnings,
        List<SensorEntry> backendSensors)
        implements Serializable {
    public EnergyReport {
        windows = List.copyOf(windows);
        warnings = List.copyOf(warnings);
        backendSensors = backendSensors == null ? List.of() : List.copyOf(backendSensors);
    }

    /** A report of the selected sensors alone (no backend published one). */
    public EnergyReport(
            Setup setup,
            int iteration,
            long allOps,
            long measuredOps,
            List<EnergyMeter.DomainWindow> windows,
            List<String> warnings) {
        this(setup, iteration, allOps, measuredOps, windows, warnings, List.of());
    }

    /**
     * One fork's sensors.
     *
     * @param benchmark JMH benchmark id (with params)
     * @param selection how the sensors were chosen
     * @param targetDevices hardware ids of the devices the case runs on ({@code devices} option; empty
     *     when not given)
     * @param sensors the opened sensors
     * @param openFailures sensors that could not be opened, with why
     * @param idleMillis requested length of the idle window ({@code 0}: none)
     * @param idle the idle window, per domain (empty when none)
     */
    public record Setup(
            String benchmark,
            String selection,
            List<String> targetDevices,
            List<SensorEntry> sensors,
            Map<String, String> openFailures,
            long idleMillis,
            List<EnergyMeter.DomainWindow> idle)
            implements Serializable {
        public Setup {
            targetDevices = List.copyOf(targetDevices);
            sensors = List.copyOf(sensors);
            openFailures = openFailures == null ? Map.of() : Map.copyOf(openFailures);
            idle = idle == null ? List.of() : List.copyOf(idle);
        }
    }

    /** One opened sensor and the minimum window it needs ({@link EnergyQuality}), ms. */
    public record SensorEntry(SensorInfo info, double minimumWindowMillis) implements Serializable {}
}
