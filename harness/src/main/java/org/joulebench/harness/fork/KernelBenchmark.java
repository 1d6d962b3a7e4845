package org.joulebench.harness.fork;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.results.record.ForkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The one benchmark of the suite: a catalogue kernel by one implementation on a backend device,
 * parameterised by JMH {@code @Param}s (the orchestrator sets one value of each). In the fork, {@link
 * #setUp()} opens the backend (native code is opened only here), prepares the kernel, runs it once and
 * verifies the output against the double-precision reference before anything is timed: a wrong answer
 * throws {@link VerificationFailedException}, so it is reported as a failure, never as a time. Each JMH
 * call runs one batch of n invocations ({@link BatchSize}), so JMH's score is per batch and the parent divides
 * by n, which the fork reports through {@link ForkOutcomeResult}. With {@link #batch} 0 the fork decides n:
 * provisionally before warm-up, finally after the last warm-up iteration on the warmed kernel; the parent then
 * gives that n to every later fork of the case ({@link #batch} set, {@link #batchFrom} {@code GIVEN}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {

    /** Fully qualified name of the benchmark method, for JMH's include pattern. */
    public static final String BENCHMARK_METHOD = KernelBenchmark.class.getName() + ".run";

    @Param({"cpu"})
    public String backend;

    /** Implementation id on the device; empty: the device's first portable implementation. */
    @Param({""})
    public String implementation;

    @Param({"triad"})
    public String kernel;

    @Param({"fp32"})
    public String dtype;

    /** S, M or L; ignored when {@link #shape} is set. */
    @Param({"S"})
    public String size;

    /** A custom shape as dims ({@code M=4096,N=4096,K=1024}); empty: the catalogue shape of {@link #size}. */
    @Param({""})
    public String shape;

    /** Device id within the backend; empty means the backend's first device. */
    @Param({""})
    public String device;

    @Param({"42"})
    public long seed;

    /** Invocations per JMH call; 0 chooses by {@link BatchSize}'s rule after warm-up. */
    @Param({"0"})
    public int batch;

    /** Where a non-zero {@link #batch} came from: {@code GIVEN} (fork 1's decision) or {@code FIXED}. */
    @Param({"FIXED"})
    public String batchFrom;

    private Backend openedBackend;
    private PreparedKernel prepared;
    private int batchSize = 1;
    private ForkOutcome.Verified verified;
    private int warmupIterationsDone;
    private java.util.List<ForkOutcome.Metric> preparationMetrics = java.util.List.of();

    @Setup(Level.Trial)
    public void setUp() throws BackendException {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel k = catalogue.kernel(kernel);
        DType d = DType.parse(dtype);
        Shape s = shape.isBlank() ? catalogue.shape(kernel, Size.parse(size)) : catalogue.customShape(kernel, shape);
        BackendProvider provider = Backends.find(backend)
                .orElseThrow(() -> new IllegalStateException("no backend '" + backend + "' on the class path"));
        if (!provider.availability().available()) {
            throw new IllegalStateException("backend " + backend + " unavailable: "
                    + provider.availability().reason());
        }
        openedBackend = provider.create();
        DeviceInfo target = device.isEmpty()
                ? openedBackend.devices().getFirst()
                : openedBackend.devices().stream()
                        .filter(dev -> dev.id().equals(device))
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalStateException("backend " + backend + " has no device " + device));
        KernelInputs inputs = k.inputs(s, d, seed);
        prepared = implementation.isBlank()
                ? openedBackend.prepare(k, inputs, target)
                : openedBackend.prepare(k, inputs, target, implementation);
        preparationMetrics = prepared.preparationMetrics().stream()
                .map(m -> ForkOutcome.Metric.of(m, 0))
                .toList();
        prepared.run();
        VerificationResult verification = k.verify(inputs, prepared.output());
        ForkOutcome.Verified verified = ForkOutcome.Verified.of(verification, seed);
        if (!verification.passed()) {
            ForkOutcome failed = outcome(
                    verified,
                    new BatchSize.Choice(0, Double.NaN, prepared.batchTargetNanos(), "not chosen: verification failed"),
                    batch > 0 ? batchFrom : ForkRecord.DECIDED);
            ForkOutcome.publish(failed);
            throw new VerificationFailedException(
                    kernel + "/" + dtype + "/" + (shape.isBlank() ? size : shape) + " on " + backend + ": "
                            + verification.message(),
                    failed);
        }
        this.verified = verified;
        if (batch > 0) {
            publish(verified, BatchSize.fixed(prepared, batch, fixedRule()), batchFrom);
        } else {
            // provisional: warm-up calls of a sensible length; replaced after the last warm-up iteration
            publish(verified, BatchSize.choose(prepared), ForkRecord.DECIDED);
        }
        BackendMetricsWindow.attach(prepared);
    }

    private String fixedRule() {
        return "GIVEN".equals(batchFrom)
                ? "given by fork 1 of the case (decided there after warm-up: "
                        + BatchSize.rule(prepared.batchTargetNanos()) + ")"
                : "fixed: " + batch + " (batch parameter)";
    }

    /**
     * After the last warm-up iteration (outside any measured window): a fork that decides its batch size
     * times the warmed kernel and fixes n for its measured iterations.
     */
    @TearDown(Level.Iteration)
    public void afterIteration(IterationParams iteration) {
        if (iteration.getType() != IterationType.WARMUP) {
            return;
        }
        warmupIterationsDone++;
        if (batch == 0 && warmupIterationsDone == iteration.getCount()) {
            publish(verified, BatchSize.choose(prepared), ForkRecord.DECIDED);
        }
    }

    private void publish(ForkOutcome.Verified v, BatchSize.Choice choice, String decision) {
        batchSize = choice.batchSize();
        ForkOutcome.publish(outcome(v, choice, decision));
    }

    private ForkOutcome outcome(ForkOutcome.Verified verified, BatchSize.Choice choice, String decision) {
        return new ForkOutcome(
                verified,
                choice.batchSize(),
                decision,
                choice.rule(),
                choice.singleInvocationNanos(),
                choice.targetNanos(),
                ProcessHandle.current().info().command().orElse(null),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                preparationMetrics,
                prepared.prePackedWeights());
    }

    @Benchmark
    public void run() {
        prepared.runBatch(batchSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        // JMH tears the trial down inside the last measured iteration, before the profilers' afterIteration
        BackendMetricsWindow.detach();
        try {
            if (prepared != null) {
                prepared.close();
            }
        } finally {
            if (openedBackend != null) {
                openedBackend.close();
            }
        }
    }

    /**
     * Thrown in the fork when the output does not match the reference. JMH ships the exception, fields
     * and all, to the parent, which reads the outcome from it.
     */
    public static final class VerificationFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final ForkOutcome outcome;

        public VerificationFailedException(String message, ForkOutcome outcome) {
            super(message);
            this.outcome = outcome;
        }

        public ForkOutcome outcome() {
            return outcome;
        }
    }
}
