package org.joulebench.harness.energy.ptd;

import java.util.ArrayList;
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
 * Several analysers read as one node domain, their energies summed: a server whose power supplies are
 * each on their own meter. The domain says which instances it adds ({@link DomainInfo#summedInstances()});
 * a window in which any meter fails is an error naming that meter, never a partial sum.
 */
public final class PtdMeterSum implements EnergySensor {
    private final Map<String, PtdSensor> meters;
    private final String domain;
    private final LongSupplier clock;

    /** @param meters instance id to its opened meter, in order */
    PtdMeterSum(Map<String, PtdSensor> meters, String domain, LongSupplier clock) {
        if (meters.size() < 2) {
            throw new IllegalArgumentException("a sum needs at least two meters");
        }
        this.meters = new LinkedHashMap<>(meters);
        this.domain = domain;
        this.clock = clock;
    }

    @Override
    public SensorInfo info() {
        List<String> zones = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        Map<String, String> props = new LinkedHashMap<>();
        Double interval = null;
        Double uncertainty = null;
        for (var e : meters.entrySet()) {
            SensorInfo m = e.getValue().info();
            zones.add(e.getKey() + "=" + e.getValue().zone());
            identities.add(e.getKey() + ": " + m.meterIdentity());
            m.properties().forEach((k, v) -> props.put(e.getKey() + "." + k, v));
            interval = max(interval, m.declaredUpdateIntervalMillis());
            uncertainty = max(uncertainty, m.uncertaintyPercent());
        }
        props.put("summed", String.join(" + ", meters.keySet()));
        return new SensorInfo(
                "ptd",
                "PTDaemon sum of " + meters.size() + " meters (" + String.join(" + ", meters.keySet()) + ")",
                Method.EXTERNAL_METER,
                Tier.A,
                List.of(DomainInfo.node(domain, zones, List.copyOf(meters.keySet()))),
                null,
                interval,
                null,
                String.join("; ", identities),
                uncertainty,
                props);
    }

    /** The larger, ignoring unknowns ({@code null}). */
    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }

    @Override
    public void beginWindow(String label) {
        meters.values().forEach(m -> m.beginWindow(label));
    }

    @Override
    public void endWindow() {
        meters.values().forEach(PtdSensor::endWindow);
    }

    @Override
    public SensorReading read() {
        long now = clock.getAsLong();
        double sum = 0;
        List<String> errors = new ArrayList<>();
        for (var e : meters.entrySet()) {
            SensorReading r = e.getValue().read();
            String error = r.errors().get(e.getValue().domain());
            Double joules = r.joules().get(e.getValue().domain());
            if (error != null || joules == null) {
                errors.add(e.getKey() + ": " + (error != null ? error : "no value"));
            } else {
                sum += joules;
            }
        }
        if (!errors.isEmpty()) {
            return new SensorReading(now, Map.of(), Map.of(domain, String.join("; ", errors)));
        }
        return new SensorReading(now, Map.of(domain, sum), Map.of());
    }

    @Override
    public List<String> drainWarnings() {
        List<String> out = new ArrayList<>();
        meters.forEach((id, m) -> m.drainWarnings().forEach(w -> out.add(id + ": " + w)));
        return out;
    }

    @Override
    public void close() {
        meters.values().forEach(PtdSensor::close);
    }
}
