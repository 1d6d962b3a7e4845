package org.joulebench.backend.cpu.openblas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenBLAS binding against the catalogue's double-precision reference on odd shapes. Tests that
 * need the library are skipped, with the reason, where it is not installed (Debian: libopenblas0).
 */
class OpenBlasTest {
    private static final KernelCatalogue CATALOGUE = KernelCatalogue.standard();

    private static OpenBlas blas() {
        OpenBlas.Availability av = OpenBlas.availability();
        assumeTrue(av.available(), av.reason());
        return OpenBlas.get();
    }

    static Stream<Arguments> gemmShapes() {
        return Stream.of(
                        new int[] {1, 1, 1},
                        new int[] {7, 13, 17},
                        new int[] {33, 1, 65},
                        new int[] {1, 600, 131},
                        new int[] {70, 37, 300},
                        new int[] {129, 257, 63})
                .flatMap(d -> Stream.of(1, 2).map(t -> Arguments.of(d[0], d[1], d[2], t)));
    }

    @ParameterizedTest(name = "sgemm {0}×{1}×{2} on {3} threads")
    @MethodSource("gemmShapes")
    void sgemmMatchesTheReference(int m, int n, int k, int threads) {
        OpenBlas blas = blas();
        blas.setNumThreads(threads);
        Kernel gemm = CATALOGUE.kernel("gemm");
        KernelInputs in = gemm.inputs(Shape.of("gemm", "M", m, "N", n, "K", k), DType.FP32, 5);
        float[] c = new float[m * n];
        blas.sgemm(m, n, k, in.tensor("A").f32(), in.tensor("B").f32(), c);
        VerificationResult v = gemm.verify(in, Tensor.f32("C", c, m, n));
        assertThat(v.passed()).as("%s", v).isTrue();
    }

    @Test
    void sgemmHonoursTransposesOffsetsStridesAlphaAndBeta() {
        OpenBlas blas = blas();
        int m = 5, n = 3, k = 4, lda = 7, ldb = 6, ldc = 9, ao = 2, bo = 1, co = 3;
        float[] a = new float[ao + k * lda], b = new float[bo + n * ldb], c = new float[co + m * ldc];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 5) - 2;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 7) - 3;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = i;
        }
        float[] expected = c.clone();
        // A stored transposed (k×m, row stride lda), B transposed (n×k, row stride ldb)
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ao + p * lda + i] * b[bo + j * ldb + p];
                }
                expected[co + i * ldc + j] = 2 * s + 0.5f * c[co + i * ldc + j];
            }
        }
        blas.sgemm(true, true, m, n, k, 2f, a, ao, lda, b, bo, ldb, 0.5f, c, co, ldc);
        assertThat(c).containsExactly(expected);
    }

    @Test
    void sgemvMatchesTheReference() {
        OpenBlas blas = blas();
        Kernel gemv = CATALOGUE.kernel("gemv");
        for (int[] d : new int[][] {{1, 1}, {7, 13}, {1001, 67}}) {
            KernelInputs in = gemv.inputs(Shape.of("gemv", "M", d[0], "K", d[1]), DType.FP32, 3);
            float[] y = new float[d[0]];
            blas.sgemv(d[0], d[1], in.tensor("A").f32(), in.tensor("x").f32(), y);
            VerificationResult v = gemv.verify(in, Tensor.f32("y", y, d[0]));
            assertThat(v.passed()).as("%s", v).isTrue();
        }
    }

    @Test
    void refusesArraysTooSmallForTheShapeInsteadOfReadingPastThem() {
        OpenBlas blas = blas();
        assertThatThrownBy(() -> blas.sgemm(4, 4, 4, new float[15], new float[16], new float[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A: 4×4")
                .hasMessageContaining("the array has 15");
    }

    @Test
    void reportsItsBuildCoreAndThreads() {
        OpenBlas blas = blas();
        assertThat(blas.config()).contains("OpenBLAS");
        assertThat(blas.coreName()).isNotBlank();
        blas.setNumThreads(1);
        assertThat(blas.numThreads()).isEqualTo(1);
        assertThat(blas.describe()).contains(blas.library().toString()).contains("core " + blas.coreName());
        assertThat(OpenBlas.availability().reason()).contains("core ");
    }

    @Test
    void halfPrecisionGemmsAreOfferedOnlyWhereTheLibraryHasThem() {
        OpenBlas blas = blas();
        if (!blas.hasSbgemm()) {
            assertThatThrownBy(() -> blas.sbgemm(1, 1, 1, new short[1], new short[1], new float[1]))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cblas_sbgemm");
        } else {
            short one = (short) (Float.floatToIntBits(1.5f) >>> 16), two = (short) (Float.floatToIntBits(2f) >>> 16);
            float[] c = new float[1];
            blas.sbgemm(1, 1, 1, new short[] {one}, new short[] {two}, c);
            assertThat(c[0]).isEqualTo(3f);
        }
    }

    @Test
    void aMissingOrForeignLibraryIsUnavailableWithTheReason(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> OpenBlas.open(dir.resolve("libopenblas.so.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load");
        Path notALibrary = Files.writeString(dir.resolve("libfake.so"), "not an ELF file");
        assertThatThrownBy(() -> OpenBlas.open(notALibrary)).isInstanceOf(IllegalArgumentException.class);
        Path libc = Stream.of(
                        "/lib/x86_64-linux-gnu/libc.so.6",
                        "/usr/lib/x86_64-linux-gnu/libc.so.6",
                        "/lib/aarch64-linux-gnu/libc.so.6")
                .map(Path::of)
                .filter(Files::exists)
                .findFirst()
                .orElse(null);
        if (libc != null) {
            assertThatThrownBy(() -> OpenBlas.open(libc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an OpenBLAS");
        }
    }

    @Test
    void candidatesPutThePropertyThenTheEnvironmentFirst() {
        List<Path> c = OpenBlas.candidates("/opt/a/libopenblas.so", "/opt/b/libopenblas.so");
        assertThat(c.subList(0, 2)).containsExactly(Path.of("/opt/a/libopenblas.so"), Path.of("/opt/b/libopenblas.so"));
        assertThat(OpenBlas.candidates(null, " ")).noneMatch(p -> p.toString().isBlank());
        assertThat(OpenBlas.candidates(null, null)).anyMatch(p -> p.endsWith("libopenblas.so.0"));
    }

    @Test
    void warnsWhenTheEnvironmentForcesTheCoreTypeOrCacheSize() {
        assertThat(OpenBlas.environmentWarnings(Map.of("PATH", "/bin"))).isEmpty();
        assertThat(OpenBlas.environmentWarnings(Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "262144")))
                .hasSize(2)
                .anyMatch(w -> w.startsWith("OPENBLAS_CORETYPE=Haswell"))
                .anyMatch(w -> w.startsWith("OPENBLAS_L2_SIZE=262144"));
    }

    /**
     * numpy's bundled OpenBLAS (scipy-openblas, ILP64 with prefixed symbols), where present, through the
     * same binding: both libraries must agree with the reference.
     */
    @Test
    void numpysBundledOpenBlasIsAPeerThroughTheSameBinding() throws Exception {
        Path peer = numpyOpenBlas();
        assumeTrue(peer != null, "numpy's bundled OpenBLAS not found (python3 with numpy not installed)");
        OpenBlas other = OpenBlas.open(peer);
        assertThat(other.ilp64()).isTrue();
        Kernel gemm = CATALOGUE.kernel("gemm");
        KernelInputs in = gemm.inputs(Shape.of("gemm", "M", 70, "N", 37, "K", 300), DType.FP32, 9);
        float[] c = new float[70 * 37];
        other.sgemm(70, 37, 300, in.tensor("A").f32(), in.tensor("B").f32(), c);
        assertThat(gemm.verify(in, Tensor.f32("C", c, 70, 37)).passed()).isTrue();
        assertThat(other.coreName()).isNotBlank();
    }

    /** The scipy-openblas library next to numpy, asked of python3 itself; null when there is none. */
    private static Path numpyOpenBlas() {
        try {
            Process p = new ProcessBuilder(
                            "python3",
                            "-c",
                            "import numpy, os, glob; d = os.path.join(os.path.dirname(numpy.__file__), os.pardir,"
                                    + " 'numpy.libs'); print('\\n'.join(glob.glob(os.path.join(d, 'libscipy_openblas*.so'))))")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0 || out.isEmpty() || out.contains("Error")) {
                return null;
            }
            Path path = Path.of(out.lines().findFirst().orElseThrow());
            return Files.exists(path) ? path : null;
        } catch (Exception e) {
            return null;
        }
    }
}
