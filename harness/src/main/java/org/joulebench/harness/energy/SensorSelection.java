package org.joulebench.harness.energy;

import java.nio.file.Path;
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
     * @param detailsDir where forks write their details files ({@code null}: the default)
     */
    public String profilerOptions(Path detailsDir) {
        SensorOptions o =
                options.with("sensor", String.join(",", sensorIds)).with("selection", explanation.replace(';', ','));
        if (detailsDir != null) {
            o = o.with("detailsDir", detailsDir.toAbsolutePath().toString());
        }
        return o.format();
    }
}
