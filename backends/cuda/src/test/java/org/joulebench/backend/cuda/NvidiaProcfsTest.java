package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.vocabulary.DeviceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaProcfsTest {
    @TempDir
    Path tmp;

    @Test
    void listsGpusOrderedByBusIdWithLowerCaseHardwareIdUuidAndDriver() throws Exception {
        FakeMachine m = new FakeMachine(tmp)
                .driverVersion("580.65.06")
                .gpu("0000:9A:00.0", "NVIDIA H200", "GPU-bbbb", "0000:9A:00.0")
                .gpu("0000:19:00.0", "NVIDIA H100 80GB HBM3", "GPU-aaaa", "0000:19:00.0");

        var devices = new NvidiaProcfs(m.proc).devices();

        assertThat(devices).extracting(DeviceInfo::id).containsExactly("cuda:0", "cuda:1");
        DeviceInfo first = devices.get(0);
        assertThat(first.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(first.kind()).isEqualTo(DeviceKind.GPU);
        assertThat(first.hardwareId()).isEqualTo("0000:19:00.0");
        assertThat(first.driver()).isEqualTo("580.65.06");
        assertThat(first.properties())
                .containsEntry(DeviceInfo.UUID, "GPU-aaaa")
                .containsEntry(DeviceInfo.PCI_BUS_ID, "0000:19:00.0");
        assertThat(devices.get(1).hardwareId()).isEqualTo("0000:9a:00.0");
        assertThat(devices.get(1).properties()).containsEntry(DeviceInfo.UUID, "GPU-bbbb");
    }

    @Test
    void noTreeOrNoGpusMeansNoDevices() throws Exception {
        assertThat(new NvidiaProcfs(tmp.resolve("absent")).devices()).isEmpty();
        assertThat(new NvidiaProcfs(tmp.resolve("absent")).present()).isFalse();
        FakeMachine m = new FakeMachine(tmp).driverVersion("580.65.06");
        assertThat(new NvidiaProcfs(m.proc).present()).isTrue();
        assertThat(new NvidiaProcfs(m.proc).devices()).isEmpty();
    }

    @Test
    void readsTheProprietaryModulesVersionLineToo() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        java.nio.file.Files.createDirectories(m.proc);
        java.nio.file.Files.writeString(
                m.proc.resolve("version"),
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024\n");
        assertThat(new NvidiaProcfs(m.proc).driverVersion()).hasValue("535.183.01");
    }
}
