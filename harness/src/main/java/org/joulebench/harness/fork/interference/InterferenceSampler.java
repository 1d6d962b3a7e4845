package org.joulebench.harness.fork.interference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.joulebench.results.record.InterferenceWindow;

/**
 * Samples what else uses the machine at the two ends of a window and turns a pair of samples into an
 * {@link InterferenceWindow} (unflagged: the rule is applied over all of a result's windows). Reading costs a
 * walk over {@code /proc} (a few ms), which the caller does outside the timed region.
 */
public final class InterferenceSampler implements AutoCloseable {

    /** The heaviest other processes a window keeps, by default. */
    public static final int DEFAULT_PROCESSES = 5;

    /** The most it may be asked to keep (the record's schema bound). */
    public static final int MAX_PROCESSES = 64;

    /** Other processes below this share of a core over the window are not named (noise of tick accounting). */
    static final double MIN_PROCESS_CORES = 0.02;

    /** One end of a window. */
    public record Sample(
            long nanos,
            ProcTable.SystemTicks system,
            Map<Long, ProcTable.ProcessTicks> processes,
            Optional<CpuFrequency.Clocks> clocks,
            GpuConditions.Reading gpu) {}

    private final ProcTable proc;
    private final CpuFrequency frequency;
    private final GpuConditions gpu;
    private final long ownPid;
    private final int processes;

    /**
     * @param procRoot normally {@code /proc}
     * @param cpuRoot normally {@code /sys/devices/system/cpu}
     * @param gpu the benchmark's GPUs, or {@code null} for none
     * @param ownPid the root of the process tree whose CPU time is the benchmark's own (the fork JVM)
     */
    public InterferenceSampler(Path procRoot, Path cpuRoot, GpuConditions gpu, long ownPid) {
        this(procRoot, cpuRoot, gpu, ownPid, DEFAULT_PROCESSES);
    }

    /** @param processes how many of the heaviest other processes a window names (1..{@value #MAX_PROCESSES}) */
    public InterferenceSampler(Path procRoot, Path cpuRoot, GpuConditions gpu, long ownPid, int processes) {
        if (processes < 1 || processes > MAX_PROCESSES) {
            throw new IllegalArgumentException("processes must be 1.." + MAX_PROCESSES + ", got " + processes);
        }
        this.processes = processes;
        this.proc = new ProcTable(procRoot);
        this.frequency = new CpuFrequency(cpuRoot);
        this.gpu = gpu;
        this.ownPid = ownPid;
    }

    /** This JVM's tree on the real machine, without GPU. */
    public static InterferenceSampler ofThisProcess() {
        return new InterferenceSampler(
                Path.of("/proc"),
                Path.of("/sys/devices/system/cpu"),
                null,
                ProcessHandle.current().pid());
    }

    public Sample sample() throws IOException {
        long t = System.nanoTime();
        ProcTable.SystemTicks sys = proc.system();
        Map<Long, ProcTable.ProcessTicks> ps = proc.processes();
        return new Sample(
                t,
                sys,
                ps,
                frequency.read(),
                gpu == null ? new GpuConditions.Reading(List.of(), List.of()) : gpu.read());
    }

    /** The figures of the window between two samples; fork 1 until the parent numbers the forks. */
    public InterferenceWindow window(Sample begin, Sample end, String kind, int iteration) {
        double seconds = Math.max(1e-9, (end.nanos() - begin.nanos()) / 1e9);
        double perTick = 1.0 / ProcTable.USER_HZ / seconds; // cores per tick over this window
        double busy = (end.system().busy() - begin.system().busy()) * perTick;
        double steal = Math.max(0, (end.system().steal() - begin.system().steal()) * perTick);
        Set<Long> own = ProcTable.tree(ownPid, end.processes());
        own.addAll(ProcTable.tree(ownPid, begin.processes()));
        long ownTicks = 0;
        List<InterferenceWindow.ProcessLoad> others = new ArrayList<>();
        for (ProcTable.ProcessTicks p : end.processes().values()) {
            ProcTable.ProcessTicks before = begin.processes().get(p.pid());
            boolean same = before != null && before.startTime() == p.startTime();
            long ticks = p.ticks() - (same ? before.ticks() : 0);
            if (own.contains(p.pid())) {
                // children the fork started and reaped within the window count as its own
                ownTicks += ticks + (p.childTicks() - (same ? before.childTicks() : 0));
            } else if (ticks * perTick >= MIN_PROCESS_CORES) {
                others.add(new InterferenceWindow.ProcessLoad(p.pid(), p.name(), ticks * perTick));
            }
        }
        others.sort(Comparator.comparingDouble(InterferenceWindow.ProcessLoad::cores)
                .reversed());
        double ownCores = ownTicks * perTick;
        // the two counts come from different accounting (ticks sampled vs. per-task runtime): clamp at 0
        double otherCores = Math.max(0, busy - ownCores);
        Optional<CpuFrequency.Clocks> clocks = end.clocks();
        Set<String> reasons = new LinkedHashSet<>(begin.gpu().throttleReasons());
        reasons.addAll(end.gpu().throttleReasons());
        Set<Long> gpuPids = new LinkedHashSet<>(begin.gpu().computePids());
        gpuPids.addAll(end.gpu().computePids());
        gpuPids.removeAll(own);
        return new InterferenceWindow(
                kind,
                1,
                iteration,
                seconds,
                steal,
                otherCores,
                ownCores,
                others.subList(0, Math.min(processes, others.size())),
                clocks.map(CpuFrequency.Clocks::meanMhz).orElse(null),
                clocks.map(CpuFrequency.Clocks::minMhz).orElse(null),
                clocks.map(CpuFrequency.Clocks::maxMhz).orElse(null),
                List.copyOf(reasons),
                List.copyOf(gpuPids),
                List.of());
    }

    @Override
    public void close() {
        if (gpu != null) {
            gpu.close();
        }
    }
}
