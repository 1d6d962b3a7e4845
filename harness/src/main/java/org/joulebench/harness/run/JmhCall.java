package org.joulebench.harness.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.joulebench.harness.bench.ForkOutcomeProfiler;
import org.joulebench.harness.bench.KernelBenchmark;
import org.joulebench.harness.bench.interference.InterferenceProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH options for one case: the benchmark's parameters, the profile's iterations, the fork's JVM
 * arguments (the harness's flags, then the backend's {@link org.joulebench.kernels.spi.ForkOptions}) and
 * the profilers (the fork-outcome channel always, energy when sensors are selected).
 *
 * @param forcedBatch invocations per JMH call, 0 to let the fork choose
 */
record JmhCall(
        BenchmarkCase c,
        long seed,
        int forks,
        int warmupIterations,
        long warmupMillis,
        int measurementIterations,
        long measurementMillis,
        int forcedBatch,
        RunOrchestrator.ProfilerSpec energyProfiler,
        Path logFile) {

    static JmhCall of(
            BenchmarkCase c,
            Profile p,
            long measurementMillis,
            long seed,
            RunOrchestrator.ProfilerSpec energy,
            Path log) {
        return new JmhCall(
                c,
                seed,
                p.forks(),
                p.warmupIterations(),
                p.warmupMillis(),
                p.measurementIterations(),
                measurementMillis,
                0,
                energy,
                log);
    }

    /** The fork's JVM arguments as the harness asks for them; the fork reports what it really got. */
    List<String> requestedJvmArgs() {
        List<String> args = new ArrayList<>(JvmFlags.FORK_FLAGS);
        args.addAll(c.forkOptions().jvmArgs());
        return args;
    }

    Options options() {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(KernelBenchmark.BENCHMARK_METHOD) + "$")
                .param("backend", c.backendId())
                .param("implementation", c.implementation().id())
                .param("kernel", c.kernel().id())
                .param("dtype", c.dtype().id())
                .param("size", c.size().name())
                .param("shape", c.customShape() ? c.shape().dimsText() : "")
                .param("device", c.deviceId())
                .param("seed", Long.toString(seed))
                .param("batch", Integer.toString(forcedBatch))
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(measurementIterations)
                .measurementTime(TimeValue.milliseconds(measurementMillis))
                .threads(1)
                .jvmArgsAppend(requestedJvmArgs().toArray(String[]::new))
                .shouldFailOnError(true)
                .addProfiler(ForkOutcomeProfiler.class)
                // what else used the machine in each window; devices= lets it read the case's GPU through NVML
                .addProfiler(InterferenceProfiler.class, "devices=" + c.device().hardwareId())
                .output(logFile.toAbsolutePath().toString());
        if (c.forkOptions().javaExecutable() != null) {
            o.jvm(c.forkOptions().javaExecutable());
        }
        if (energyProfiler != null) {
            o.addProfiler(energyProfiler.type(), energyProfiler.options());
        }
        return o.build();
    }

    JmhCall withBatch(int batch) {
        return new JmhCall(
                c,
                seed,
                forks,
                warmupIterations,
                warmupMillis,
                measurementIterations,
                measurementMillis,
                batch,
                null,
                logFile);
    }
}
