package org.joulebench.harness.orchestrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.joulebench.harness.fork.ForkOutcomeProfiler;
import org.joulebench.harness.fork.KernelBenchmark;
import org.joulebench.harness.fork.interference.InterferenceProfiler;
import org.joulebench.results.record.ForkRecord;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH options for one case: the benchmark's parameters, the profile's iterations, the fork's JVM
 * arguments (the harness's flags, then the backend's {@link org.joulebench.kernels.spi.ForkOptions}) and
 * the profilers (the fork-outcome channel always, energy when sensors are selected).
 *
 * @param forks JMH forks of this call: 1 for a case's forks (each is its own call, so fork 1's batch size can be
 *     given to the others and forks of different cases can alternate)
 * @param forcedBatch invocations per JMH call, 0 to let the fork choose
 * @param batchFrom where a non-zero {@code forcedBatch} came from: {@code GIVEN} (fork 1) or {@code FIXED}
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
        String batchFrom,
        RunOrchestrator.ProfilerSpec energyProfiler,
        Path logFile) {

    /**
     * One fork of a case under profile {@code p}.
     *
     * @param givenBatch fork 1's batch size for a later fork, 0 for fork 1 (which decides it)
     */
    static JmhCall fork(
            BenchmarkCase c,
            Profile.Timing p,
            long measurementMillis,
            long seed,
            int givenBatch,
            RunOrchestrator.ProfilerSpec energy,
            Path log) {
        return new JmhCall(
                c,
                seed,
                1,
                p.warmupIterations(),
                p.warmupMillis(),
                p.measurementIterations(),
                measurementMillis,
                givenBatch,
                givenBatch > 0 ? ForkRecord.GIVEN : ForkRecord.FIXED,
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
                .param("batchFrom", batchFrom)
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
}
