package org.joulebench.harness.energy.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.vocabulary.HardwareIds;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * Options: {@code tdpWatts} (declared package power; without it a labelled default assumption); the CPU it
 * models (DEVICE scope) is the {@code devices} target when that is a {@code cpu-socket:...} id, else the
 * packages named by the {@code physical id} lines of {@code cpuinfo} (default {@code /proc/cpuinfo}).
 */
public class ModelEstimateProvider implements EnergySensorProvider {

    @Override
    public Set<String> optionKeys() {
        return Set.of("tdpWatts", "cpuinfo");
    }

    @Override
    public String id() {
        return "model";
    }

    @Override
    public String description() {
        return "ESTIMATE from declared power (TDP x process CPU utilisation); never a measurement";
    }

    @Override
    public int preference() {
        return 1000;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        return new SensorProbe(
                true,
                options.get("tdpWatts").isPresent()
                        ? "tdpWatts=" + options.get("tdpWatts", "")
                        : "no tdpWatts given: assumes " + ModelEstimateSensor.DEFAULT_WATTS_PER_CPU
                                + " W per logical CPU",
                List.of("cpu-package"),
                Method.MODEL,
                Tier.ESTIMATE);
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        int cpus = Runtime.getRuntime().availableProcessors();
        var tdp = options.getDouble("tdpWatts");
        if (tdp.isPresent() && tdp.get() <= 0) {
            throw new SensorException("tdpWatts=" + tdp.get() + " must be positive");
        }
        return new ModelEstimateSensor(
                tdp.orElse(ModelEstimateSensor.DEFAULT_WATTS_PER_CPU * cpus),
                tdp.isEmpty(),
                cpus,
                ModelEstimateSensor.jvmProcessCpuNanos(),
                cpuHardwareId(options));
    }

    /** The CPU modelled: a {@code cpu-socket:...} target device, else the sockets in cpuinfo. */
    static String cpuHardwareId(SensorOptions options) {
        for (String t : options.targetDevices()) {
            if (HardwareIds.sockets(t).isPresent()) {
                return t;
            }
        }
        return HardwareIds.cpuSocketsOf(Path.of(options.get("cpuinfo", "/proc/cpuinfo")));
    }
}
