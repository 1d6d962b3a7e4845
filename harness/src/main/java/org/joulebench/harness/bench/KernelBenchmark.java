package org.joulebench.harness.bench;

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

/**
 * The one benchmark of the suite: a catalogue kernel on a backend device, parameterised by JMH
 * {@code @Param}s. The orchestrator sets one value of each per run. In the fork, {@link #setUp()}
 * prepares the kernel, runs it once and verifies the output against the double-precision reference
 * before anything is timed; a wrong answer throws, so it is reported as a failure, never as a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {

    /** Fully qualified name of the benchmark method, for JMH's include pattern. */
    public static final String BENCHMARK_METHOD = KernelBenchmark.class.getName() + ".run";

    @Param({"cpu"})
    public String backend;

    @Param({"triad"})
    public String kernel;

    @Param({"fp32"})
    public String dtype;

    @Param({"S"})
    public String size;

    /** Device id within the backend; empty means the backend's first device. */
    @Param({""})
    public String device;

    @Param({"42"})
    public long seed;

    private Backend openedBackend;
    private PreparedKernel prepared;

    @Setup(Level.Trial)
    public void setUp() throws BackendException {
        Kernel k = KernelCatalogue.standard().kernel(kernel);
        DType d = DType.parse(dtype);
        Shape shape = KernelCatalogue.standard().shape(kernel, Size.parse(size));
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
        KernelInputs inputs = k.inputs(shape, d, seed);
        prepared = openedBackend.prepare(k, inputs, target);
        prepared.run();
        VerificationResult verification = k.verify(inputs, prepared.output());
        VerificationReport.write(verification, seed);
        if (!verification.passed()) {
            throw new VerificationFailedException(
                    kernel + "/" + dtype + "/" + size + " on " + backend + ": " + verification.message());
        }
    }

    @Benchmark
    public void run() {
        prepared.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (prepared != null) {
            prepared.close();
        }
        if (openedBackend != null) {
            openedBackend.close();
        }
    }

    /** Thrown in the fork when the output does not match the reference. */
    public static final class VerificationFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public VerificationFailedException(String message) {
            super(message);
        }
    }
}
