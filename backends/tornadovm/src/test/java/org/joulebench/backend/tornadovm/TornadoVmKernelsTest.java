package org.joulebench.backend.tornadovm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On the SDK's first device (PoCL's CPU device here), opened as the harness opens it: every supported
 * kernel at size S against the reference, single runs and batches. Runs in a JVM started with TornadoVM's
 * argfile (surefire argLine).
 */
class TornadoVmKernelsTest {
    private static Backend backend;
    private static DeviceInfo device;

    @BeforeAll
    static void open() throws Exception {
        BackendProvider p = Backends.find("tornadovm").orElseThrow();
        Availability a = p.availability();
        assertThat(a.available()).as(a.reason()).isTrue();
        assertThat(p.devices()).isNotEmpty();
        backend = p.create();
        device = backend.devices().getFirst();
        assertThat(p.devices().getFirst()).isEqualTo(device);
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    /** Every supported kernel/dtype as {@code kernel/dtype}. */
    static Stream<String> kernels() {
        return TornadoVmImplementation.SUPPORTED.stream()
                .map(v -> v.kernelId() + "/" + v.dtype().id())
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void matchesTheReferenceAtSizeS(String kernelId) throws Exception {
        assertVerified(kernelId, 1);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void aBatchThroughTheMultiTaskGraphLeavesTheSameVerifiedResult(String kernelId) throws Exception {
        assertVerified(kernelId, 2 * TornadoPrepared.BATCH_COPIES + 3);
    }

    @Test
    void theLocalMemoryTiledGemmIsItsOwnImplementationAndMatchesTheReference() throws Exception {
        assertThat(backend.implementations(device))
                .extracting(i -> i.id())
                .containsExactly(TornadoVmImplementation.ID, TornadoVmImplementation.TILED_ID);
        Kernel gemm = KernelCatalogue.standard().kernel("gemm");
        for (String dims : new String[] {"", "M=33,N=65,K=129"}) {
            KernelInputs inputs = gemm.inputs(
                    dims.isEmpty()
                            ? KernelCatalogue.standard().shape("gemm", Size.S)
                            : KernelCatalogue.standard().customShape("gemm", dims),
                    DType.FP32,
                    7);
            try (PreparedKernel prepared = backend.prepare(gemm, inputs, device, TornadoVmImplementation.TILED_ID)) {
                prepared.runBatch(TornadoPrepared.BATCH_COPIES + 1);
                VerificationResult result = gemm.verify(inputs, prepared.output());
                assertThat(result.passed())
                        .as("tiled gemm %s: %s", dims, result)
                        .isTrue();
            }
        }
        Kernel triad = KernelCatalogue.standard().kernel("triad");
        KernelInputs t = triad.inputs(KernelCatalogue.standard().shape("triad", Size.S), DType.FP32, 7);
        assertThatThrownBy(() -> backend.prepare(triad, t, device, TornadoVmImplementation.TILED_ID))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("gemm/fp32 only");
    }

    @Test
    void theProfilerReportsKernelTimeWithinTheWallTimeAndCompileTimeOnce() throws Exception {
        Kernel kernel = KernelCatalogue.standard().kernel("triad");
        KernelInputs inputs = kernel.inputs(KernelCatalogue.standard().shape("triad", Size.S), DType.FP32, 7);
        try (PreparedKernel prepared = backend.prepare(kernel, inputs, device)) {
            assertThat(prepared.preparationMetrics())
                    .filteredOn(m -> m.name().equals("compile-time"))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.kind()).isEqualTo(BackendMetric.Kind.ONCE);
                        assertThat(m.value()).isPositive();
                    });
            prepared.runBatch(TornadoPrepared.BATCH_COPIES + 1); // compiles the batch plan
            prepared.drainMetrics();
            int invocations = 2 * TornadoPrepared.BATCH_COPIES + 3;
            long t0 = System.nanoTime();
            prepared.runBatch(invocations);
            long wallNanos = System.nanoTime() - t0;
            var metrics = prepared.drainMetrics();
            assertThat(metrics)
                    .extracting(BackendMetric::name)
                    .contains("kernel-time", "copy-in-time", "copy-out-time");
            BackendMetric kernelTime = metrics.stream()
                    .filter(m -> m.name().equals("kernel-time"))
                    .findFirst()
                    .orElseThrow();
            assertThat(kernelTime.kind()).isEqualTo(BackendMetric.Kind.TOTAL);
            assertThat(kernelTime.value()).isPositive().isLessThanOrEqualTo(wallNanos);
            // 2 batch-plan executions + 3 single ones
            assertThat(kernelTime.samples()).isEqualTo(5);
            // the inputs stay on the device: per execution only TornadoVM's kernel-argument buffer goes over
            // (a few hundred bytes), never the inputs (b and c: 2 x N x 4 bytes)
            long inputBytes = 2L * 4 * inputs.tensor("b").elementCount();
            BackendMetric copyIn = metrics.stream()
                    .filter(m -> m.name().equals("copy-in-bytes"))
                    .findFirst()
                    .orElseThrow();
            assertThat(copyIn.value() / copyIn.samples()).isLessThan(inputBytes / 100.0);
            // a device without a power reading says nothing (never 0 W)
            assertThat(metrics).noneMatch(m -> m.unit().equals("mW") && m.value() <= 0);
            assertThat(prepared.drainMetrics()).as("drained").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("rowKernels")
    void theWorkGroupReductionsMatchTheReference(String kernelId) throws Exception {
        System.setProperty(TornadoVmBackend.ROW_GROUPS_PROPERTY, "true");
        try {
            assertVerified(kernelId, 1);
            assertVerified(kernelId, TornadoPrepared.BATCH_COPIES + 1);
            // rows shorter than the work-group, and a prime row length: strided tails and idle work-items
            for (String dims : new String[] {"R=3,C=1031", "R=5,C=7", "R=1,C=1"}) {
                Kernel kernel = KernelCatalogue.standard().kernel(kernelId);
                KernelInputs inputs =
                        kernel.inputs(KernelCatalogue.standard().customShape(kernelId, dims), DType.FP32, 3);
                try (PreparedKernel prepared = backend.prepare(kernel, inputs, device)) {
                    prepared.run();
                    VerificationResult result = kernel.verify(inputs, prepared.output());
                    assertThat(result.passed())
                            .as("%s %s: %s", kernelId, dims, result)
                            .isTrue();
                }
            }
        } finally {
            System.clearProperty(TornadoVmBackend.ROW_GROUPS_PROPERTY);
        }
    }

    static Stream<String> rowKernels() {
        return Stream.of("softmax", "layernorm", "rmsnorm");
    }

    @Test
    void anUnsupportedDtypeIsRefusedWithTheReason() {
        Kernel gemm = KernelCatalogue.standard().kernel("gemm");
        KernelInputs in = gemm.inputs(KernelCatalogue.standard().shape("gemm", Size.S), DType.FP16, 7);
        assertThatThrownBy(() -> backend.prepare(gemm, in, device))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("gemm/fp16");
        assertThatThrownBy(() -> backend.prepare(gemm, in, device, TornadoVmImplementation.ID))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("gemm/fp16")
                .hasMessageContaining("cl_khr_fp16");
        assertThat(backend.implementations(device).getFirst().description()).contains("BFloat16Array");
    }

    private static void assertVerified(String variant, int batch) throws Exception {
        String kernelId = variant.contains("/") ? variant.substring(0, variant.indexOf('/')) : variant;
        DType dtype = variant.contains("/") ? DType.parse(variant.substring(variant.indexOf('/') + 1)) : DType.FP32;
        Kernel kernel = KernelCatalogue.standard().kernel(kernelId);
        KernelInputs inputs = kernel.inputs(KernelCatalogue.standard().shape(kernelId, Size.S), dtype, 7);
        try (PreparedKernel prepared = backend.prepare(kernel, inputs, device)) {
            prepared.runBatch(batch);
            VerificationResult result = kernel.verify(inputs, prepared.output());
            assertThat(result.passed())
                    .as("%s x%d: %s", kernelId, batch, result)
                    .isTrue();
        }
    }
}
