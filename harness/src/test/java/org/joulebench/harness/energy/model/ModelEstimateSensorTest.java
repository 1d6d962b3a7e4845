package org.joulebench.harness.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.Tier;
import org.junit.jupiter.api.Test;

class ModelEstimateSensorTest {

    @Test
    void energyIsTdpTimesCpuTimeOverCpus() {
        AtomicLong cpuNanos = new AtomicLong(0);
        ModelEstimateSensor s = new ModelEstimateSensor(120, false, 4, cpuNanos::get);
        assertThat(s.info().tier()).isEqualTo(Tier.ESTIMATE);
        assertThat(s.info().method()).isEqualTo(Method.MODEL);
        double e0 = s.read().joules().get("cpu-package");
        cpuNanos.set(2_000_000_000L); // 2 CPU-seconds on 4 CPUs at 120 W: 60 J
        assertThat(s.read().joules().get("cpu-package") - e0).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void defaultTdpIsLabelledAnAssumption() throws Exception {
        try (EnergySensor s = new ModelEstimateProvider().open(SensorOptions.none())) {
            assertThat(s.info().properties().get("tdpSource")).startsWith("ASSUMED");
        }
        try (EnergySensor s =
                new ModelEstimateProvider().open(SensorOptions.none().with("tdpWatts", "65"))) {
            assertThat(s.info().properties())
                    .containsEntry("tdpWatts", "65.0")
                    .containsEntry("tdpSource", "tdpWatts option");
        }
    }

    @Test
    void missingCpuTimeIsAnError() {
        ModelEstimateSensor s = new ModelEstimateSensor(100, false, 2, () -> -1);
        assertThat(s.read().joules()).isEmpty();
        assertThat(s.read().errors().get("cpu-package")).contains("not available");
    }
}
