package org.joulebench.harness.fork.interference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.results.record.InterferenceWindow;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * JMH profiler, inside the fork: samples what else uses the machine (hypervisor steal, other processes'
 * CPU time, CPU clocks, the GPU's throttle reasons and other processes) at both ends of every measured
 * iteration, and over an idle window before the first iteration (no benchmark thread runs then), and hands
 * each window to the parent as an {@link InterferenceResult}.
 *
 * <p>Use: {@code -prof org.joulebench.harness.fork.interference.InterferenceProfiler:idleMillis=500}. Options
 * (key=value, separated by ';'): {@code idleMillis} (default 500, 0 = no idle window), {@code procRoot}
 * ({@code /proc}), {@code cpuRoot} ({@code /sys/devices/system/cpu}), {@code processes} (how many of the
 * heaviest other processes each window names, default 5, at most 64), {@code devices} (the benchmark's
 * GPUs by PCI bus id or UUID; NVML is read only for these), {@code nvmlLibrary}.
 */
public final class InterferenceProfiler implements InternalProfiler {

    /** Long enough for the 10 ms tick accounting to resolve 2 % of a core. */
    public static final long DEFAULT_IDLE_MILLIS = 500;

    private final long idleMillis;
    private final Path procRoot;
    private final Path cpuRoot;
    private final SensorOptions options;
    private final int processes;

    private String benchmarkId;
    private InterferenceSampler sampler;
    private InterferenceWindow idle;
    private InterferenceSampler.Sample begin;
    private int measured;

    public InterferenceProfiler() throws ProfilerException {
        this("");
    }

    public InterferenceProfiler(String initLine) throws ProfilerException {
        try {
            options = SensorOptions.parse(initLine);
            idleMillis = options.getLong("idleMillis", DEFAULT_IDLE_MILLIS);
            if (idleMillis < 0) {
                throw new IllegalArgumentException("idleMillis must be >= 0");
            }
            procRoot = Path.of(options.get("procRoot", "/proc"));
            cpuRoot = Path.of(options.get("cpuRoot", "/sys/devices/system/cpu"));
            processes = (int) options.getLong("processes", InterferenceSampler.DEFAULT_PROCESSES);
            if (processes < 1 || processes > InterferenceSampler.MAX_PROCESSES) {
                throw new IllegalArgumentException(
                        "processes must be 1.." + InterferenceSampler.MAX_PROCESSES + ", got " + processes);
            }
        } catch (IllegalArgumentException e) {
            throw new ProfilerException(e.getMessage());
        }
    }

    @Override
    public String getDescription() {
        return "joulebench interference per window: steal, other processes' CPU, CPU clocks, GPU throttling";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        try {
            if (sampler == null || !benchmarkParams.id().equals(benchmarkId)) {
                start(benchmarkParams);
            }
            if (iterationParams.getType() == IterationType.MEASUREMENT) {
                begin = sampler.sample();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("interference sampling: " + e.getMessage(), e);
        }
    }

    private void start(BenchmarkParams params) throws IOException {
        if (sampler != null) {
            sampler.close();
        }
        benchmarkId = params.id();
        measured = 0;
        sampler = new InterferenceSampler(
                procRoot,
                cpuRoot,
                org.joulebench.harness.energy.nvml.NvmlInterference.open(options),
                ProcessHandle.current().pid(),
                processes);
        idle = null;
        if (idleMillis > 0) {
            InterferenceSampler.Sample a = sampler.sample();
            try {
                Thread.sleep(idleMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            idle = sampler.window(a, sampler.sample(), InterferenceWindow.IDLE, 0);
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || begin == null) {
            return List.of();
        }
        InterferenceSampler.Sample end;
        try {
            end = sampler.sample();
        } catch (IOException e) {
            throw new UncheckedIOException("interference sampling: " + e.getMessage(), e);
        }
        measured++;
        List<InterferenceWindow> windows = new ArrayList<>();
        if (measured == 1 && idle != null) {
            windows.add(idle);
        }
        windows.add(sampler.window(begin, end, InterferenceWindow.MEASURED, measured));
        begin = null;
        if (measured >= iterationParams.getCount()) {
            sampler.close();
        }
        return List.of(new InterferenceResult(windows));
    }
}
