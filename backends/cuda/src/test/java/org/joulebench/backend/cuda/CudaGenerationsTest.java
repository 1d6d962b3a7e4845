package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each GPU generation from Turing on runs its own PTX, picked by compute capability; the stand-in driver
 * plays each generation and refuses, as a driver does, PTX for a newer target or of a newer ISA than it knows.
 */
class CudaGenerationsTest {
    private static final KernelCatalogue CATALOGUE = KernelCatalogue.standard();

    @BeforeAll
    static void standIn() {
        String why = StandInDriver.build();
        assumeTrue(why == null, why);
    }

    @AfterEach
    void back() {
        StandInDriver.setDevice(9, 0, 13000);
    }

    private static PreparedKernel prepare(CudaBackend b, String kernel, DType dtype, Object... dims)
            throws BackendException {
        return prepare(b, CudaBackendProvider.OURS, kernel, dtype, dims);
    }

    private static PreparedKernel prepare(
            CudaBackend b, String implementation, String kernel, DType dtype, Object... dims) throws BackendException {
        KernelInputs in = CATALOGUE.kernel(kernel).inputs(Shape.of(kernel, dims), dtype, 7);
        return b.prepare(CATALOGUE.kernel(kernel), in, b.devices().getFirst(), implementation);
    }

    /** The entry point a prepared kernel launches, as its {@code block-threads} detail names it. */
    private static String entry(PreparedKernel k) {
        return k.preparationMetrics().stream()
                .filter(m -> m.name().equals("block-threads"))
                .map(org.joulebench.kernels.spi.BackendMetric::source)
                .findFirst()
                .orElseThrow();
    }

    private static void runsAndVerifies(PreparedKernel k, String kernel, DType dtype, Object... dims)
            throws BackendException {
        k.run();
        KernelInputs in = CATALOGUE.kernel(kernel).inputs(Shape.of(kernel, dims), dtype, 7);
        assertThat(CATALOGUE.kernel(kernel).verify(in, k.output()).passed()).isTrue();
    }

    @ParameterizedTest(name = "sm_{0}{1}: ours'' fp16/bf16 GEMM is {2}, ours-wmma''s {3}")
    @CsvSource({
        "7,5,gemm_f16 (gemm_half.ptx for sm_75),",
        "8,0,gemm_f16_mma (gemm_mma.ptx for sm_80),gemm_f16 (gemm_half.ptx for sm_80)",
        "8,6,gemm_f16_mma (gemm_mma.ptx for sm_86),gemm_f16 (gemm_half.ptx for sm_86)",
        "8,9,gemm_f16_mma (gemm_mma.ptx for sm_89),gemm_f16 (gemm_half.ptx for sm_89)",
        "9,0,gemm_f16_mma (gemm_mma.ptx for sm_90),gemm_f16 (gemm_half.ptx for sm_90)",
        "12,0,gemm_f16_mma (gemm_mma.ptx for sm_90),gemm_f16 (gemm_half.ptx for sm_90)"
    })
    void oursRunsTheTunedGemmFromAmpereOnAndTheWmmaOneStaysBesideIt(int major, int minor, String ours, String wmma)
            throws BackendException {
        StandInDriver.setDevice(major, minor, 13000);
        Object[] dims = {"M", 131, "N", 136, "K", 40}; // one past a 128 tile in M, 8 past it in N
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create()) {
            try (PreparedKernel k = prepare(b, "gemm", DType.FP16, dims)) {
                assertThat(entry(k)).isEqualTo(ours);
                runsAndVerifies(k, "gemm", DType.FP16, dims);
            }
            if (wmma == null) {
                assertThatThrownBy(() -> prepare(b, CudaBackendProvider.OURS_WMMA, "gemm", DType.FP16, dims))
                        .isInstanceOf(BackendException.class)
                        .hasMessageContaining("ours' fp16 GEMM is this wmma kernel there");
                return;
            }
            try (PreparedKernel k = prepare(b, CudaBackendProvider.OURS_WMMA, "gemm", DType.FP16, dims)) {
                assertThat(entry(k)).isEqualTo(wmma);
                runsAndVerifies(k, "gemm", DType.FP16, dims);
            }
            try (PreparedKernel k = prepare(b, "gemm", DType.BF16, dims)) {
                assertThat(entry(k)).isEqualTo(ours.replace("f16", "bf16"));
                runsAndVerifies(k, "gemm", DType.BF16, dims);
            }
            try (PreparedKernel k = prepare(b, CudaBackendProvider.OURS_WMMA, "gemm", DType.BF16, dims)) {
                assertThat(entry(k)).isEqualTo(wmma.replace("f16", "bf16"));
                runsAndVerifies(k, "gemm", DType.BF16, dims);
            }
        }
    }

    @ParameterizedTest(name = "sm_{0}{1} runs the {2} PTX")
    @CsvSource({"7,5,sm_75", "8,0,sm_80", "8,6,sm_86", "8,7,sm_86", "8,9,sm_89", "9,0,sm_90", "10,0,sm_90", "12,0,sm_90"
    })
    void everyGenerationRunsTheNewestPtxItCan(int major, int minor, String target) throws BackendException {
        StandInDriver.setDevice(major, minor, 12020); // a CUDA 12.2 driver (535), as many clusters run
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create()) {
            DeviceInfo d = b.devices().getFirst();
            assertThat(d.properties()).containsEntry("ptxTarget", target);
            try (PreparedKernel k = prepare(b, "gemm", DType.FP16, "M", 70, "N", 33, "K", 40)) {
                k.run(); // the stand-in refuses PTX for a newer target than the device (NO_BINARY_FOR_GPU)
                KernelInputs in =
                        CATALOGUE.kernel("gemm").inputs(Shape.of("gemm", "M", 70, "N", 33, "K", 40), DType.FP16, 7);
                assertThat(CATALOGUE.kernel("gemm").verify(in, k.output()).passed())
                        .isTrue();
            }
        }
    }

    @Test
    void bf16TensorCoreGemmIsRefusedOnTuringWithTheReasonAndTheRestStillRuns() throws BackendException {
        StandInDriver.setDevice(7, 5, 12020);
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create()) {
            DeviceInfo d = b.devices().getFirst();
            assertThat(b.implementations(d).getFirst().supports("gemm", DType.BF16))
                    .isFalse();
            assertThatThrownBy(() -> prepare(b, "gemm", DType.BF16, "M", 3, "N", 3, "K", 3))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("gemm/bf16 needs sm_80 or newer (bf16 tensor cores)")
                    .hasMessageContaining("is sm_75");
            try (PreparedKernel k = prepare(b, "softmax", DType.FP32, "R", 3, "C", 40)) {
                k.run();
            }
        }
    }

    @Test
    void voltaIsRefusedWithTheReason() throws BackendException {
        StandInDriver.setDevice(7, 0, 12020);
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create()) {
            DeviceInfo d = b.devices().getFirst();
            assertThat(b.implementations(d).getFirst().availability().reason()).endsWith(PtxTargets.VOLTA_REASON);
            assertThatThrownBy(() -> prepare(b, "triad", DType.FP32, "N", 9))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("is sm_70: " + PtxTargets.VOLTA_REASON);
        }
    }

    @Test
    void aDriverTooOldForTheTargetsPtxIsRefusedNamingTheDriverItNeeds() throws BackendException {
        StandInDriver.setDevice(9, 0, 11070); // CUDA 11.7: knows PTX ISA up to 7.7, sm_90's is 7.8
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create()) {
            assertThatThrownBy(() -> prepare(b, "triad", DType.FP32, "N", 9))
                    .isInstanceOf(BackendException.class)
                    .hasMessage("cuda:0: the driver (CUDA 11.7) is too old: sm_90 PTX (ISA 7.8) needs CUDA 11.8,"
                            + " driver 520 or newer");
        }
        StandInDriver.setDevice(8, 0, 11070); // the same driver runs an A100's PTX (ISA 7.0)
        try (CudaBackend b = (CudaBackend) new CudaBackendProvider().create();
                PreparedKernel k = prepare(b, "triad", DType.FP32, "N", 9)) {
            k.run();
        }
    }
}
