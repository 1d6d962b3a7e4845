package org.joulebench.backend.tornadovm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.ForkOptions;
import org.joulebench.vocabulary.DeviceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's cheap paths: why it is unavailable, what the fork gets, how devices are labelled. */
class TornadoVmProviderTest {

    @Test
    void withoutTornadoVmHomeItIsUnavailableAndSaysWhatToSet() {
        TornadoVmProvider p = new TornadoVmProvider(Map.of());
        Availability a = p.availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("TORNADOVM_HOME is not set");
        assertThat(p.devices()).isEmpty();
        assertThat(p.forkOptions()).isEqualTo(ForkOptions.NONE);
        assertThatThrownBy(p::create).isInstanceOf(BackendException.class).hasMessageContaining("TORNADOVM_HOME");
    }

    @Test
    void aFolderWithoutTheArgfileIsNotAnSdk(@TempDir Path dir) {
        TornadoVmProvider p = new TornadoVmProvider(Map.of("TORNADOVM_HOME", dir.toString()));
        assertThat(p.availability().available()).isFalse();
        assertThat(p.availability().reason()).contains("no tornado-argfile in " + dir);
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        TornadoVmProvider p = new TornadoVmProvider(Map.of("TORNADOVM_HOME", missing.toString()));
        assertThat(p.availability().reason()).contains(missing + " is not a folder");
    }

    @Test
    void theForkGetsTheSdksArgfile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tornado-argfile"), "-server\n");
        TornadoVmProvider p = new TornadoVmProvider(Map.of("TORNADOVM_HOME", dir.toString()));
        assertThat(p.forkOptions().jvmArgs()).containsExactly("@" + dir.resolve("tornado-argfile"));
        assertThat(p.forkOptions().javaExecutable()).isNull();
    }

    @Test
    void anOpenClCpuDeviceIsACpuNeverAGpu(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nphysical id\t: 0\n\nprocessor\t: 1\nphysical id\t: 1\n");
        DeviceRow row = DeviceRow.parse(new DeviceRow(
                        0,
                        0,
                        "OPENCL",
                        "Portable Computing Language",
                        "pthread-skylake",
                        "CPU",
                        "OpenCL C 1.2",
                        8L << 30)
                .toLine());
        DeviceInfo d = row.toDeviceInfo(cpuinfo);
        assertThat(d.kind()).isEqualTo(DeviceKind.CPU);
        assertThat(d.id()).isEqualTo("0:0");
        assertThat(d.hardwareId()).isEqualTo("cpu-socket:0+1");
        assertThat(d.driver()).isEqualTo("OpenCL / Portable Computing Language");
        assertThat(d.properties()).containsEntry("backend", "OpenCL").containsEntry("globalMemoryBytes", "8589934592");
    }

    @Test
    void gpuAndSpirvDevicesKeepTheirKindAndBackend() {
        DeviceRow gpu = new DeviceRow(1, 0, "SPIRV", "Intel Level Zero", "Arc A770", "GPU", "", 0);
        assertThat(gpu.kind()).isEqualTo(DeviceKind.GPU);
        assertThat(gpu.backendLabel()).isEqualTo("SPIR-V");
        assertThat(gpu.toDeviceInfo(Path.of("/nonexistent")).hardwareId()).isEqualTo("tornadovm:SPIR-V:Arc_A770");
        assertThat(new DeviceRow(0, 1, "PTX", "CUDA", "x", "ACCELERATOR", "", 0).kind())
                .isEqualTo(DeviceKind.ACCELERATOR);
        assertThat(new DeviceRow(0, 1, "OPENCL", "Xilinx", "u50", "FPGA", "", 0).kind())
                .isEqualTo(DeviceKind.FPGA);
    }
}
