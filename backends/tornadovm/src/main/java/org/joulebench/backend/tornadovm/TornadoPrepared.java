package org.joulebench.backend.tornadovm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joulebench.kernels.ElementType;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.BackendMetric;
import org.joulebench.kernels.spi.PreparedKernel;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * A task graph on its device: the inputs were transferred once (first execution) and stay there, and the
 * kernel was compiled and run once at prepare, so {@link #run()} is the kernel and its completion wait
 * only; the output is copied back on demand by {@link #output()}.
 *
 * <p>Batches: TornadoVM waits for completion at the end of every plan execution, so a second plan holds
 * {@value #BATCH_COPIES} back-to-back copies of the task in one graph (one wait per {@value #BATCH_COPIES}
 * invocations). It is built and compiled on the first batch of at least that size (the harness's first
 * batch is a warm-up call).
 *
 * <p>Profiler: unless {@value #PROFILER_PROPERTY} is {@code false}, every plan runs with TornadoVM's profiler
 * ({@link ProfilerMode#SILENT}); after each execution its kernel and copy times are summed, and {@link
 * #drainMetrics()} hands the sums over (the harness divides by the invocations it counted). The JIT compile
 * time of the first execution is reported once ({@link #preparationMetrics()}); the task's power reading only
 * where the device has one (PoCL reports 0: then nothing is said).
 */
final class TornadoPrepared implements PreparedKernel {
    static final int BATCH_COPIES = 16;
    /** {@code false} turns TornadoVM's profiler off (no backend metrics). */
    static final String PROFILER_PROPERTY = "joulebench.tornadovm.profiler";

    static final String SOURCE = "TornadoVM profiler (ProfilerMode.SILENT)";
    private static final Pattern POWER_MW = Pattern.compile("\"POWER_USAGE_mW\"\\s*:\\s*\"(-?\\d+)\"");

    private final boolean profiled = !"false".equals(System.getProperty(PROFILER_PROPERTY));
    private final List<BackendMetric> preparation = new ArrayList<>();
    private long kernelNanos, copyInNanos, copyOutNanos, copyInBytes, copyOutBytes, executions;

    private final String graphName;
    private final String outputName;
    private final int[] outputDims;
    private final TaskSpec spec;
    private final TornadoDevice device;
    private final TornadoExecutionPlan single;
    private TornadoExecutionPlan batch;
    private TornadoExecutionResult last;

    TornadoPrepared(String graphName, String outputName, int[] outputDims, TaskSpec spec, TornadoDevice device) {
        this.graphName = graphName;
        this.outputName = outputName;
        this.outputDims = outputDims.clone();
        this.spec = spec;
        this.device = device;
        this.single = plan(graphName, 1);
        // first execution: JIT-compiles the task for the device and copies the inputs over, before timing
        this.last = single.execute();
        if (profiled) {
            TornadoProfilerResult r = last.getProfilerResult();
            preparation.add(BackendMetric.once("compile-time", "ns", r.getCompileTime(), SOURCE));
            preparation.add(BackendMetric.once("first-execution-time", "ns", r.getTotalTime(), SOURCE));
            preparation.add(BackendMetric.once("copy-in-bytes", "bytes", r.getTotalBytesCopyIn(), SOURCE));
        }
    }

    /** Adds one plan execution's profiler figures to the running sums. */
    private void account(TornadoExecutionResult result) {
        last = result;
        if (!profiled) {
            return;
        }
        TornadoProfilerResult r = result.getProfilerResult();
        kernelNanos += r.getDeviceKernelTime();
        copyInNanos += r.getDeviceWriteTime();
        copyOutNanos += r.getDeviceReadTime();
        copyInBytes += r.getTotalBytesCopyIn();
        copyOutBytes += r.getTotalBytesCopyOut();
        executions++;
    }

    @Override
    public List<BackendMetric> preparationMetrics() {
        return List.copyOf(preparation);
    }

    @Override
    public List<BackendMetric> drainMetrics() {
        if (!profiled || executions == 0) {
            return List.of();
        }
        long samples = executions;
        List<BackendMetric> out = new ArrayList<>(List.of(
                BackendMetric.total("kernel-time", "ns", kernelNanos, samples, SOURCE),
                BackendMetric.total("copy-in-time", "ns", copyInNanos, samples, SOURCE),
                BackendMetric.total("copy-out-time", "ns", copyOutNanos, samples, SOURCE),
                BackendMetric.total("copy-in-bytes", "bytes", copyInBytes, samples, SOURCE),
                BackendMetric.total("copy-out-bytes", "bytes", copyOutBytes, samples, SOURCE)));
        long milliwatts = powerMilliwatts(last.getProfilerResult());
        if (milliwatts > 0) {
            out.add(BackendMetric.mean("task-power", "mW", milliwatts, 1, SOURCE));
        }
        kernelNanos = copyInNanos = copyOutNanos = copyInBytes = copyOutBytes = executions = 0;
        return out;
    }

    /** The largest task power reading in the last execution's profile, mW; 0 when the device has none. */
    static long powerMilliwatts(TornadoProfilerResult r) {
        Matcher m = POWER_MW.matcher(r.getProfileLog());
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    private TornadoExecutionPlan plan(String name, int copies) {
        TornadoExecutionPlan p =
                new TornadoExecutionPlan(spec.graph(name, copies).snapshot());
        p.withDevice(device);
        if (profiled) {
            p.withProfiler(ProfilerMode.SILENT);
        }
        GridScheduler grid = spec.grid(name, copies);
        if (grid != null) {
            p.withGridScheduler(grid);
        }
        return p;
    }

    @Override
    public void run() {
        account(single.execute());
    }

    @Override
    public void runBatch(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, got " + invocations);
        }
        int graphs = invocations / BATCH_COPIES;
        if (graphs > 0 && batch == null) {
            batch = plan(graphName + "x" + BATCH_COPIES, BATCH_COPIES);
        }
        for (int i = 0; i < graphs; i++) {
            account(batch.execute());
        }
        for (int i = graphs * BATCH_COPIES; i < invocations; i++) {
            account(single.execute());
        }
    }

    @Override
    public Tensor output() {
        last.transferToHost(spec.output());
        return switch (spec.output()) {
            case FloatArray f -> new Tensor(outputName, ElementType.F32, outputDims, f.toHeapArray());
            case IntArray i -> new Tensor(outputName, ElementType.I32, outputDims, i.toHeapArray());
            default ->
                throw new IllegalStateException(
                        "unexpected output array " + spec.output().getClass());
        };
    }

    @Override
    public void close() {
        try {
            for (TornadoExecutionPlan p :
                    batch == null ? new TornadoExecutionPlan[] {single} : new TornadoExecutionPlan[] {single, batch}) {
                p.freeDeviceMemory();
                p.close();
            }
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("TornadoVM could not release its execution plan: " + e.getMessage(), e);
        }
    }
}
