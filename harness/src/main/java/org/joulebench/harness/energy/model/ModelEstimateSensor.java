package org.joulebench.harness.energy.model;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * An estimate, never a measurement: power = TDP x process CPU utilisation, where utilisation is the CPU time
 * of the fork's process tree (the JVM and the processes it started, e.g. an external backend's runner: {@link
 * ProcessTreeCpu}) / (wall time x logical CPUs). Cumulatively that is energy = TDP x CPU time / CPUs, which is
 * what {@link #read()} returns. Idle and uncore power, other processes and frequency are not modelled.
 */
public final class ModelEstimateSensor implements EnergySensor {
    /** The assumption used when no {@code tdpWatts} is given. */
    public static final double DEFAULT_WATTS_PER_CPU = 15.0;

    private final double tdpWatts;
    private final int cpus;
    private final LongSupplier processCpuNanos;
    private final SensorInfo info;

    /** @param cpuHardwareId the CPU modelled ({@code cpu-socket:0}, {@code cpu-socket:0+1}): DEVICE scope */
    ModelEstimateSensor(
            double tdpWatts, boolean tdpAssumed, int cpus, LongSupplier processCpuNanos, String cpuHardwareId) {
        this.tdpWatts = tdpWatts;
        this.cpus = cpus;
        this.processCpuNanos = processCpuNanos;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("tdpWatts", Double.toString(tdpWatts));
        props.put(
                "tdpSource",
                tdpAssumed
                        ? "ASSUMED default " + DEFAULT_WATTS_PER_CPU + " W per logical CPU x " + cpus
                                + " (no tdpWatts option given)"
                        : "tdpWatts option");
        props.put("logicalCpus", Integer.toString(cpus));
        props.put(
                "model",
                "TDP x CPU time of the fork's process tree (the JVM and the processes it started, e.g. a runner)"
                        + " / (wall time x logical CPUs); an estimate, not a measurement");
        this.info = new SensorInfo(
                "model",
                "Model estimate (TDP x CPU utilisation)",
                Method.MODEL,
                Tier.ESTIMATE,
                List.of(DomainInfo.device("cpu-package", List.of("process-cpu-time"), cpuHardwareId)),
                null,
                // Process CPU time advances with the scheduler tick; 10 ms is a typical bound.
                10.0,
                null,
                null,
                null,
                props);
    }

    static LongSupplier jvmProcessCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun::getProcessCpuTime;
        }
        return () -> -1;
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public SensorReading read() {
        long now = System.nanoTime();
        long cpu = processCpuNanos.getAsLong();
        if (cpu < 0) {
            return new SensorReading(
                    now, Map.of(), Map.of("cpu-package", "process CPU time not available on this JVM"));
        }
        return new SensorReading(now, Map.of("cpu-package", tdpWatts * (cpu * 1e-9) / cpus), Map.of());
    }

    @Override
    public void close() {}
}
