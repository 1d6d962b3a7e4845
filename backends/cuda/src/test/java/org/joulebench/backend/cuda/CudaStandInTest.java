package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The defects a first run on a GPU would have hit, each shown on the stand-in driver through JCuda's real
 * natives (the conformance kit covers the rest): what the driver counts is what a device would have done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CudaStandInTest {
    private static final String[] LIVE = {
        "device_allocations", "pinned_allocations", "modules", "streams", "events", "context_references"
    };
    private final KernelCatalogue catalogue = KernelCatalogue.standard();
    private CudaBackendProvider provider;
    private CudaBackend backend;
    private DeviceInfo device;

    @BeforeAll
    void open() throws BackendException {
        String why = StandInDriver.build();
        assumeTrue(why == null, why);
        provider = new CudaBackendProvider();
        backend = (CudaBackend) provider.create();
        device = backend.devices().getFirst();
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private KernelInputs inputs(String kernel, DType dtype, Object... dims) {
        return catalogue.kernel(kernel).inputs(Shape.of(kernel, dims), dtype, 42);
    }

    private Map<String, Long> live() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String c : LIVE) {
            m.put(c, StandInDriver.count(c));
        }
        return m;
    }

    @Test
    void tensorsSmallerThanTheShapeAreRefusedBeforeAnythingReachesTheDevice() {
        Kernel triad = catalogue.kernel("triad");
        KernelInputs small = inputs("triad", DType.FP32, "N", 10);
        KernelInputs big = inputs("triad", DType.FP32, "N", 1000);
        KernelInputs lying = new KernelInputs(
                big.shape(),
                DType.FP32,
                big.seed(),
                small.tensors(),
                big.scalars(),
                big.outputType(),
                big.outputDims());
        long illegal = StandInDriver.count("illegal_addresses");
        Map<String, Long> before = live();

        assertThatThrownBy(() -> backend.prepare(triad, lying, device, CudaBackendProvider.OURS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("triad/fp32 N=1000: input b must be F32 [1000] for this shape, got F32 [10]");

        assertThat(StandInDriver.count("illegal_addresses"))
                .as("kernels that read past a buffer")
                .isEqualTo(illegal);
        assertThat(live()).isEqualTo(before);
    }

    @Test
    void attentionHeadsWiderThanTheKernelHoldsAreRefusedWithTheReasonNotRunWrong() {
        Map<String, Long> before = live();
        long launches = StandInDriver.count("launches");
        assertThatThrownBy(() -> backend.prepare(
                        catalogue.kernel("attention-causal"),
                        inputs("attention-causal", DType.FP32, "B", 1, "H", 1, "L", 3, "D", 129),
                        device,
                        CudaBackendProvider.OURS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("attention-causal/fp32 B=1,H=1,L=3,D=129: cuda/ours attention supports head"
                        + " sizes D <= 128");
        assertThat(StandInDriver.count("launches")).isEqualTo(launches);
        assertThat(live()).isEqualTo(before);
    }

    @Test
    void aClosedBackendRefusesToPrepare() throws BackendException {
        CudaBackend other = (CudaBackend) provider.create();
        other.close();
        assertThatThrownBy(() -> other.prepare(
                        catalogue.kernel("silu"), inputs("silu", DType.FP32, "N", 5), device, CudaBackendProvider.OURS))
                .isInstanceOf(BackendException.class)
                .hasMessage("cuda backend is closed");
    }

    @Test
    void inputsGoUpFromPinnedMemoryOrderedBeforeTheKernelOnItsStream() throws BackendException {
        long pageable = StandInDriver.count("pageable_copies");
        long unordered = StandInDriver.count("unordered_reads");
        KernelInputs in = inputs("layernorm", DType.FP32, "R", 3, "C", 70);
        try (PreparedKernel k = backend.prepare(catalogue.kernel("layernorm"), in, device, CudaBackendProvider.OURS)) {
            k.runBatch(2);
            assertThat(catalogue.kernel("layernorm").verify(in, k.output()).passed())
                    .isTrue();
        }
        assertThat(StandInDriver.count("pageable_copies") - pageable)
                .as("copies between the device and pageable host memory")
                .isZero();
        assertThat(StandInDriver.count("unordered_reads") - unordered)
                .as("kernel reads of a buffer whose copy was queued on another stream with nothing ordering them")
                .isZero();
    }

    @Test
    void everyModuleStreamEventAndBufferIsReleasedOnClose() throws BackendException {
        Map<String, Long> before = live();
        for (int i = 0; i < 3; i++) {
            KernelInputs in = inputs("gemm", DType.BF16, "M", 65, "N", 33, "K", 17);
            try (PreparedKernel k = backend.prepare(catalogue.kernel("gemm"), in, device, CudaBackendProvider.OURS)) {
                k.run();
                assertThat(live().get("modules")).isEqualTo(before.get("modules") + 1);
            }
        }
        assertThat(live()).isEqualTo(before);
    }

    @Test
    void closingTheBackendClosesItsKernelsFirstSoClosingThemLaterDoesNothing() throws BackendException {
        Map<String, Long> before = live();
        CudaBackend other = (CudaBackend) provider.create();
        PreparedKernel k = other.prepare(
                catalogue.kernel("gelu"), inputs("gelu", DType.FP32, "N", 100), device, CudaBackendProvider.OURS);
        k.run();
        other.close();
        k.close();
        k.close();
        assertThat(live()).isEqualTo(before);
        assertThat(other.allocatedDeviceBytes()).hasValue(0);
    }

    @Test
    void cublasRunsOnTheKernelsStreamAndRecordsItsVersionMathModeAndWorkspaceOnce() throws BackendException {
        Map<String, Long> before = live();
        long handles = StandInDriver.cublasHandles();
        KernelInputs in = inputs("gemm", DType.BF16, "M", 33, "N", 65, "K", 17);
        try (PreparedKernel k = backend.prepare(catalogue.kernel("gemm"), in, device, CudaBackendProvider.CUBLAS)) {
            k.runBatch(3);
            assertThat(catalogue.kernel("gemm").verify(in, k.output()).passed()).isTrue();
            // once-figures go where the harness reads them (it drops ONCE figures from drains)
            assertThat(k.drainMetrics())
                    .extracting(org.joulebench.kernels.spi.BackendMetric::name)
                    .containsExactly("device-time");
            var first = k.preparationMetrics();
            assertThat(first)
                    .extracting(org.joulebench.kernels.spi.BackendMetric::name)
                    .containsExactly("cublas-version", "cublas-math-mode", "cublas-workspace", "input-sets");
            assertThat(first)
                    .extracting(org.joulebench.kernels.spi.BackendMetric::kind)
                    .containsOnly(org.joulebench.kernels.spi.BackendMetric.Kind.ONCE);
            assertThat(first.getFirst().value()).isEqualTo(130000); // the stand-in says 13.0.0
            assertThat(first.getFirst().source()).startsWith("cuBLAS 13.0.0 (").contains("libcublas.so.13");
            assertThat(first.get(1).source()).contains("CUBLAS_DEFAULT_MATH", "CUBLAS_COMPUTE_32F");
            assertThat(first.get(2).value()).isEqualTo(32 << 20);
            k.run();
            assertThat(k.drainMetrics())
                    .extracting(org.joulebench.kernels.spi.BackendMetric::name)
                    .containsExactly("device-time");
            assertThat(StandInDriver.cublasHandles()).isEqualTo(handles + 1);
        }
        assertThat(StandInDriver.cublasHandles()).isEqualTo(handles);
        assertThat(live()).isEqualTo(before);
    }

    @Test
    void cublasInt8IsCublasLtMatmulWithInt32AccumulationAndBTransposedOnceAtPrepare() throws BackendException {
        Map<String, Long> before = live();
        long ltObjects = StandInDriver.cublasLtObjects();
        assertThat(provider.implementations(device))
                .filteredOn(i -> i.id().equals(CudaBackendProvider.CUBLAS))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.supports("gemm", DType.INT8)).isTrue();
                    assertThat(i.description()).contains("cublasLtMatmul int8 (CUBLAS_COMPUTE_32I)");
                });
        // 127 * 127 * 259 needs more than 16 bits: a narrower accumulator fails verification (int8 is exact)
        KernelInputs in = inputs("gemm", DType.INT8, "M", 33, "N", 65, "K", 259);
        try (PreparedKernel k = backend.prepare(catalogue.kernel("gemm"), in, device, CudaBackendProvider.CUBLAS)) {
            k.runBatch(2);
            assertThat(catalogue.kernel("gemm").verify(in, k.output()).passed()).isTrue();
            assertThat(k.prePackedWeights()).containsExactly("B");
            assertThat(k.drainMetrics())
                    .extracting(org.joulebench.kernels.spi.BackendMetric::name)
                    .containsExactly("device-time");
            var first = k.preparationMetrics();
            assertThat(first)
                    .extracting(org.joulebench.kernels.spi.BackendMetric::name)
                    .containsExactly("cublas-version", "cublas-compute-type", "cublas-workspace", "input-sets");
            assertThat(first.getFirst().value()).isEqualTo(130000);
            assertThat(first.getFirst().source())
                    .startsWith("cuBLASLt 13.0.0 (")
                    .contains("libcublasLt.so.13");
            assertThat(first.get(1).value()).isEqualTo(72);
            assertThat(first.get(1).source()).contains("CUBLAS_COMPUTE_32I", "TN");
            assertThat(first.get(2).value()).isEqualTo(32 << 20);
            assertThat(StandInDriver.cublasLtObjects())
                    .as("handle, descriptor, 3 layouts")
                    .isEqualTo(ltObjects + 5);
        }
        assertThat(StandInDriver.cublasLtObjects()).isEqualTo(ltObjects);
        assertThat(live()).isEqualTo(before);
    }

    @Test
    void withoutCublasLtBesideCublasInt8IsNotListedAndTheDescriptionSaysWhy() throws IOException {
        Path lib = Files.createTempDirectory(StandInDriver.ROOT, "cublas-only");
        Files.copy(StandInDriver.CUBLAS, lib.resolve("libcublas.so.13"));
        String previous = System.getProperty(CudaEnvironment.CUBLAS_PROPERTY);
        System.setProperty(
                CudaEnvironment.CUBLAS_PROPERTY, lib.resolve("libcublas.so.13").toString());
        try {
            var cublas = new CudaBackendProvider()
                    .implementations(device).stream()
                            .filter(i -> i.id().equals(CudaBackendProvider.CUBLAS))
                            .findFirst()
                            .orElseThrow();
            assertThat(cublas.supports("gemm", DType.INT8)).isFalse();
            assertThat(cublas.supports("gemm", DType.FP16)).isTrue();
            assertThat(cublas.description()).contains("no gemm/int8: libcublasLt.so.13 not found in " + lib);
        } finally {
            if (previous == null) {
                System.clearProperty(CudaEnvironment.CUBLAS_PROPERTY);
            } else {
                System.setProperty(CudaEnvironment.CUBLAS_PROPERTY, previous);
            }
        }
    }

    @Test
    void aMemoryBoundKernelAtMWhoseWorkingSetFitsInL2RotatesAmongCopiesLargerThanTwiceTheL2() throws BackendException {
        // the stand-in reports a 4 MiB L2; this qgemv's working set is 64*256 + 64*8*4 + 256*4 + 64*4 B = 19.7 KiB
        Kernel qgemv = catalogue.kernel("qgemv");
        Shape m = new Shape("qgemv", org.joulebench.kernels.Size.M, "fits-in-l2", Map.of("M", 64, "K", 256, "G", 32));
        KernelInputs in = qgemv.inputs(m, DType.INT8, 7);
        long allocations = StandInDriver.count("device_allocations");
        long launches = StandInDriver.count("launches");
        try (PreparedKernel k = backend.prepare(qgemv, in, device, CudaBackendProvider.OURS)) {
            assertThat(StandInDriver.count("device_allocations") - allocations)
                    .as("64 sets of W, scales, x and y")
                    .isEqualTo(64 * 4);
            k.run();
            assertThat(qgemv.verify(in, k.output()).passed()).isTrue();
            k.runBatch(64 + 2);
            assertThat(StandInDriver.count("launches") - launches).isEqualTo(67);
            assertThat(qgemv.verify(in, k.output()).passed())
                    .as("the output of the set run last")
                    .isTrue();
            var sets = k.preparationMetrics().stream()
                    .filter(x -> x.name().equals("input-sets"))
                    .findFirst()
                    .orElseThrow();
            assertThat(sets.value()).isEqualTo(64);
            assertThat(sets.source()).contains("rotate among 64 copies", "L2 4.0 MiB");
        }
        assertThat(StandInDriver.count("device_allocations")).isEqualTo(allocations);

        Shape s = new Shape("qgemv", org.joulebench.kernels.Size.S, "in-l2", m.dims());
        try (PreparedKernel k =
                backend.prepare(qgemv, qgemv.inputs(s, DType.INT8, 7), device, CudaBackendProvider.OURS)) {
            assertThat(k.preparationMetrics())
                    .filteredOn(x -> x.name().equals("input-sets"))
                    .singleElement()
                    .satisfies(x -> {
                        assertThat(x.value()).isEqualTo(1);
                        assertThat(x.source()).contains("size S is in L2 by design");
                    });
            assertThat(k.batchTargetNanos()).isEqualTo(10_000_000L);
        }
    }

    @Test
    void calibrationsCopyRoofIsADeviceToDeviceCopyTimedByEventsThatLeavesNothingBehind() throws BackendException {
        Map<String, Long> before = live();
        var bw = backend.copyBytesPerSecond(device, 1 << 20, 5);
        assertThat(bw).isPresent();
        assertThat(bw.getAsDouble()).isPositive();
        assertThat(live()).isEqualTo(before);
        assertThatThrownBy(() -> backend.copyBytesPerSecond(device, 0, 5))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("copy size must be >= 1 byte");
    }

    @Test
    void theStandInIsMarkedInTheListingTheBackendAndTheAvailability() {
        assertThat(provider.availability().reason()).startsWith(CudaBackendProvider.STAND_IN_NOTE);
        assertThat(provider.devices()).singleElement().satisfies(d -> {
            assertThat(d.name()).startsWith(NvidiaProcfs.STAND_IN_MODEL_PREFIX);
            assertThat(d.properties()).containsEntry(NvidiaProcfs.STAND_IN_PROPERTY, "true");
            assertThat(d.hardwareId()).isEqualTo(StandInDriver.BUS_ID);
        });
        assertThat(backend.devices()).singleElement().satisfies(d -> {
            assertThat(d.name()).startsWith(NvidiaProcfs.STAND_IN_MODEL_PREFIX);
            assertThat(d.properties())
                    .containsEntry(NvidiaProcfs.STAND_IN_PROPERTY, "true")
                    .containsEntry(DeviceInfo.PCI_BUS_ID, StandInDriver.BUS_ID); // the driver said 0000:5A:00.0
        });
    }

    @Test
    void jcudasNativeLibraryIsLoadedFromJoulebenchsOwnFolderNotTheTemporaryFolder() throws IOException {
        Path ours = provider.environment().nativesDir().toAbsolutePath();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertThat(maps.lines().filter(l -> l.contains("libJCudaDriver")).map(l -> l.substring(l.indexOf('/'))))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(Path.of(p)).startsWith(ours));
        assertThat(System.getProperty("java.io.tmpdir"))
                .as("java.io.tmpdir restored")
                .doesNotStartWith(ours.toString());
    }
}
