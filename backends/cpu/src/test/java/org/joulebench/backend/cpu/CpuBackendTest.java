package org.joulebench.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuBackendTest {

    @Test
    void serviceLoaderFindsTheProviderAndItIsAvailable() throws Exception {
        BackendProvider provider = Backends.find("cpu").orElseThrow();
        assertThat(provider).isInstanceOf(CpuBackendProvider.class);
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.availability().reason())
                .contains(Runtime.getRuntime().availableProcessors() + " cores")
                .contains("Java " + Runtime.version().feature());
        try (Backend backend = provider.create()) {
            assertThat(backend.id()).isEqualTo("cpu");
            DeviceInfo device = backend.devices().getFirst();
            assertThat(backend.devices()).hasSize(1);
            assertThat(device.id()).isEqualTo("cpu0");
            assertThat(device.kind()).isEqualTo(org.joulebench.vocabulary.DeviceKind.CPU);
            assertThat(device.hardwareId()).startsWith("cpu-socket:");
            assertThat(provider.devices()).extracting(DeviceInfo::id).containsExactly("cpu0");
            assertThat(device.name()).isNotBlank();
            assertThat(device.driver()).contains(Runtime.version().toString());
            assertThat(device.properties())
                    .containsEntry(
                            "logicalCores",
                            Integer.toString(Runtime.getRuntime().availableProcessors()))
                    .containsEntry(
                            "maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()))
                    .containsKey("vectorApi");
        }
    }

    @Test
    void supportsEveryKernelDtypePairOfTheLayouts() throws Exception {
        try (CpuBackend backend = new CpuBackend(1)) {
            var java = backend.implementations(backend.devices().getFirst()).getFirst();
            assertThat(java.id()).isEqualTo("java");
            assertThat(java.kind()).isEqualTo(org.joulebench.vocabulary.ImplementationKind.PORTABLE);
            assertThat(java.supported())
                    .extracting(KernelVariant::toString)
                    .containsExactlyInAnyOrder(
                            "gemm/fp32",
                            "gemm/fp16",
                            "gemm/bf16",
                            "gemm/int8",
                            "gemv/fp32",
                            "qgemv/int8",
                            "qgemv/int4",
                            "conv2d/fp32",
                            "attention/fp32",
                            "attention-causal/fp32",
                            "softmax/fp32",
                            "layernorm/fp32",
                            "rmsnorm/fp32",
                            "gelu/fp32",
                            "silu/fp32",
                            "triad/fp32",
                            "noop/fp32");
            assertThat(java.supports("gemm", DType.INT4)).isFalse();
        }
    }

    @Test
    void modelNameComesFromCpuinfoElseTheArchitecture(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
                flags\t\t: fpu vme

                processor\t: 1
                model name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
                """);
        assertThat(CpuDevice.describe(cpuinfo, 4).name()).isEqualTo("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
        assertThat(CpuDevice.describe(cpuinfo, 4).properties()).containsEntry("threads", "4");
        assertThat(CpuDevice.describe(dir.resolve("absent"), 1).name()).isEqualTo(System.getProperty("os.arch"));
    }

    @Test
    void runningTwiceGivesTheSameOutput() throws Exception {
        try (CpuBackend backend = new CpuBackend(3)) {
            DeviceInfo device = backend.devices().getFirst();
            for (String[] c : new String[][] {{"gemm", "bf16"}, {"attention-causal", "fp32"}, {"qgemv", "int4"}}) {
                Kernel kernel = KernelCatalogue.standard().kernel(c[0]);
                Shape shape = switch (c[0]) {
                    case "gemm" -> Shape.of("gemm", "M", 45, "N", 530, "K", 140);
                    case "qgemv" -> Shape.of("qgemv", "M", 300, "K", 99, "G", 16);
                    default -> Shape.of(c[0], "B", 2, "H", 2, "L", 35, "D", 16);
                };
                KernelInputs inputs = kernel.inputs(shape, DType.parse(c[1]), 42);
                try (PreparedKernel prepared = backend.prepare(kernel, inputs, device)) {
                    prepared.run();
                    Tensor first = prepared.output();
                    prepared.run();
                    Tensor second = prepared.output();
                    assertThat(second).isEqualTo(first);
                    assertThat(kernel.verify(inputs, second).passed()).isTrue();
                }
            }
        }
    }

    @Test
    void rejectsAnUnsupportedPairNamingIt() throws Exception {
        try (CpuBackend backend = new CpuBackend(1)) {
            Shape shape = Shape.of("gemm", "M", 2, "N", 2, "K", 2);
            KernelInputs inputs =
                    new KernelInputs(shape, DType.INT4, 1, Map.of(), Map.of(), ElementType.F32, new int[] {2, 2});
            assertThatThrownBy(() -> backend.prepare(
                            KernelCatalogue.standard().kernel("gemm"),
                            inputs,
                            backend.devices().getFirst()))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("does not implement gemm/int4")
                    .hasMessageContaining("gemm/fp32");
        }
    }

    @Test
    void rejectsInputsThatDoNotMatchTheLayout() throws Exception {
        try (CpuBackend backend = new CpuBackend(1)) {
            DeviceInfo device = backend.devices().getFirst();
            Kernel gemm = KernelCatalogue.standard().kernel("gemm");
            Shape shape = Shape.of("gemm", "M", 2, "N", 3, "K", 4);
            KernelInputs fp32 = gemm.inputs(shape, DType.FP32, 1);
            // B claims the wrong dimensions
            KernelInputs wrongDims = new KernelInputs(
                    shape,
                    DType.FP32,
                    1,
                    Map.of("A", fp32.tensor("A"), "B", Tensor.f32("B", new float[12], 3, 4)),
                    Map.of(),
                    ElementType.F32,
                    new int[] {2, 3});
            assertThatThrownBy(() -> backend.prepare(gemm, wrongDims, device))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("input B must be F32 [4, 3], got F32 [3, 4]");
            KernelInputs missing = new KernelInputs(
                    shape, DType.FP32, 1, Map.of("A", fp32.tensor("A")), Map.of(), ElementType.F32, new int[] {2, 3});
            assertThatThrownBy(() -> backend.prepare(gemm, missing, device))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("missing input tensor B");
            DeviceInfo other = new DeviceInfo(
                    "cuda:0", "x", org.joulebench.vocabulary.DeviceKind.GPU, "0000:19:00.0", null, Map.of());
            assertThatThrownBy(() -> backend.prepare(gemm, fp32, other))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("no device cuda:0");
        }
    }

    @Test
    void aKernelOfAClosedBackendRefusesToRun() throws Exception {
        CpuBackend backend = new CpuBackend(2);
        Kernel triad = KernelCatalogue.standard().kernel("triad");
        PreparedKernel prepared = backend.prepare(
                triad,
                triad.inputs(Shape.of("triad", "N", 100_000), DType.FP32, 3),
                backend.devices().getFirst());
        prepared.run();
        backend.close();
        assertThatThrownBy(prepared::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
