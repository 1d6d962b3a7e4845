package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.energy.spi.Tier;
import org.junit.jupiter.api.Test;

class EnergyMeterTest {

    /** Returns scripted readings in order. */
    static final class Scripted implements EnergySensor {
        final Deque<SensorReading> readings = new ArrayDeque<>();
        final SensorInfo info;

        Scripted(String id, Method method, String... domains) {
            info = new SensorInfo(
                    id,
                    id,
                    method,
                    Tier.of(method),
                    java.util.Arrays.stream(domains)
                            .map(d -> new DomainInfo(d, List.of(d)))
                            .toList(),
                    1e-6,
                    1.0,
                    null,
                    null,
                    null,
                    Map.of());
        }

        Scripted then(long nanos, Map<String, Double> joules, Map<String, String> errors) {
            readings.add(new SensorReading(nanos, joules, errors));
            return this;
        }

        @Override
        public SensorInfo info() {
            return info;
        }

        @Override
        public SensorReading read() {
            SensorReading r = readings.poll();
            if (r == null) {
                throw new IllegalStateException("script exhausted");
            }
            return r;
        }

        @Override
        public void close() {}
    }

    @Test
    void differencesPerDomainWithFaultsNamed() {
        Scripted s = new Scripted("rapl", Method.COUNTER, "cpu-package", "dram", "x", "y")
                .then(0, Map.of("cpu-package", 10.0, "dram", 5.0, "x", 1.0, "y", 2.0), Map.of())
                .then(
                        2_000_000_000L,
                        Map.of("cpu-package", 13.0, "dram", Double.NaN, "x", 0.5),
                        Map.of("y", "permission denied"));
        EnergyMeter m = new EnergyMeter(List.of(s));
        m.begin("w");
        EnergyMeter.Window w = m.end();
        Map<String, EnergyMeter.Channel> byDomain = new java.util.HashMap<>();
        w.channels().forEach(c -> byDomain.put(c.domain(), c));
        assertThat(byDomain.get("cpu-package").joules()).isCloseTo(3.0, within(1e-12));
        assertThat(byDomain.get("cpu-package").seconds()).isCloseTo(2.0, within(1e-12));
        assertThat(byDomain.get("cpu-package").shortWindow()).isFalse();
        assertThat(byDomain.get("dram").joules()).isNull();
        assertThat(byDomain.get("dram").error()).isEqualTo("sensor returned NaN");
        assertThat(byDomain.get("x").error()).startsWith("counter went backwards");
        assertThat(byDomain.get("y").error()).isEqualTo("permission denied");
    }

    @Test
    void aThrowingSensorIsAnErrorAndOthersAreKept() {
        Scripted good = new Scripted("a", Method.COUNTER, "cpu-package")
                .then(0, Map.of("cpu-package", 1.0), Map.of())
                .then(1_000_000, Map.of("cpu-package", 1.5), Map.of());
        Scripted broken = new Scripted("b", Method.SAMPLED_POWER, "gpu-board"); // throws on read
        EnergyMeter m = new EnergyMeter(List.of(good, broken));
        m.begin("w");
        EnergyMeter.Window w = m.end();
        assertThat(w.channels()).hasSize(2);
        assertThat(w.channels().get(0).joules()).isCloseTo(0.5, within(1e-12));
        // 1 ms window, minimum is 10 updates of 1 ms
        assertThat(w.channels().get(0).shortWindow()).isTrue();
        assertThat(w.channels().get(1).error()).contains("reading failed").contains("script exhausted");
        assertThat(w.channels().get(1).tier()).isEqualTo("C");
    }

    @Test
    void minimumWindowsFollowTheRules() {
        SensorInfo counter =
                new SensorInfo("nvml", "n", Method.COUNTER, Tier.B, List.of(), 1e-3, 100.0, 25.0, null, null, Map.of());
        SensorInfo sampled = new SensorInfo(
                "nvml", "n", Method.SAMPLED_POWER, Tier.C, List.of(), null, 100.0, null, null, null, Map.of());
        assertThat(EnergyQuality.minimumWindowMillis(counter)).isEqualTo(250.0); // observed wins over declared
        assertThat(EnergyQuality.minimumWindowMillis(sampled)).isEqualTo(5000.0);
        assertThat(EnergyQuality.minimumIterationMillis(List.of(counter, sampled)))
                .isEqualTo(5000);
    }
}
