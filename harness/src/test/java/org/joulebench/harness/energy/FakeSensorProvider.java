package org.joulebench.harness.energy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * A plug-in sensor registered only through test resources' META-INF/services (no code refers to it):
 * proves a sensor on the class path is picked up. It draws a constant {@code fakeWatts} (default 50 W)
 * on domain {@code fake-board}, a DEVICE-scope domain of board {@link #DEVICE}.
 */
public class FakeSensorProvider implements EnergySensorProvider {
    /** The hardware id of the board it pretends to measure (option {@code fakeDevice}). */
    public static final String DEVICE = "0000:fa:00.0";

    @Override
    public Set<String> optionKeys() {
        return Set.of("fakeWatts", "fakeDevice");
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String description() {
        return "test plug-in: constant power";
    }

    @Override
    public boolean autoSelectable() {
        return false;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        return new SensorProbe(true, "always", List.of("fake-board"), Method.COUNTER, Tier.B);
    }

    @Override
    public EnergySensor open(SensorOptions options) {
        double watts = options.getDouble("fakeWatts").orElse(50.0);
        long t0 = System.nanoTime();
        SensorInfo info = new SensorInfo(
                "fake",
                "Fake constant-power sensor",
                Method.COUNTER,
                Tier.B,
                List.of(DomainInfo.device("fake-board", List.of("fake:0"), options.get("fakeDevice", DEVICE))),
                1e-6,
                1.0,
                null,
                null,
                0.5,
                Map.of("watts", Double.toString(watts)));
        return new EnergySensor() {
            @Override
            public SensorInfo info() {
                return info;
            }

            @Override
            public SensorReading read() {
                long now = System.nanoTime();
                return new SensorReading(now, Map.of("fake-board", watts * (now - t0) * 1e-9), Map.of());
            }

            @Override
            public void close() {}
        };
    }
}
