package org.joulebench.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void everySourceOfABusIdGivesOneNormalForm() {
        // procfs directory names, the CUDA driver, NVML and nvidia-smi spell the same board differently
        assertThat(HardwareIds.normalize("00000000:9A:00.0")).isEqualTo("0000:9a:00.0");
        assertThat(HardwareIds.normalize(" 0000:19:00.0\t")).isEqualTo("0000:19:00.0");
        assertThat(HardwareIds.normalize("0:1:2.3")).isEqualTo("0000:01:02.3");
        assertThat(HardwareIds.normalizePciBusId(" 0000:19:00.0\t")).contains("0000:19:00.0");
    }

    @Test
    void textThatIsNoBusIdIsNotGuessedAt() {
        // not a PCI bus id: the bus-id normalizer says so, and the normal form keeps the text as written
        assertThat(HardwareIds.normalizePciBusId("GPU-ABC")).isEmpty();
        assertThat(HardwareIds.normalizePciBusId("0000:19:00.8")).isEmpty(); // function is 0..7
        assertThat(HardwareIds.normalizePciBusId("19:00")).isEmpty();
        assertThat(HardwareIds.normalizePciBusId(null)).isEmpty();
        assertThat(HardwareIds.normalize(" GPU-ABC ")).isEqualTo("GPU-ABC");
        assertThat(HardwareIds.normalize("cpu-socket:0+1")).isEqualTo("cpu-socket:0+1");
        assertThat(HardwareIds.isPciBusId("GPU-ABC")).isFalse();
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

    @Test
    void cpuSocketsComeFromThePhysicalIdLines(@TempDir Path dir) throws Exception {
        Path twoSockets = dir.resolve("cpuinfo2");
        Files.writeString(twoSockets, "processor\t: 0\nphysical id\t: 1\n\nprocessor\t: 1\nphysical id\t: 0\n");
        assertThat(HardwareIds.cpuSocketsOf(twoSockets)).isEqualTo("cpu-socket:0+1");
        Path none = dir.resolve("cpuinfo-arm");
        Files.writeString(none, "processor\t: 0\nBogoMIPS\t: 50.00\n");
        assertThat(HardwareIds.cpuSocketsOf(none)).isEqualTo("cpu-socket:0");
        assertThat(HardwareIds.cpuSocketsOf(dir.resolve("absent"))).isEqualTo("cpu-socket:0");
    }
}
