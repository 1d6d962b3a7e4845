package org.joulebench.results.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What else used the machine over one window of a fork: the idle window before its first iteration, or one
 * measured iteration. CPU figures are in cores: CPU seconds over the window divided by its wall-clock length
 * ({@code 0.38} = 38 % of one core).
 *
 * @param kind {@value #IDLE} or {@value #MEASURED}
 * @param fork the fork, from 1, in the order the run made them
 * @param iteration the measured iteration within the fork, from 1; 0 for the idle window
 * @param seconds the window's wall-clock length, s
 * @param stealCores CPU time the hypervisor gave to other guests ({@code /proc/stat} steal), cores
 * @param otherCores CPU time of every process outside the fork's own process tree (the system's busy time
 *     from {@code /proc/stat} minus the tree's from {@code /proc/<pid>/stat}; never below 0), cores
 * @param ownCores CPU time of the fork's own process tree (the fork JVM and its child processes), cores
 * @param otherProcesses the heaviest other processes over the window (5 unless the profiler was asked for more, at most 64;
 *     heaviest first, each at least 0.02 cores)
 * @param cpuMhzMean mean current frequency over the logical CPUs at the window's end (cpufreq {@code
 *     scaling_cur_freq}), MHz; absent where cpufreq is not exposed (most VMs)
 * @param cpuMhzMin the lowest of them, MHz; absent without cpufreq
 * @param cpuMhzMax the CPUs' highest rated frequency ({@code cpuinfo_max_freq}), MHz; absent without cpufreq
 * @param gpuThrottleReasons NVML's clock-event (throttle) reasons seen at either end of the window on the
 *     benchmark's GPUs, by name; absent for a CPU-only run or without NVML
 * @param gpuOtherPids processes other than the fork's tree that ran compute work on the benchmark's GPUs at
 *     either end of the window (NVML); absent when none or without NVML
 * @param flags what {@link org.joulebench.results.interference.InterferenceRule} found in this window, one
 *     short reason each (e.g. {@code other load 38 % of a core}); empty when clean
 * @param millisPerInvocation a measured window's time per kernel invocation (JMH's score for the iteration ÷
 *     the fork's batch size), ms: the raw window the result's {@link CountedFigure} is computed from; absent for
 *     idle windows and in records written before extra windows existed
 * @param extra {@code true} for a window of an extra fork, measured only because regular windows were flagged
 *     (bounded by the profile, see {@link CountedFigure}); absent for regular windows
 * @param counted whether the window enters the result's {@link CountedFigure} by its stated rule; absent when
 *     the result has no such figure (then every measured window counts, as in the score)
 */
public record InterferenceWindow(
        String kind,
        int fork,
        int iteration,
        double seconds,
        double stealCores,
        double otherCores,
        double ownCores,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProcessLoad> otherProcesses,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cpuMhzMean,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cpuMhzMin,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cpuMhzMax,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> gpuThrottleReasons,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> gpuOtherPids,
        List<String> flags,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double millisPerInvocation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean extra,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean counted)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final String IDLE = "IDLE";
    public static final String MEASURED = "MEASURED";

    public InterferenceWindow {
        otherProcesses = otherProcesses == null ? List.of() : List.copyOf(otherProcesses);
        gpuThrottleReasons = gpuThrottleReasons == null ? List.of() : List.copyOf(gpuThrottleReasons);
        gpuOtherPids = gpuOtherPids == null ? List.of() : List.copyOf(gpuOtherPids);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A window as the profiler measures it: not yet timed, marked or counted. */
    public InterferenceWindow(
            String kind,
            int fork,
            int iteration,
            double seconds,
            double stealCores,
            double otherCores,
            double ownCores,
            List<ProcessLoad> otherProcesses,
            Double cpuMhzMean,
            Double cpuMhzMin,
            Double cpuMhzMax,
            List<String> gpuThrottleReasons,
            List<Long> gpuOtherPids,
            List<String> flags) {
        this(
                kind,
                fork,
                iteration,
                seconds,
                stealCores,
                otherCores,
                ownCores,
                otherProcesses,
                cpuMhzMean,
                cpuMhzMin,
                cpuMhzMax,
                gpuThrottleReasons,
                gpuOtherPids,
                flags,
                null,
                null,
                null);
    }

    public boolean measured() {
        return MEASURED.equals(kind);
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** Whether the window belongs to an extra fork (see {@link CountedFigure}). */
    public boolean isExtra() {
        return Boolean.TRUE.equals(extra);
    }

    /** The same window with its time per invocation (ms) and whether its fork was an extra one. */
    public InterferenceWindow withTiming(Double newMillisPerInvocation, boolean newExtra) {
        return new InterferenceWindow(
                kind,
                fork,
                iteration,
                seconds,
                stealCores,
                otherCores,
                ownCores,
                otherProcesses,
                cpuMhzMean,
                cpuMhzMin,
                cpuMhzMax,
                gpuThrottleReasons,
                gpuOtherPids,
                flags,
                newMillisPerInvocation,
                newExtra ? Boolean.TRUE : null,
                counted);
    }

    /** The same window marked as counted in the result's figure or not ({@code null}: no figure). */
    public InterferenceWindow withCounted(Boolean newCounted) {
        return new InterferenceWindow(
                kind,
                fork,
                iteration,
                seconds,
                stealCores,
                otherCores,
                ownCores,
                otherProcesses,
                cpuMhzMean,
                cpuMhzMin,
                cpuMhzMax,
                gpuThrottleReasons,
                gpuOtherPids,
                flags,
                millisPerInvocation,
                extra,
                newCounted);
    }

    /** The same window as measured by the given fork (the fork itself does not know its number). */
    public InterferenceWindow withFork(int newFork) {
        return new InterferenceWindow(
                kind,
                newFork,
                iteration,
                seconds,
                stealCores,
                otherCores,
                ownCores,
                otherProcesses,
                cpuMhzMean,
                cpuMhzMin,
                cpuMhzMax,
                gpuThrottleReasons,
                gpuOtherPids,
                flags,
                millisPerInvocation,
                extra,
                counted);
    }

    /** The same window with other flags (the rule's verdict, applied after all windows are known). */
    public InterferenceWindow withFlags(List<String> newFlags) {
        return new InterferenceWindow(
                kind,
                fork,
                iteration,
                seconds,
                stealCores,
                otherCores,
                ownCores,
                otherProcesses,
                cpuMhzMean,
                cpuMhzMin,
                cpuMhzMax,
                gpuThrottleReasons,
                gpuOtherPids,
                newFlags,
                millisPerInvocation,
                extra,
                counted);
    }

    /**
     * One other process's share of a window.
     *
     * @param pid its process id
     * @param name its command name ({@code /proc/<pid>/comm})
     * @param cores its CPU time over the window divided by the window's length
     */
    public record ProcessLoad(long pid, String name, double cores) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
