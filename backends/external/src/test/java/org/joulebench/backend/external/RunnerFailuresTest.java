package org.joulebench.backend.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.PreparedKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a runner can fail (the bad-input list), with real runner processes: each is a refused
 * implementation or a failed kernel with a one-line reason, and no process of the runner outlives its backend.
 */
class RunnerFailuresTest {
    private static final Kernel GEMM = KernelCatalogue.standard().kernel("gemm");
    private static final KernelInputs INPUTS = GEMM.inputs(Shape.of("gemm", "M", 5, "N", 7, "K", 3), DType.FP32, 1);

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void needsNumpy() {
        Runners.assumeNumpy();
    }

    /**
     * A runner that misbehaves in one way (src/test/resources/bad_runner.py): a 3 s reply timeout for the one that
     * never answers, 30 s for the others (a loaded machine can take seconds to answer; hello gets 60 s anyway).
     */
    private ExternalBackendProvider bad(String mode) throws Exception {
        Path descriptor = tmp.resolve(mode + ".runner.json");
        Files.writeString(descriptor, """
                {"command": ["python3", "%s", "%s"], "replyTimeoutSeconds": %d}
                """.formatted(Runners.BAD, mode, mode.equals("hang-run") ? 3 : 30));
        return new ExternalBackendProvider(descriptor.toString());
    }

    /** What fails while the kernel is prepared, run and read back; the runner's tree must be gone after close. */
    private Throwable failureOf(String mode) throws Exception {
        ExternalBackendProvider provider = bad(mode);
        assertThat(provider.availability().available())
                .as(provider.availability().reason())
                .isTrue();
        ExternalBackend backend = (ExternalBackend) provider.create();
        List<ProcessHandle> tree;
        Throwable failure;
        try {
            tree = backend.runner().tree();
            failure = catchThrowable(() -> {
                try (PreparedKernel p =
                        backend.prepare(GEMM, INPUTS, backend.devices().getFirst(), "numpy")) {
                    p.run();
                    VerificationResult v = GEMM.verify(INPUTS, p.output());
                    if (!v.passed()) {
                        throw new AssertionError("verification: " + v.message());
                    }
                }
            });
        } finally {
            backend.close();
        }
        assertGone(tree);
        return failure;
    }

    static void assertGone(List<ProcessHandle> tree) throws InterruptedException {
        assertThat(tree).as("the runner's process tree while it ran").isNotEmpty();
        long end = System.nanoTime() + 5_000_000_000L;
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(tree.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(h -> h.pid() + " " + h.info().commandLine()))
                .as("runner processes alive after the backend closed")
                .isEmpty();
    }

    private static void assertOneLine(Throwable t, String... parts) {
        assertThat(t).isNotNull();
        assertThat(t.getMessage()).doesNotContain("\n").doesNotContain("\u001b").contains(parts);
    }

    @Test
    void aRunnerThatIsNotExecutableMakesTheBackendUnavailable() throws Exception {
        Path script = tmp.resolve("runner.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Availability a = new ExternalBackendProvider(script.toString()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("cannot start", "Permission denied").doesNotContain("\n");
        Availability missing = new ExternalBackendProvider("/nonexistent/npu-runner --card 0").availability();
        assertThat(missing.reason()).contains("'/nonexistent/npu-runner --card 0' cannot start");
    }

    @Test
    void anotherProtocolVersionIsRefusedByName() throws Exception {
        Availability a = bad("protocol2").availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo("runner speaks protocol 2; joulebench speaks 1");
    }

    @Test
    void aRefusalIsABackendExceptionWithTheRunnersReasonAndTheRunnerStaysUsable() throws Exception {
        try (ExternalBackend backend = (ExternalBackend) bad("refuse").create()) {
            var device = backend.devices().getFirst();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> backend.prepare(GEMM, INPUTS, device, "numpy"))
                        .isInstanceOf(BackendException.class)
                        .hasMessageContaining("refused by the runner: this chip has no gemm");
            }
            assertThat(backend.runner().isAlive()).isTrue();
        }
    }

    @Test
    void aWrongShapeIsNamed() throws Exception {
        assertOneLine(failureOf("wrong-shape"), "gemm/fp32", "output: shape (5, 6), expected (5, 7)");
    }

    @Test
    void aWrongDtypeIsNamed() throws Exception {
        assertOneLine(failureOf("wrong-dtype"), "output: descr '<f8', expected '<f4'");
    }

    @Test
    void nansFailVerification() throws Exception {
        assertThat(failureOf("nan")).isInstanceOf(AssertionError.class).hasMessageContaining("verification");
    }

    @Test
    void aTruncatedNpyIsNamed() throws Exception {
        assertOneLine(failureOf("truncated"), "output: truncated, 132 of 140 data bytes");
    }

    @Test
    void aRunnerThatNeverAnswersTimesOutAndIsKilled() throws Exception {
        long start = System.nanoTime();
        assertOneLine(failureOf("hang-run"), "runner did not reply to run 1 within 3 s");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void aHundredMegabyteLineIsCutOff() throws Exception {
        assertOneLine(failureOf("huge-line"), "runner's reply to run 1: line longer than 1048576 bytes");
    }

    @Test
    void garbageIsNamed() throws Exception {
        assertOneLine(failureOf("garbage"), "is not a JSON object with an \"op\": this is not json");
    }

    @Test
    void aRunnerThatExitsMidBatchFailsWithItsStatusAndStderr() throws Exception {
        assertOneLine(
                failureOf("exit-mid-batch"),
                "runner exited during run 1 (exit status 3)",
                "stderr: device lost [31m in batch");
    }

    @Test
    void childrenOfTheRunnerAreEndedWithItEvenOnesThatLeftItsProcessGroup() throws Exception {
        assertThat(failureOf("spawn-child")).isNull();
    }

    @Test
    void aRunnerThatIgnoresCloseAndEndOfInputIsKilled() throws Exception {
        long start = System.nanoTime();
        assertThat(failureOf("ignore-close")).isNull();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }
}
