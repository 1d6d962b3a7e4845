package org.joulebench.harness.energy;

import java.util.Collection;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorOptions;

/**
 * How long a measured window must be for a sensor's figure to mean something: at least {@value
 * #MIN_UPDATES} counter updates (tier B's rule); for sampled power also several of NVML's ~1 s averaging
 * windows, since on A100/H100 a power reading covers only part of each window (arXiv 2312.02741).
 */
public final class EnergyQuality {
    public static final int MIN_UPDATES = 10;
    /** NVML power usage is a ~1 s average on Ampere and later. */
    public static final double SAMPLED_POWER_AVERAGING_MILLIS = 1000;
    /** Windows of sampled power must span this many averaging windows. */
    public static final int SAMPLED_POWER_MIN_AVERAGING_WINDOWS = 5;
    /** Used when a sensor states no update interval. */
    public static final double UNKNOWN_UPDATE_MILLIS = 100;

    private EnergyQuality() {}

    /** Minimum window for one sensor, in milliseconds. */
    public static double minimumWindowMillis(SensorInfo info) {
        Double update = info.effectiveUpdateIntervalMillis();
        double u = update == null || update <= 0 ? UNKNOWN_UPDATE_MILLIS : update;
        double min = MIN_UPDATES * u;
        if (info.method() == org.joulebench.vocabulary.Method.SAMPLED_POWER) {
            min = Math.max(min, SAMPLED_POWER_MIN_AVERAGING_WINDOWS * SAMPLED_POWER_AVERAGING_MILLIS);
        }
        return min;
    }

    /** Minimum measurement-iteration length for all given sensors, in whole milliseconds. */
    public static long minimumIterationMillis(Collection<SensorInfo> sensors) {
        return (long) Math.ceil(sensors.stream()
                .mapToDouble(EnergyQuality::minimumWindowMillis)
                .max()
                .orElse(0));
    }

    /**
     * For the orchestrator, before it sets JMH's measurement time: opens the selected sensors here (for a
     * probed update period) and returns the minimum iteration length in ms; sensors that do not open are
     * left out (the fork will report them).
     */
    public static long minimumIterationMillis(EnergySensors sensors, SensorSelection selection) {
        EnergySensors.Opened opened = sensors.open(selection.sensorIds(), selection.options());
        try {
            return minimumIterationMillis(
                    opened.sensors().stream().map(EnergySensor::info).toList());
        } finally {
            opened.sensors().forEach(EnergySensor::close);
        }
    }

    /** Same, from a {@code --sensor} value. */
    public static long minimumIterationMillis(String sensorSpec, SensorOptions options) {
        EnergySensors all = EnergySensors.discover();
        return minimumIterationMillis(all, all.resolve(sensorSpec, options));
    }
}
