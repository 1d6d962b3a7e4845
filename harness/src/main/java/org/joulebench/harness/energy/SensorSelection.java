package org.joulebench.harness.energy;

import java.util.List;
import org.joulebench.energy.spi.SensorOptions;

/**
 * What {@code --sensor} resolved to.
 *
 * @param sensorIds the sensors to open, in order
 * @param explanation what was picked and why, e.g. {@code auto: rapl for cpu-package, dram; nvml for
 *     gpu-board (msr skipped: ...)}; goes into the record's {@code selection}
 * @param options provider options (roots, tdpWatts, ptdHost/ptdPort, ...)
 */
public record SensorSelection(List<String> sensorIds, String explanation, SensorOptions options) {
    public SensorSelection {
        sensorIds = List.copyOf(sensorIds);
    }

    /** Whether anything can be measured or estimated at all. */
    public boolean isEmpty() {
        return sensorIds.isEmpty();
    }

    /**
     * The option string for {@code -prof org.joulebench.harness.energy.EnergyProfiler:<options>} (or
     * {@code new ProfilerConfig(EnergyProfiler.class.getName(), options)} / {@code
     * OptionsBuilder.addProfiler(EnergyProfiler.class, options)}).
     *
     * @param targetDevices hardware ids of the devices the case runs on ({@code DeviceInfo#hardwareId}):
     *     per-device sensors (NVML) open only these, and only their domains are DEVICE scope; empty when
     *     not known
     */
    public String profilerOptions(List<String> targetDevices) {
        SensorOptions o = options.with("sensor", String.join(",", sensorIds))
                .with("selection", explanation.replace(';', ','))
                .with(EnergyProfiler.REPORT, EnergyProfiler.TYPED);
        List<String> targets = targetDevices.stream()
                .filter(t -> t != null && !t.isBlank())
                .map(String::strip)
                .toList();
        for (String t : targets) {
            if (t.contains(",") || t.contains(";")) {
                throw new IllegalArgumentException("hardware id '" + t + "' contains ',' or ';'");
            }
        }
        if (!targets.isEmpty()) {
            o = o.with(SensorOptions.TARGET_DEVICES, String.join(",", targets));
        }
        return o.format();
    }
}
