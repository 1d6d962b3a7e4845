package org.joulebench.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.joulebench.backend.cpu.openblas.OpenBlas;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * Prints speed ratios of the CPU backend measured back to back in one process, so that a shared or
 * throttled machine moves both sides of each ratio alike: our fp32 GEMM / OpenBLAS sgemm at S, M, L on 1
 * and all threads (and bf16/fp16/int8 GEMM / our fp32 GEMM); each memory-bound kernel's GB/s / the
 * STREAM triad's GB/s at M and L; attention and conv2d GFLOP/s / our fp32 GEMM's at M. Each ratio is
 * the median over repetitions of (A rate / B rate) with A and B timed alternately (A, B, A, B, ...),
 * with its min–max; the machine's load average is printed with each row. Not a test: nothing is
 * asserted. Run it as backends/cpu/README.md says.
 *
 * <p>Options: {@code --sections gemm,lowp,memory,fused} (default all), {@code --sizes S,M,L},
 * {@code --threads 1,2}, {@code --reps 7}, {@code --min-sample-ms 200}, {@code --memory-kernels
 * softmax/fp32,gelu/fp32} (default all).
 */
public final class CpuRatiosBenchmark {

    /** One side of a ratio: something to time, and the work one call does (FLOPs or bytes). */
    private record Side(String name, Runnable call, double work, String unit) {}

    /** The result of a pair measured alternately. */
    private record Pair(double aRate, double bRate, double ratio, double ratioMin, double ratioMax, int reps) {}

    private final KernelCatalogue catalogue = KernelCatalogue.standard();
    private final int reps;
    private final long minSampleNanos;
    private final List<String> table = new ArrayList<>();

    private final Set<String> memoryKernels;

    private CpuRatiosBenchmark(int reps, long minSampleMillis, Set<String> memoryKernels) {
        this.reps = reps;
        this.memoryKernels = memoryKernels;
        this.minSampleNanos = minSampleMillis * 1_000_000L;
    }

    public static void main(String[] args) throws Exception {
        Set<String> sections = new LinkedHashSet<>(List.of("gemm", "lowp", "memory", "fused"));
        List<Size> sizes = List.of(Size.S, Size.M, Size.L);
        int all = Runtime.getRuntime().availableProcessors();
        List<Integer> threads = all > 1 ? List.of(1, all) : List.of(1);
        int reps = 7;
        long minSample = 200;
        Set<String> memoryKernels = Set.of();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sections" -> sections = new LinkedHashSet<>(Arrays.asList(v.split(",")));
                case "--sizes" ->
                    sizes = Arrays.stream(v.split(",")).map(Size::valueOf).toList();
                case "--threads" ->
                    threads = Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
                case "--reps" -> reps = Integer.parseInt(v);
                case "--min-sample-ms" -> minSample = Long.parseLong(v);
                case "--memory-kernels" -> memoryKernels = Set.of(v.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        CpuRatiosBenchmark bench = new CpuRatiosBenchmark(reps, minSample, memoryKernels);
        System.out.printf(
                Locale.ROOT,
                "# CpuRatiosBenchmark: %d cores, Java %s, vector %d-bit (fp32 lanes %d), GEMM block %d×%d%n",
                all,
                Runtime.version(),
                Simd.F.vectorBitSize(),
                Simd.L,
                Simd.MR,
                Simd.NR);
        System.out.println("# load at start: " + load());
        OpenBlas blas = null;
        OpenBlas.Availability av = OpenBlas.availability();
        System.out.println("# OpenBLAS: " + av.reason());
        for (String w : OpenBlas.environmentWarnings()) {
            System.out.println("# WARNING: " + w);
        }
        if (av.available()) {
            blas = OpenBlas.get();
        }
        System.out.println(
                "# section | kernel | size | threads | A | B | A rate | B rate | A/B median | A/B min..max | load(1m)");
        if (sections.contains("gemm")) {
            bench.gemmVsOpenBlas(blas, sizes, threads);
        }
        if (sections.contains("lowp")) {
            bench.lowPrecisionVsFp32(sizes, all);
        }
        if (sections.contains("memory")) {
            bench.memoryVsTriad(sizes, all);
        }
        if (sections.contains("fused")) {
            bench.fusedVsGemm(all);
        }
        if (sections.contains("prepack")) {
            bench.prePackedVsPerCall(sizes, all);
        }
        System.out.println("# load at end: " + load());
        System.out.println();
        System.out.println(
                "| section | kernel | size | threads | A | B | A rate | B rate | A/B median | A/B min..max | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        bench.table.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- sections

    private void gemmVsOpenBlas(OpenBlas blas, List<Size> sizes, List<Integer> threads) throws Exception {
        if (blas == null) {
            System.out.println("# gemm: skipped, OpenBLAS unavailable");
            return;
        }
        Kernel gemm = catalogue.kernel("gemm");
        for (int t : threads) {
            blas.setNumThreads(t);
            try (CpuBackend backend = new CpuBackend(t)) {
                for (Size size : sizes) {
                    Shape shape = catalogue.shape("gemm", size);
                    int m = shape.dim("M"), n = shape.dim("N"), k = shape.dim("K");
                    KernelInputs in = gemm.inputs(shape, DType.FP32, 1);
                    float[] a = in.tensor("A").f32(), b = in.tensor("B").f32(), c = new float[m * n];
                    try (PreparedKernel ours =
                            backend.prepare(gemm, in, backend.devices().getFirst())) {
                        ours.run();
                        blas.sgemm(m, n, k, a, b, c);
                        checkClose("gemm " + size, ours.output().f32(), c);
                        double flops = gemm.work(shape, DType.FP32).operations();
                        Pair p = measure(
                                new Side("ours", ours::run, flops, "GFLOP/s"),
                                new Side("openblas", () -> blas.sgemm(m, n, k, a, b, c), flops, "GFLOP/s"));
                        row("gemm", "gemm/fp32", size, t, "ours", "OpenBLAS sgemm", p, "GFLOP/s");
                    }
                }
            }
        }
    }

    private void lowPrecisionVsFp32(List<Size> sizes, int threads) throws Exception {
        Kernel gemm = catalogue.kernel("gemm");
        try (CpuBackend backend = new CpuBackend(threads)) {
            for (Size size : sizes) {
                if (size == Size.L) {
                    continue; // the ratio is the same at M; L takes minutes per dtype
                }
                Shape shape = catalogue.shape("gemm", size);
                try (PreparedKernel fp32 = prepare(backend, gemm, shape, DType.FP32, size)) {
                    for (DType dt : List.of(DType.BF16, DType.FP16, DType.INT8)) {
                        try (PreparedKernel low = prepare(backend, gemm, shape, dt, size)) {
                            WorkCounts w = gemm.work(shape, dt);
                            Pair p = measure(
                                    new Side(dt.id(), low::run, w.operations(), "G/s"),
                                    new Side("fp32", fp32::run, w.operations(), "G/s"));
                            row("lowp", "gemm/" + dt.id(), size, threads, "ours " + dt.id(), "ours fp32", p, "GOP/s");
                        }
                    }
                }
            }
        }
    }

    /**
     * Each memory-bound kernel against the triad (1 read-for-ownership + 2 reads + 1 write per 3 counted
     * streams) and against a plain copy (1 + 1 + 1 per 2 counted), timed in turn A, triad, copy, A, ...:
     * the copy is the measured ceiling of a kernel that reads one stream and writes one (without
     * non-temporal stores, which Java cannot issue); its ratio to the triad (~0.89 by the byte count) is
     * printed first.
     */
    private void memoryVsTriad(List<Size> sizes, int threads) throws Exception {
        Kernel triad = catalogue.kernel("triad");
        try (CpuBackend backend = new CpuBackend(threads)) {
            for (Size size : sizes) {
                if (size == Size.S) {
                    continue; // S fits in cache: not a memory-speed question
                }
                Shape ts = catalogue.shape("triad", size);
                int n = ts.dim("N");
                float[] src = triad.inputs(ts, DType.FP32, 1).tensor("b").f32();
                Elementwise copy = new Elementwise(backend.pool(), Elementwise.Op.COPY, "out", n, src, null, 0);
                double copyBytes = 8.0 * n; // counted as the catalogue counts: one read, one write
                try (PreparedKernel tri = prepare(backend, triad, ts, DType.FP32, size)) {
                    double triadBytes = triad.work(ts, DType.FP32).bytesMoved();
                    Side triadSide = new Side("triad", tri::run, triadBytes, "GB/s");
                    Side copySide = new Side("copy", copy::run, copyBytes, "GB/s");
                    Pair c = measure(copySide, triadSide);
                    row("memory", "copy/fp32", size, threads, "copy", "triad", c, "GB/s");
                    for (String[] kd : new String[][] {
                        {"softmax", "fp32"}, {"layernorm", "fp32"}, {"rmsnorm", "fp32"}, {"gelu", "fp32"},
                        {"silu", "fp32"}, {"gemv", "fp32"}, {"qgemv", "int8"}, {"qgemv", "int4"}
                    }) {
                        if (!memoryKernels.isEmpty() && !memoryKernels.contains(kd[0] + "/" + kd[1])) {
                            continue;
                        }
                        Kernel kernel = catalogue.kernel(kd[0]);
                        Shape shape = catalogue.shape(kd[0], size);
                        DType dt = DType.parse(kd[1]);
                        try (PreparedKernel pk = prepare(backend, kernel, shape, dt, size)) {
                            double bytes = kernel.work(shape, dt).bytesMoved();
                            Pair[] p = measure(new Side(kd[0], pk::run, bytes, "GB/s"), triadSide, copySide);
                            row("memory", kd[0] + "/" + kd[1], size, threads, "ours", "triad", p[0], "GB/s");
                            row("memory", kd[0] + "/" + kd[1], size, threads, "ours", "copy", p[1], "GB/s");
                        }
                    }
                }
            }
        }
    }

    private void fusedVsGemm(int threads) throws Exception {
        Kernel gemm = catalogue.kernel("gemm");
        Size size = Size.M;
        try (CpuBackend backend = new CpuBackend(threads)) {
            Shape gs = catalogue.shape("gemm", size);
            try (PreparedKernel g = prepare(backend, gemm, gs, DType.FP32, size)) {
                double gemmFlops = gemm.work(gs, DType.FP32).operations();
                for (String id : List.of("attention", "attention-causal", "conv2d")) {
                    for (Size s : id.equals("conv2d") ? List.of(Size.S, Size.M, Size.L) : List.of(Size.M)) {
                        Kernel kernel = catalogue.kernel(id);
                        Shape shape = catalogue.shape(id, s);
                        try (PreparedKernel pk = prepare(backend, kernel, shape, DType.FP32, s)) {
                            double flops = kernel.work(shape, DType.FP32).operations();
                            Pair p = measure(
                                    new Side(id, pk::run, flops, "GFLOP/s"),
                                    new Side("gemm", g::run, gemmFlops, "GFLOP/s"));
                            row("fused", id + "/fp32", s, threads, "ours", "ours gemm/fp32 M", p, "GFLOP/s");
                        }
                    }
                }
            }
        }
    }

    /** The java-prepacked implementation (weights laid out at prepare) against java (packed in every run). */
    private void prePackedVsPerCall(List<Size> sizes, int threads) throws Exception {
        try (CpuBackend backend = new CpuBackend(threads)) {
            for (Size size : sizes) {
                for (String id : List.of("gemm", "conv2d")) {
                    Kernel kernel = catalogue.kernel(id);
                    Shape shape = catalogue.shape(id, size);
                    KernelInputs in = kernel.inputs(shape, DType.FP32, 1);
                    double flops = kernel.work(shape, DType.FP32).operations();
                    try (PreparedKernel per = backend.prepare(
                                    kernel, in, backend.devices().getFirst(), "java");
                            PreparedKernel pre = backend.prepare(
                                    kernel, in, backend.devices().getFirst(), CpuBackend.PREPACKED_IMPLEMENTATION)) {
                        Pair p = measure(
                                new Side(id + " prepacked", pre::run, flops, "GFLOP/s"),
                                new Side(id, per::run, flops, "GFLOP/s"));
                        row("prepack", id + "/fp32", size, threads, "java-prepacked", "java", p, "GFLOP/s");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- measuring

    /** Prepares a kernel on the catalogue's inputs and verifies it once (below size L, where the reference is quick). */
    private PreparedKernel prepare(CpuBackend backend, Kernel kernel, Shape shape, DType dt, Size size)
            throws Exception {
        KernelInputs in = kernel.inputs(shape, dt, 1);
        PreparedKernel pk = backend.prepare(kernel, in, backend.devices().getFirst());
        pk.run();
        if (size != Size.L) {
            VerificationResult v = kernel.verify(in, pk.output());
            if (!v.passed()) {
                throw new IllegalStateException(kernel.id() + "/" + dt.id() + " " + size + " fails verification: " + v);
            }
        }
        return pk;
    }

    private static void checkClose(String what, float[] ours, float[] blas) {
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < ours.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - blas[i]));
            maxRef = Math.max(maxRef, Math.abs(blas[i]));
        }
        if (!(maxDiff <= 1e-4 * Math.max(1, maxRef))) {
            throw new IllegalStateException(
                    what + ": ours and OpenBLAS differ by " + maxDiff + " (max |C| " + maxRef + ")");
        }
    }

    /** Times A and B alternately, each sample at least minSampleNanos long; returns median rates and ratios. */
    private Pair measure(Side a, Side b) throws InterruptedException {
        return measure(a, new Side[] {b})[0];
    }

    /**
     * Times A and each B in turn (A, B1, B2, ..., A, B1, ...), each sample at least minSampleNanos long;
     * returns, per B, the median rates and the median and range of A/B (each ratio from one round).
     */
    private Pair[] measure(Side a, Side... bs) throws InterruptedException {
        int ia = calls(a);
        int[] ib = new int[bs.length];
        for (int j = 0; j < bs.length; j++) {
            ib[j] = calls(bs[j]);
        }
        double[] ra = new double[reps];
        double[][] rb = new double[bs.length][reps], ratio = new double[bs.length][reps];
        for (int r = 0; r < reps; r++) {
            ra[r] = sample(a, ia);
            for (int j = 0; j < bs.length; j++) {
                rb[j][r] = sample(bs[j], ib[j]);
                ratio[j][r] = ra[r] / rb[j][r];
            }
        }
        Pair[] out = new Pair[bs.length];
        for (int j = 0; j < bs.length; j++) {
            double[] sorted = ratio[j].clone();
            Arrays.sort(sorted);
            out[j] = new Pair(median(ra), median(rb[j]), median(ratio[j]), sorted[0], sorted[reps - 1], reps);
        }
        return out;
    }

    /**
     * Warms a side up (at least {@value #WARMUP_CALLS} calls and {@value #WARMUP_MILLIS} ms, so the JIT has
     * compiled its loops even on a busy machine) and returns how many calls make one sample.
     */
    private int calls(Side s) throws InterruptedException {
        long t0 = System.nanoTime();
        int calls = 0;
        while (calls < WARMUP_CALLS || System.nanoTime() - t0 < WARMUP_MILLIS * 1_000_000L) {
            s.call.run();
            calls++;
        }
        // the time per call once warm
        long t1 = System.nanoTime();
        s.call.run();
        double perCall = System.nanoTime() - t1;
        pause();
        return (int) Math.max(1, Math.ceil(minSampleNanos / perCall));
    }

    private static final int WARMUP_CALLS = 5;
    private static final long WARMUP_MILLIS = 1500;

    /** One timed sample: work / second, in units of 1e9 (GFLOP/s or GB/s). */
    private static double sample(Side s, int calls) throws InterruptedException {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            s.call.run();
        }
        long t = System.nanoTime() - t0;
        pause();
        return s.work * calls / t;
    }

    /** Lets spinning worker threads (OpenBLAS keeps them busy-waiting for a while) go idle between samples. */
    private static void pause() throws InterruptedException {
        Thread.sleep(150);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private void row(String section, String kernel, Size size, int threads, String a, String b, Pair p, String unit) {
        String line = String.format(
                Locale.ROOT,
                "| %s | %s | %s | %d | %s | %s | %.1f %s | %.1f %s | %.3f | %.3f..%.3f | %s |",
                section,
                kernel,
                size,
                threads,
                a,
                b,
                p.aRate,
                unit,
                p.bRate,
                unit.equals("GOP/s") ? "GFLOP/s" : unit,
                p.ratio,
                p.ratioMin,
                p.ratioMax,
                load1());
        table.add(line);
        System.out.println(line);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String load1() {
        String l = load();
        int sp = l.indexOf(' ');
        return sp > 0 ? l.substring(0, sp) : l;
    }
}
