package org.joulebench.harness.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.harness.cli.JoulebenchCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vectors} and {@code verify-outputs} round-trip with NumPy: NumPy reads the files joulebench wrote (SHA-256,
 * types, shapes, int4 packing), agrees with the reference, and writes an output joulebench then checks.
 */
class GoldenVectorsTest {
    private static final Path NUMPY_SIDE =
            Path.of("src/test/resources/vectors/numpy_side.py").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run joulebench(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = new CommandLine(new JoulebenchCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** NumPy's side (numpy_side.py): its output file for the vectors in {@code dir}. */
    private Path numpy(Path dir, String mode) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        Process probe = new ProcessBuilder("python3", "-c", "import numpy").start();
        boolean numpy = probe.waitFor() == 0;
        if (ci) {
            assertThat(numpy)
                    .as("python3 imports numpy in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(numpy, "python3 here does not import numpy");
        Path out = tmp.resolve(dir.getFileName() + "-" + mode + ".npy");
        Process p = new ProcessBuilder("python3", NUMPY_SIDE.toString(), dir.toString(), out.toString(), mode)
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        assertThat(text).contains("numpy side ok");
        return out;
    }

    @Test
    void gemmRoundTripsThroughNumpy() throws Exception {
        Path dir = tmp.resolve("gemm-fp32");
        Run w = joulebench(
                "vectors", "--kernel", "gemm", "--shape", "M=33,N=65,K=129", "--seed", "7", "--out", dir.toString());
        assertThat(w.exit()).as(w.err()).isZero();
        assertThat(w.out()).contains("golden vectors for gemm fp32 M=33,N=65,K=129 (seed 7)");
        String manifest = Files.readString(dir.resolve(GoldenVectors.MANIFEST));
        assertThat(manifest).contains("\"weight\" : true", "\"operations\" : " + 2 * 33 * 65 * 129, "\"seed\" : 7");

        Run ok = joulebench("verify-outputs", dir.toString(), numpy(dir, "ok").toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out())
                .startsWith("PASSED gemm fp32 custom (M=33,N=65,K=129, seed 7)")
                .contains("max relative error");

        Run nan = joulebench("verify-outputs", dir.toString(), numpy(dir, "nan").toString());
        assertThat(nan.exit()).isEqualTo(1);
        assertThat(nan.out()).startsWith("FAILED gemm fp32");

        Run wrong =
                joulebench("verify-outputs", dir.toString(), numpy(dir, "wrong").toString());
        assertThat(wrong.exit()).isEqualTo(1);
    }

    @Test
    void bf16AndPackedInt4RoundTrip() throws Exception {
        Path bf16 = tmp.resolve("gemm-bf16");
        assertThat(joulebench(
                                "vectors",
                                "--kernel",
                                "gemm",
                                "--dtype",
                                "bf16",
                                "--shape",
                                "M=5,N=7,K=9",
                                "--out",
                                bf16.toString())
                        .exit())
                .isZero();
        assertThat(joulebench(
                                "verify-outputs",
                                bf16.toString(),
                                numpy(bf16, "ok").toString())
                        .exit())
                .isZero();
        Path int4 = tmp.resolve("qgemv-int4");
        Run w = joulebench(
                "vectors",
                "--kernel",
                "qgemv",
                "--dtype",
                "int4",
                "--shape",
                "M=9,K=67,G=32",
                "--out",
                int4.toString());
        assertThat(w.exit()).as(w.err()).isZero();
        assertThat(Files.readString(int4.resolve(GoldenVectors.MANIFEST))).contains("\"descr\" : \"|u1\"");
        Run ok = joulebench("verify-outputs", int4.toString(), numpy(int4, "ok").toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    }

    @Test
    void badInputIsNamedInOneLine() throws Exception {
        Path dir = tmp.resolve("triad");
        assertThat(joulebench("vectors", "--kernel", "triad", "--shape", "N=100", "--out", dir.toString())
                        .exit())
                .isZero();
        // an output of another shape
        Path wrongShape = tmp.resolve("wrong-shape.npy");
        org.joulebench.kernels.Npy.write(wrongShape, org.joulebench.kernels.Tensor.f32("y", new float[99], 99));
        Run r = joulebench("verify-outputs", dir.toString(), wrongShape.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("shape (99,), expected (100,)");
        // a vectors file changed after it was written
        Path b = dir.resolve("input-b.npy");
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length - 1] ^= 1;
        Files.write(b, bytes);
        Run tampered = joulebench("verify-outputs", dir.toString(), wrongShape.toString());
        assertThat(tampered.exit()).isEqualTo(2);
        assertThat(tampered.err()).contains("input-b.npy: SHA-256", "differs from the manifest's");
        // unknown kernel / dtype the kernel does not define
        assertThat(joulebench("vectors", "--kernel", "nope", "--out", tmp.toString())
                        .exit())
                .isEqualTo(2);
        assertThat(joulebench("vectors", "--kernel", "triad", "--dtype", "int8", "--out", tmp.toString())
                        .err())
                .contains("triad is defined for [fp32], not int8");
    }
}
