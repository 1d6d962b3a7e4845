package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.Conditions;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.PowerSample;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;

class EnergyMeterTest {

    /** Returns scripted readings in order. */
    static class Scripted implements EnergySensor {
        final Deque<SensorReading> readings = new ArrayDeque<>();
        final SensorInfo info;

        Scripted(String id, Method method, String... domains) {
            info = new SensorInfo(
                    id,
                    id,
                    method,
                    method.tier(),
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
        Map<String, EnergyMeter.DomainWindow> byDomain = new java.util.HashMap<>();
        w.domains().forEach(c -> byDomain.put(c.domain(), c));
        assertThat(byDomain.get("cpu-package").joules()).isCloseTo(3.0, within(1e-12));
        assertThat(byDomain.get("cpu-package").seconds()).isCloseTo(2.0, within(1e-12));
        // the raw readings behind the figure
        assertThat(byDomain.get("cpu-package").startJoules()).isEqualTo(10.0);
        assertThat(byDomain.get("cpu-package").endJoules()).isEqualTo(13.0);
        assertThat(byDomain.get("cpu-package").startNanos()).isZero();
        assertThat(byDomain.get("cpu-package").endNanos()).isEqualTo(2_000_000_000L);
        assertThat(byDomain.get("cpu-package").sampled()).isFalse();
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
        assertThat(w.domains()).hasSize(2);
        assertThat(w.domains().get(0).joules()).isCloseTo(0.5, within(1e-12));
        assertThat(w.domains().get(1).error()).contains("reading failed").contains("script exhausted");
        assertThat(w.domains().get(1).sensorId()).isEqualTo("b");
    }

    /** A sampling sensor whose samples are scripted, with device conditions that change. */
    static final class Sampling extends Scripted {
        final java.util.List<PowerSample> pending = new java.util.ArrayList<>();
        double temperature = 30;

        Sampling() {
            super("s", Method.SAMPLED_POWER, "gpu-board");
        }

        @Override
        public boolean providesSamples() {
            return true;
        }

        @Override
        public SensorReading read() {
            SensorReading r = super.read();
            pending.add(new PowerSample(r.nanoTime(), 100));
            return r;
        }

        @Override
        public Map<String, List<PowerSample>> drainSamples() {
            List<PowerSample> out = List.copyOf(pending);
            pending.clear();
            return Map.of("gpu-board", out);
        }

        @Override
        public Map<String, Map<String, Double>> conditions() {
            temperature += 10;
            return Map.of("gpu-board", Map.of(Conditions.TEMPERATURE_C, temperature));
        }
    }

    @Test
    void samplingSensorsGiveTheirSamplesWithinTheWindowAndConditionsAtBothEnds() {
        Sampling s = new Sampling();
        s.then(1_000, Map.of("gpu-board", 0.0), Map.of()).then(3_000_000_000L, Map.of("gpu-board", 1.0), Map.of());
        s.pending.add(new PowerSample(500, 999)); // before the window: dropped at begin
        EnergyMeter m = new EnergyMeter(List.of(s));
        m.begin("w");
        s.pending.add(new PowerSample(1_000_001_000L, 300)); // a background sample inside
        s.pending.add(new PowerSample(4_000_000_000L, 999)); // stamped after the end reading: not this window's
        EnergyMeter.DomainWindow w = m.end().domains().getFirst();
        assertThat(w.sampled()).isTrue();
        assertThat(w.samples()).extracting(PowerSample::watts).containsExactly(100.0, 300.0, 100.0);
        // trapezoid: (100 + 300) / 2 x 1 s + (300 + 100) / 2 x 2 s = 200 + 400 J
        assertThat(w.joules()).isCloseTo(600.0, within(1e-3));
        assertThat(w.conditionsAtStart()).containsEntry(Conditions.TEMPERATURE_C, 40.0);
        assertThat(w.conditionsAtEnd()).containsEntry(Conditions.TEMPERATURE_C, 50.0);

        Sampling one = new Sampling();
        one.then(0, Map.of("gpu-board", 0.0), Map.of()).then(10, Map.of("gpu-board", 0.0), Map.of());
        EnergyMeter m1 = new EnergyMeter(List.of(one));
        m1.begin("w");
        one.pending.clear(); // a sensor that lost its start sample
        assertThat(m1.end().domains().getFirst().error()).contains("1 power samples in the window");
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
