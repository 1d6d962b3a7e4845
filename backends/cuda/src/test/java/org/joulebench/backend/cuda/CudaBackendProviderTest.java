package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.vocabulary.ImplementationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaBackendProviderTest {
    @TempDir
    Path tmp;

    @Test
    void availableOnAMachineWithDriverLibraryModuleGpuAndNatives() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        var provider = new CudaBackendProvider(m.env());

        var a = provider.availability();

        assertThat(a.available()).as(a.reason()).isTrue();
        assertThat(a.reason()).contains("1 GPU(s)", "580.65.06", "libcuda.so.1");
        assertThat(provider.devices()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("NVIDIA H200");
            assertThat(d.hardwareId()).isEqualTo("0000:19:00.0");
        });
    }

    @Test
    void noDriverLibrary() throws Exception {
        FakeMachine m = new FakeMachine(tmp)
                .driverVersion("580.65.06")
                .gpu("0000:19:00.0", "NVIDIA H200", "GPU-a", "0000:19:00.0");
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("no NVIDIA driver: libcuda.so.1 not found");
    }

    @Test
    void driverLibraryOnLdLibraryPathCounts() throws Exception {
        FakeMachine m = new FakeMachine(tmp)
                .driverVersion("580.65.06")
                .gpu("0000:19:00.0", "NVIDIA H200", "GPU-a", "0000:19:00.0");
        FakeMachine.touch(m.ldLib, "libcuda.so.1");
        assertThat(new CudaBackendProvider(m.env()).availability().available()).isTrue();
    }

    @Test
    void noKernelModule() throws Exception {
        FakeMachine m = new FakeMachine(tmp).driverLibrary();
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo("NVIDIA kernel module not loaded: no " + m.proc);
    }

    @Test
    void noGpu() throws Exception {
        FakeMachine m = new FakeMachine(tmp).driverLibrary().driverVersion("580.65.06");
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("no NVIDIA GPU:").endsWith("lists none");
    }

    @Test
    void driverTooOldForEveryCommittedPtx() throws Exception {
        FakeMachine m = new FakeMachine(tmp)
                .driverLibrary()
                .driverVersion("390.157")
                .gpu("0000:19:00.0", "NVIDIA H100", "GPU-a", "0000:19:00.0");
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason())
                .isEqualTo(
                        "NVIDIA driver 390.157 is too old: our oldest PTX (ISA 6.3) needs CUDA 10.0, driver 410 or newer");
    }

    @Test
    void theDriversManyClustersStillRunAreEnough() throws Exception {
        // the PTX used to declare ISA 9.0 (CUDA 13, driver 580+): H100/A100 clusters on 535-570 had no cuda
        for (String driver : java.util.List.of("535.247.01", "550.127.05", "570.172.08")) {
            FakeMachine m = new FakeMachine(tmp.resolve(driver))
                    .driverLibrary()
                    .driverVersion(driver)
                    .gpu("0000:19:00.0", "NVIDIA H100 80GB HBM3", "GPU-a", "0000:19:00.0");
            assertThat(new CudaBackendProvider(m.env()).availability().available())
                    .as(driver)
                    .isTrue();
        }
    }

    @Test
    void voltaIsListedUnsupportedWithTheReasonAndTuringWithoutBf16() throws Exception {
        FakeMachine m = new FakeMachine(tmp)
                .driverLibrary()
                .driverVersion("535.247.01")
                .gpu("0000:19:00.0", "Tesla V100-SXM2-32GB", "GPU-a", "0000:19:00.0")
                .gpu("0000:3b:00.0", "Tesla T4", "GPU-b", "0000:3b:00.0");
        var provider = new CudaBackendProvider(m.env());
        var devices = provider.devices();
        Implementation voltaOurs = provider.implementations(devices.get(0)).getFirst();
        assertThat(voltaOurs.availability().available()).isFalse();
        assertThat(voltaOurs.availability().reason())
                .isEqualTo("Tesla V100-SXM2-32GB is sm_70: " + PtxTargets.VOLTA_REASON);
        Implementation turingOurs = provider.implementations(devices.get(1)).getFirst();
        assertThat(turingOurs.availability().available()).isTrue();
        assertThat(turingOurs.supports("gemm", DType.BF16)).isFalse();
        assertThat(turingOurs.supports("gemm", DType.FP16)).isTrue();
        // on Turing ours' fp16 GEMM is the wmma kernel itself: no second row of the same kernel
        Implementation turingWmma = provider.implementations(devices.get(1)).getLast();
        assertThat(turingWmma.id()).isEqualTo(CudaBackendProvider.OURS_WMMA);
        assertThat(turingWmma.availability().available()).isFalse();
        assertThat(turingWmma.availability().reason())
                .isEqualTo("Tesla T4 is sm_75: ours' fp16 GEMM is this wmma kernel there (the tuned one needs"
                        + " sm_80's cp.async and bf16 mma.sync)");
    }

    @Test
    void theWmmaGemmStaysBesideTheTunedOneAsAFallbackForFp16AndBf16Only() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        var provider = new CudaBackendProvider(m.env());
        Implementation wmma =
                provider.implementations(provider.devices().getFirst()).getLast();
        assertThat(wmma.id()).isEqualTo("ours-wmma");
        assertThat(wmma.kind()).isEqualTo(ImplementationKind.PORTABLE);
        assertThat(wmma.availability().available()).isTrue();
        assertThat(wmma.supportedText())
                .isEqualTo(new Implementation(
                                "x",
                                ImplementationKind.PORTABLE,
                                "",
                                wmma.availability(),
                                java.util.Set.of(
                                        new org.joulebench.kernels.spi.KernelVariant("gemm", DType.FP16),
                                        new org.joulebench.kernels.spi.KernelVariant("gemm", DType.BF16)))
                        .supportedText());
    }

    @Test
    void noJCudaNativesForThisPlatform() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        m.osArch = "riscv64";
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("JCuda 12.6.0 has no driver-API natives for linux-riscv64");
    }

    @Test
    void createRefusesWithTheReasonAndLoadsNoNativeCode() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        assertThatThrownBy(() -> new CudaBackendProvider(m.env()).create())
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("cuda is not available: no NVIDIA driver");
    }

    @Test
    void oursIsPortableAndCoversTheCommittedKernelsCublasIsAVendorLibraryForGemm() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        var provider = new CudaBackendProvider(m.env());
        DeviceInfo gpu = provider.devices().getFirst();

        var impls = provider.implementations(gpu);

        assertThat(impls).extracting(Implementation::id).containsExactly("ours", "cublas", "ours-wmma");
        Implementation ours = impls.get(0);
        assertThat(ours.kind()).isEqualTo(ImplementationKind.PORTABLE);
        assertThat(ours.availability().available()).isTrue();
        assertThat(ours.description()).contains("sm_90", "nvcc 13.0");
        assertThat(ours.supports("gemm", DType.BF16)).isTrue();
        assertThat(ours.supports("softmax", DType.FP32)).isTrue();
        assertThat(ours.supports("gemm", DType.INT8)).isTrue();
        assertThat(ours.supports("attention-causal", DType.FP32)).isTrue();
        assertThat(ours.supports("qgemv", DType.INT4)).isTrue();
        assertThat(ours.supports("conv2d", DType.FP16)).isFalse();
        Implementation cublas = impls.get(1);
        assertThat(cublas.kind()).isEqualTo(ImplementationKind.VENDOR_LIBRARY);
        assertThat(cublas.supports("gemm", DType.FP16)).isTrue();
        assertThat(cublas.availability().available()).isFalse();
        assertThat(cublas.availability().reason()).startsWith("libcublas.so.N not found");
    }

    @Test
    void cublasFoundInTheWheelIsDescribedWithItsVersion() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        FakeMachine.touch(m.site.resolve("nvidia/cublas/lib"), "libcublas.so.13");
        var provider = new CudaBackendProvider(m.env());

        Implementation cublas =
                provider.implementations(provider.devices().getFirst()).get(1);

        assertThat(cublas.description()).startsWith("cuBLAS 13 (").contains("Python package nvidia-cublas");
        assertThat(cublas.availability().available()).isTrue();
        assertThat(cublas.availability().reason()).contains("found", "libcublas.so.13");
        assertThat(cublas.supportedText()).contains("gemm/fp32", "gemm/fp16", "gemm/bf16", "gemv/fp32");
        assertThat(cublas.supports("gemm", DType.INT8))
                .as("no libcublasLt.so.13 beside it")
                .isFalse();
        assertThat(cublas.description()).contains("no gemm/int8: libcublasLt.so.13 not found");

        FakeMachine.touch(m.site.resolve("nvidia/cublas/lib"), "libcublasLt.so.13");
        Implementation withLt =
                provider.implementations(provider.devices().getFirst()).get(1);
        assertThat(withLt.supports("gemm", DType.INT8)).isTrue();
        assertThat(withLt.description()).contains("cublasLtMatmul int8 (CUBLAS_COMPUTE_32I)");
    }

    @Test
    void cublasFromTheCuda13WheelLayoutIsFound() throws Exception {
        FakeMachine m = new FakeMachine(tmp).withOneGpu();
        FakeMachine.touch(m.site.resolve("nvidia/cu13/lib"), "libcublas.so.13");
        var provider = new CudaBackendProvider(m.env());
        assertThat(provider.implementations(provider.devices().getFirst())
                        .get(1)
                        .availability()
                        .available())
                .isTrue();
    }

    @Test
    void implementationsOnAnUnusableMachineCarryTheProviderReason() throws Exception {
        FakeMachine m = new FakeMachine(tmp);
        var provider = new CudaBackendProvider(m.env());
        DeviceInfo someGpu = new DeviceInfo(
                "cuda:0", "NVIDIA H200", org.joulebench.vocabulary.DeviceKind.GPU, "0000:19:00.0", null, null);
        assertThat(provider.implementations(someGpu))
                .allSatisfy(i -> assertThat(i.availability().reason()).startsWith("no NVIDIA driver"));
    }

    @Test
    void registeredAsAServiceAndHonestOnThisMachine() {
        var provider = Backends.providers(getClass().getClassLoader()).stream()
                .filter(p -> p.id().equals("cuda"))
                .findFirst()
                .orElseThrow();
        var a = provider.availability();
        assertThat(a.reason()).isNotBlank();
        if (a.available()) {
            // a real GPU, or the stand-in this module's tests point the provider at (and then it says so)
            boolean standIn = provider.devices().stream().anyMatch(d -> NvidiaProcfs.isStandIn(d.name()));
            assertThat(standIn || Files.isDirectory(Path.of("/proc/driver/nvidia/gpus")))
                    .isTrue();
            if (standIn) {
                assertThat(a.reason()).startsWith(CudaBackendProvider.STAND_IN_NOTE);
            }
        }
    }
}
