package org.joulebench.harness.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEstimateSensorTest {

    @Test
    void energyIsTdpTimesCpuTimeOverCpus() {
        AtomicLong cpuNanos = new AtomicLong(0);
        ModelEstimateSensor s = new ModelEstimateSensor(120, false, 4, cpuNanos::get, "cpu-socket:0");
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
    void theModelledCpuIsADeviceDomain(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nphysical id\t: 0\nprocessor\t: 1\nphysical id\t: 1\n");
        try (EnergySensor s =
                new ModelEstimateProvider().open(SensorOptions.none().with("cpuinfo", cpuinfo.toString()))) {
            DomainInfo d = s.info().domains().getFirst();
            assertThat(d.scope()).isEqualTo(Scope.DEVICE);
            assertThat(d.scopeDevice()).isEqualTo("cpu-socket:0+1");
        }
        // the case's CPU, when the harness names it, wins over cpuinfo
        SensorOptions target = SensorOptions.none()
                .with("cpuinfo", cpuinfo.toString())
                .with(SensorOptions.TARGET_DEVICES, "0000:19:00.0,cpu-socket:0");
        assertThat(ModelEstimateProvider.cpuHardwareId(target)).isEqualTo("cpu-socket:0");
        assertThat(ModelEstimateProvider.cpuHardwareId(
                        SensorOptions.none().with("cpuinfo", dir.resolve("none").toString())))
                .isEqualTo("cpu-socket:0");
    }

    @Test
    void missingCpuTimeIsAnError() {
        ModelEstimateSensor s = new ModelEstimateSensor(100, false, 2, () -> -1, "cpu-socket:0");
        assertThat(s.read().joules()).isEmpty();
        assertThat(s.read().errors().get("cpu-package")).contains("not available");
    }
}
