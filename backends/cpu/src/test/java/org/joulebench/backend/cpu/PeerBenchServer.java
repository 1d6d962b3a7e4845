package org.joulebench.backend.cpu;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.PreparedKernel;

/**
 * The joulebench side of {@code backends/cpu/peer-benchmark/peer_benchmark.py} (a benchmark, not a test): one
 * long-lived JVM, so the JIT stays warm while the script alternates between ONNX Runtime and us. Reads one
 * command per line on stdin and answers one line on stdout:
 *
 * <pre>
 * shape KERNEL SIZE              -> dims M=..,N=..    (the catalogue's shape)
 * prepare KERNEL SIZE [IMPL]     -> ok WORK           (prepared with implementation IMPL, default java; verified
 *                                                     against the reference; warmed up)
 * prepare copy SIZE              -> ok BYTES GB/s     (y = x over the triad's N at SIZE: 8 bytes per element)
 * time KERNEL SIZE MILLIS        -> rate R            (GFLOP/s or GB/s over a sample of at least MILLIS; the
 *                                                     kernel prepared last under that name)
 * close KERNEL SIZE
 * quit
 * </pre>
 *
 * Run with {@code --threads N} (default: all logical CPUs).
 */
public final class PeerBenchServer {

    private record Entry(Runnable call, AutoCloseable owner, double work) {}

    private static final long WARMUP_MILLIS = 1500;

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        KernelCatalogue catalogue = KernelCatalogue.standard();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, Entry> prepared = new HashMap<>();
        try (CpuBackend backend = new CpuBackend(threads);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.trim().split("\\s+");
                try {
                    switch (w[0]) {
                        case "shape" -> {
                            Shape s = catalogue.shape(w[1], Size.valueOf(w[2]));
                            StringJoiner j = new StringJoiner(",");
                            s.dims().forEach((k, v) -> j.add(k + "=" + v));
                            out.println("dims " + j);
                        }
                        case "prepare" -> {
                            Entry e = w[1].equals("copy")
                                    ? copy(backend, catalogue, Size.valueOf(w[2]))
                                    : prepare(
                                            backend,
                                            catalogue,
                                            w[1],
                                            Size.valueOf(w[2]),
                                            w.length > 3 ? w[3] : CpuBackend.JAVA_IMPLEMENTATION);
                            Entry old = prepared.get(w[1] + "/" + w[2]);
                            if (old != null && old.owner != null) {
                                old.owner.close();
                            }
                            prepared.put(w[1] + "/" + w[2], e);
                            // counted in this thread's CPU time (at most 10× as long on the wall clock): on a
                            // loaded machine 1.5 s of wall clock left the JIT short (attention S at load 7 ran at
                            // 0.1-0.4 GFLOP/s for ~2 s more, and those samples made the median)
                            java.lang.management.ThreadMXBean cpu =
                                    java.lang.management.ManagementFactory.getThreadMXBean();
                            long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                            while (cpu.getCurrentThreadCpuTime() - c0 < WARMUP_MILLIS * 1_000_000L
                                    && System.nanoTime() - t0 < 10 * WARMUP_MILLIS * 1_000_000L) {
                                e.call.run();
                            }
                            out.println("ok " + e.work);
                        }
                        case "time" -> {
                            Entry e = prepared.get(w[1] + "/" + w[2]);
                            long minNanos = Long.parseLong(w[3]) * 1_000_000L;
                            long calls = 0;
                            long t0 = System.nanoTime(), t;
                            do {
                                e.call.run();
                                calls++;
                                t = System.nanoTime() - t0;
                            } while (t < minNanos);
                            out.println(String.format(Locale.ROOT, "rate %.6f", e.work * calls / t));
                        }
                        case "close" -> {
                            Entry e = prepared.remove(w[1] + "/" + w[2]);
                            if (e != null && e.owner != null) {
                                e.owner.close();
                            }
                            out.println("closed");
                        }
                        case "quit" -> {
                            return;
                        }
                        default -> out.println("error unknown command " + w[0]);
                    }
                } catch (Exception ex) {
                    out.println("error " + ex.toString().replace('\n', ' '));
                }
            }
        }
    }

    /** The catalogue's fp32 kernel on its inputs (seed 1), verified once against the reference. */
    private static Entry prepare(CpuBackend backend, KernelCatalogue catalogue, String id, Size size, String impl)
            throws Exception {
        Kernel kernel = catalogue.kernel(id);
        Shape shape = catalogue.shape(id, size);
        KernelInputs in = kernel.inputs(shape, DType.FP32, 1);
        PreparedKernel pk = backend.prepare(kernel, in, backend.devices().getFirst(), impl);
        pk.run();
        VerificationResult v = kernel.verify(in, pk.output());
        if (!v.passed()) {
            pk.close();
            throw new IllegalStateException(id + " " + size + " fails verification: " + v.message());
        }
        var work = kernel.work(shape, DType.FP32);
        double units = work.headline().name().equals("BYTE") ? work.bytesMoved() : work.operations();
        return new Entry(pk::run, pk, units);
    }

    private static Entry copy(CpuBackend backend, KernelCatalogue catalogue, Size size) {
        Kernel triad = catalogue.kernel("triad");
        Shape ts = catalogue.shape("triad", size);
        int n = ts.dim("N");
        float[] src = triad.inputs(ts, DType.FP32, 1).tensor("b").f32();
        Elementwise copy = new Elementwise(backend.pool(), Elementwise.Op.COPY, "out", n, src, null, 0);
        return new Entry(copy::run, null, 8.0 * n);
    }
}
