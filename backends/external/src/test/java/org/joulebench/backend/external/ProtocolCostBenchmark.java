package org.joulebench.backend.external;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * The runner protocol's cost, measured (a benchmark, not a test; ratios in one run, with the load average):
 *
 * <ul>
 *   <li>{@code noop} through the NumPy runner: a {@code run 1} round trip (the cost per batch) and {@code run
 *       100000} (per invocation);
 *   <li>triad, gemm and softmax at S and M: time per invocation through the runner ({@code run n} round trips,
 *       n by the harness's rule: at least the backend's minimum call time, 20 ms) against the same NumPy function timed in-process by
 *       {@code bench/inprocess_timeit.py} ({@code timeit}); ratio = in-process time / runner time (1.0: the
 *       protocol costs nothing; the target is >= 0.95 at M). Rounds alternate between the two. The
 *       "protocol" column is the share of the runner's wall time (the {@code run n} round trip) that is not the
 *       runner's own time for the n invocations ({@code deviceSeconds}): the protocol's cost, free of how fast
 *       NumPy happens to compute in one process or the other on a busy machine.
 * </ul>
 *
 * Run from backends/external after {@code ./mvnw -B -q -pl backends/external -am test-compile}:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" org.joulebench.backend.external.ProtocolCostBenchmark}
 */
public final class ProtocolCostBenchmark {
    private static final int ROUNDS = 5;
    private static final long CALL_NANOS = 1_000_000; // the harness's batch target (BatchSize)
    private static final long ROUND_NANOS = 300_000_000;

    public static void main(String[] args) throws Exception {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        System.out.println("load average before: " + loadAverage());
        try (Backend backend = new NumpyRunnerProvider().create()) {
            var device = backend.devices().getFirst();
            Kernel noop = catalogue.kernel("noop");
            try (PreparedKernel p = backend.prepare(
                    noop, noop.inputs(catalogue.shape("noop", Size.S), DType.FP32, 1), device, "numpy")) {
                double batch = Double.MAX_VALUE, perInvocation = Double.MAX_VALUE;
                for (int r = 0; r < ROUNDS; r++) {
                    batch = Math.min(batch, timePerCall(p, 1, 2000));
                    perInvocation = Math.min(perInvocation, timePerCall(p, 100_000, 5) / 100_000);
                }
                System.out.printf(
                        Locale.ROOT,
                        "noop through the NumPy runner: %.1f us per batch (run 1 round trip), %.1f ns per invocation"
                                + " (run 100000)%n",
                        batch / 1e3,
                        perInvocation);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-8s %-4s %-26s %6s %14s %14s %14s %9s %7s%n",
                    "kernel",
                    "size",
                    "dims",
                    "n",
                    "runner ns/inv",
                    "its own ns/inv",
                    "in-proc ns/inv",
                    "protocol",
                    "ratio");
            for (String k : List.of("triad", "gemm", "softmax")) {
                for (Size size : List.of(Size.S, Size.M)) {
                    Kernel kernel = catalogue.kernel(k);
                    Shape shape = catalogue.shape(k, size);
                    KernelInputs in = kernel.inputs(shape, DType.FP32, 1);
                    try (PreparedKernel p = backend.prepare(kernel, in, device, "numpy")) {
                        p.run();
                        double single = timePerCall(p, 1, 3);
                        int n = (int) Math.max(1, Math.ceil(Math.max(CALL_NANOS, p.batchTargetNanos()) / single));
                        double runner = Double.MAX_VALUE, own = Double.MAX_VALUE, inProcess = Double.MAX_VALUE;
                        for (int r = 0; r < ROUNDS; r++) {
                            int calls = (int) Math.max(3, ROUND_NANOS / (single * n));
                            p.drainMetrics();
                            double wall = timePerCall(p, n, calls) / n;
                            double ownTime = p.drainMetrics().stream()
                                            .filter(m -> m.name().equals("runner-time"))
                                            .mapToDouble(m -> m.value())
                                            .sum()
                                    / ((double) n * calls);
                            if (wall < runner) {
                                runner = wall;
                                own = ownTime;
                            }
                            inProcess = Math.min(inProcess, inProcess(k, shape, in, n, calls));
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "%-8s %-4s %-26s %6d %14.0f %14.0f %14.0f %8.2f%% %7.3f%n",
                                k,
                                size,
                                shape.dimsText(),
                                n,
                                runner,
                                own,
                                inProcess,
                                100 * (1 - own / runner),
                                inProcess / runner);
                    }
                }
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    /** Nanoseconds per {@code runBatch(n)} call, over {@code calls} calls. */
    private static double timePerCall(PreparedKernel p, int n, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            p.runBatch(n);
        }
        return (System.nanoTime() - t0) / (double) calls;
    }

    private static double inProcess(String kernel, Shape shape, KernelInputs in, int number, int repeats)
            throws IOException, InterruptedException {
        StringBuilder dims = new StringBuilder("{");
        shape.dims()
                .forEach((k, v) -> dims.append(dims.length() > 1 ? "," : "")
                        .append('"')
                        .append(k)
                        .append("\":")
                        .append(v));
        StringBuilder scalars = new StringBuilder("{");
        in.scalars()
                .forEach((k, v) -> scalars.append(scalars.length() > 1 ? "," : "")
                        .append('"')
                        .append(k)
                        .append("\":")
                        .append(v));
        List<String> cmd = new ArrayList<>(List.of(
                "python3",
                Path.of("bench/inprocess_timeit.py").toString(),
                kernel,
                "fp32",
                dims + "}",
                scalars + "}",
                Integer.toString(number),
                Integer.toString(Math.min(repeats, 50))));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (proc.waitFor() != 0) {
            throw new IllegalStateException("inprocess_timeit.py failed: " + out);
        }
        return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow()) * 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
