package org.joulebench.backend.external;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.RunnerEnergy;

/**
 * A runner's own energy reading as a sensor the harness reads around its windows ({@link
 * org.joulebench.energy.spi.BackendEnergySensors}): the cumulative sum of the joules the runner reported in its
 * {@code done} replies (one reading per {@code run n}, so a measured window, which spans whole batches, gets exactly
 * the joules of its batches). Its method is the runner's, bounded by {@link RunnerEnergy#recordedMethod} (never
 * tier A); its one domain is named after the runner's declared scope: {@code device} (the chip the kernel ran on,
 * by its hardware id), {@code node} or {@code host} (anything else).
 */
final class RunnerEnergySensor implements EnergySensor {
    private final String id;
    private final String domain;
    private final String name;
    private final Method method;
    private final DomainInfo domainInfo;
    private final Map<String, String> properties;

    private double joules;
    private long readings;
    private long firstNanos;
    private long lastNanos;

    RunnerEnergySensor(
            String id, String runnerLabel, String source, String declaredMethod, String declaredScope, String device) {
        this.id = id;
        this.method = RunnerEnergy.recordedMethod(declaredMethod);
        String scope = declaredScope == null ? "" : declaredScope.strip().toUpperCase(Locale.ROOT);
        if (scope.equals("DEVICE") && device != null && !device.isBlank()) {
            this.domain = "device";
            this.domainInfo = DomainInfo.device(domain, List.of(source), device);
        } else if (scope.equals("NODE")) {
            this.domain = "node";
            this.domainInfo = DomainInfo.node(domain, List.of(source), List.of());
        } else {
            this.domain = "host"; // unstated scope: never ranked as the chip
            this.domainInfo = DomainInfo.host(domain, List.of(source));
        }
        this.name = "runner " + runnerLabel + ": " + source;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("runner", runnerLabel);
        p.put("source", source);
        p.put("declaredMethod", RunnerProtocol.clip(String.valueOf(declaredMethod)));
        p.put("declaredScope", RunnerProtocol.clip(String.valueOf(declaredScope)));
        p.put("readings", "one per run n reply: a window's joules are those of the batches it spans");
        this.properties = Map.copyOf(p);
    }

    /** Adds one {@code done}'s joules, received at {@code nanos}. */
    synchronized void add(double reported, long nanos) {
        joules += reported;
        if (readings == 0) {
            firstNanos = nanos;
        }
        lastNanos = nanos;
        readings++;
    }

    /**
     * No update interval, declared or observed: the reading does not run on a clock of its own but changes once per
     * batch, and a window spans whole batches, so no update falls across a window's edge (the 10-updates rule of a
     * free-running counter does not apply). The mean time between readings is kept as a property.
     */
    @Override
    public synchronized SensorInfo info() {
        Map<String, String> p = new LinkedHashMap<>(properties);
        if (readings > 1) {
            p.put(
                    "millisBetweenReadings",
                    String.format(Locale.ROOT, "%.4g", (lastNanos - firstNanos) / 1e6 / (readings - 1)));
        }
        return new SensorInfo(id, name, method, method.tier(), List.of(domainInfo), null, null, null, null, null, p);
    }

    @Override
    public synchronized SensorReading read() {
        return new SensorReading(System.nanoTime(), Map.of(domain, joules), Map.of());
    }

    @Override
    public void close() {
        // nothing held: the runner's process belongs to the backend
    }
}
