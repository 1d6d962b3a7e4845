package org.joulebench.energy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HardwareIdsTest {

    @Test
    void pciBusIdsCompareInNormalForm() {
        assertThat(HardwareIds.normalizePciBusId("00000000:19:00.0")).contains("0000:19:00.0");
        assertThat(HardwareIds.normalizePciBusId("0000:1A:00.0")).contains("0000:1a:00.0");
        assertThat(HardwareIds.normalizePciBusId("1a:0.0")).contains("0000:1a:00.0");
        assertThat(HardwareIds.normalizePciBusId("GPU-5f6c0a1e")).isEmpty();
        assertThat(HardwareIds.normalizePciBusId("cpu-socket:0")).isEmpty();
        assertThat(HardwareIds.sameDevice("00000000:1B:00.0", "0000:1b:00.0")).isTrue();
        assertThat(HardwareIds.sameDevice("0000:1b:00.0", "0000:1c:00.0")).isFalse();
    }

    @Test
    void uuidsCompareWithOrWithoutNvmlPrefix() {
        assertThat(HardwareIds.sameDevice("GPU-5F6C0A1E-aaaa", "5f6c0a1e-AAAA")).isTrue();
        assertThat(HardwareIds.sameDevice("GPU-5f6c0a1e-aaaa", "GPU-5f6c0a1e-bbbb"))
                .isFalse();
        assertThat(HardwareIds.sameDevice("MIG-1234", "1234")).isFalse();
        assertThat(HardwareIds.sameDevice(null, "x")).isFalse();
    }

    @Test
    void socketsArePartsOfATwoSocketCpu() {
        assertThat(HardwareIds.cpuSocket(1)).isEqualTo("cpu-socket:1");
        assertThat(HardwareIds.cpuSockets(List.of(1, 0))).isEqualTo("cpu-socket:0+1");
        assertThat(HardwareIds.sockets("cpu-socket:0+1")).contains(Set.of(0, 1));
        assertThat(HardwareIds.sockets("0000:19:00.0")).isEmpty();
        assertThat(HardwareIds.covers("cpu-socket:0+1", "cpu-socket:1")).isTrue();
        assertThat(HardwareIds.covers("cpu-socket:0", "cpu-socket:1")).isFalse();
        assertThat(HardwareIds.covers("cpu-socket:0", "cpu-socket:0+1")).isFalse();
        assertThat(HardwareIds.covers("0000:19:00.0", "cpu-socket:0")).isFalse();
        assertThat(HardwareIds.covers("00000000:19:00.0", "0000:19:00.0")).isTrue();
        assertThatThrownBy(() -> HardwareIds.cpuSocket(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
