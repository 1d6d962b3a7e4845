package org.joulebench.harness.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.results.record.DeviceCeilings;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;
import org.junit.jupiter.api.Test;

/**
 * The accelerators' roofs through the SPI, against a backend standing in for an absent GPU (the CUDA stand-in runs
 * the same path end to end in bundle/ci-check): copies and vendor GEMMs per dtype, a GEMM that answers wrong gives no
 * rate, CPU devices are left to the CPU calibration, a stand-in device is labelled.
 */
class DeviceCeilingsMeasurerTest {
    private static final DeviceInfo GPU =
            new DeviceInfo("gpu:0", "absent test GPU", DeviceKind.GPU, "0000:19:00.0", null, Map.of("standIn", "true"));
    private static final DeviceInfo CPU =
            new DeviceInfo("cpu:0", "a CPU", DeviceKind.CPU, "cpu-socket:0", null, Map.of());

    /** Vendor gemm fp32 and bf16 (right), fp16 (wrong by one part in a thousand); copies at 1 TB/s. */
    private static final class TestProvider implements BackendProvider {
        final List<Long> copies = new ArrayList<>();

        @Override
        public String id() {
            return "testgpu";
        }

        @Override
        public String description() {
            return "a backend standing in for an absent GPU";
        }

        @Override
        public Availability availability() {
            return Availability.yes("test");
        }

        @Override
        public List<DeviceInfo> devices() {
            return List.of(CPU, GPU);
        }

        @Override
        public List<Implementation> implementations(DeviceInfo device) {
            return List.of(new Implementation(
                    "vendor",
                    ImplementationKind.VENDOR_LIBRARY,
                    "test vendor library",
                    Availability.yes("test"),
                    Set.of(
                            new KernelVariant("gemm", DType.FP32),
                            new KernelVariant("gemm", DType.FP16),
                            new KernelVariant("gemm", DType.BF16))));
        }

        @Override
        public Backend create() {
            TestProvider provider = this;
            return new Backend() {
                @Override
                public String id() {
                    return provider.id();
                }

                @Override
                public List<DeviceInfo> devices() {
                    return provider.devices();
                }

                @Override
                public List<Implementation> implementations(DeviceInfo device) {
                    return provider.implementations(device);
                }

                @Override
                public OptionalDouble copyBytesPerSecond(DeviceInfo device, long bytes, long millis) {
                    copies.add(bytes);
                    return OptionalDouble.of(1e12);
                }

                @Override
                public PreparedKernel prepare(Kernel kernel, KernelInputs in, DeviceInfo device, String impl) {
                    double[] ref = kernel.reference(in);
                    float[] out = new float[ref.length];
                    for (int i = 0; i < ref.length; i++) {
                        out[i] = (float) (in.dtype() == DType.FP16 ? ref[i] * 1.001 : ref[i]);
                    }
                    return new PreparedKernel() {
                        @Override
                        public void run() {}

                        @Override
                        public Tensor output() {
                            return new Tensor("C", ElementType.F32, in.outputDims(), out);
                        }
                    };
                }
            };
        }
    }

    @Test
    void copiesAndVerifiedVendorGemmsPerDtypeForEachAcceleratorOnly() {
        TestProvider p = new TestProvider();
        List<String> progress = new ArrayList<>();
        List<DeviceCeilings> measured =
                new DeviceCeilingsMeasurer(List.of(p), List.of(1L << 20, 4L << 20), 1, 64, 1).measure(progress::add);

        assertThat(measured).singleElement().satisfies(d -> {
            assertThat(d.hardwareId()).isEqualTo("0000:19:00.0");
            assertThat(d.standIn()).isTrue();
            assertThat(d.copyCurve()).extracting(x -> x.workingSetBytes()).containsExactly(2L << 20, 8L << 20);
            assertThat(d.gemmOpsPerSecond()).containsOnlyKeys("fp32", "bf16");
            assertThat(d.gemmBasis().get("bf16")).contains("testgpu/vendor gemm bf16 64^3", "verified");
            assertThat(d.notes())
                    .anySatisfy(n -> assertThat(n).contains("gemm fp16", "wrong answer at S against the reference"))
                    .anySatisfy(n -> assertThat(n).contains("gemm int8: no available vendor-library implementation"))
                    .anySatisfy(n -> assertThat(n).startsWith("STAND-IN device"));
        });
        assertThat(p.copies).as("the CPU device is the CPU calibration's").hasSize(2);
        assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("gpu:0 copy 4 MiB: 1000.0 GB/s"));
    }
}
