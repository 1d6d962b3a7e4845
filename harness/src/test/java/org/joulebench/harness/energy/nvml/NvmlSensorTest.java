package org.joulebench.harness.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.junit.jupiter.api.Test;

class NvmlSensorTest {

    @SuppressWarnings("restricted")
    static boolean nvmlPresent() {
        try (Arena a = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(NvmlProvider.DEFAULT_LIBRARY, a);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void missingLibraryIsUnavailableWithReason() {
        SensorOptions o = SensorOptions.none().with("nvmlLibrary", "libnvidia-ml-absent.so.1");
        SensorProbe p = new NvmlProvider().probe(o);
        assertThat(p.available()).isFalse();
        assertThat(p.reason()).contains("libnvidia-ml-absent.so.1 not found");
        assertThatThrownBy(() -> new NvmlProvider().open(o)).isInstanceOf(SensorException.class);
    }

    @Test
    void readsARealGpuWhenThereIsOne() throws Exception {
        assumeTrue(nvmlPresent(), "libnvidia-ml.so.1 is absent on this machine: no NVIDIA driver, nothing to read");
        SensorProbe p = new NvmlProvider().probe(SensorOptions.none());
        assumeTrue(p.available(), "NVML present but unusable: " + p.reason());
        try (EnergySensor s = new NvmlProvider().open(SensorOptions.none().with("nvmlDevices", "0"))) {
            assertThat(s.info().domains()).extracting(d -> d.domain()).containsExactly("gpu-board");
            assertThat(s.info().properties()).containsKey("driverVersion");
            SensorReading a = s.read();
            Thread.sleep(300);
            SensorReading b = s.read();
            assertThat(b.errors()).isEmpty();
            assertThat(b.joules().get("gpu-board"))
                    .isGreaterThanOrEqualTo(a.joules().get("gpu-board"));
        }
    }
}
