package org.joulebench.harness.energy.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.junit.jupiter.api.Test;

/** Reads the machine's own RAPL counters when the kernel exposes them and they are readable. */
class RaplRealHardwareTest {

    @Test
    void readsTheRealCounterWhenThereIsOne() throws Exception {
        SensorProbe p = new RaplPowercapProvider().probe(SensorOptions.none());
        assumeTrue(p.available(), "RAPL is not readable on this machine: " + p.reason());
        try (EnergySensor s = new RaplPowercapProvider().open(SensorOptions.none())) {
            assertThat(s.info().domains()).extracting(d -> d.domain()).contains("cpu-package-0");
            SensorReading a = s.read();
            long until = System.nanoTime() + 300_000_000L;
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1); // keep the package busy so the counter must move
            }
            SensorReading b = s.read();
            assertThat(sink).isPositive();
            assertThat(b.errors()).isEmpty();
            // a busy package over 0.3 s uses well over a millijoule; the counter is unwrapped by the sensor
            assertThat(b.joules().get("cpu-package-0") - a.joules().get("cpu-package-0"))
                    .isGreaterThan(1e-3);
        }
    }
}
