package org.joulebench.results.interference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;

/**
 * When a window counts as disturbed, and the result's flag derived from its windows. The harness applies it
 * when it writes a record and {@code check} applies it again to the recorded figures, so a flag can be
 * neither invented nor dropped. Thresholds are in cores (CPU seconds per wall-clock second).
 */
public final class InterferenceRule {

    /**
     * Other processes may use at most a tenth of a core over a window. On a 2-core machine running a
     * 2-thread kernel that is already 5 % of the kernel's CPU taken away, the size of the differences
     * joulebench reports; the shared-VM runs that prompted this measured 0.3–1.5 cores of other load.
     */
    public static final double MAX_OTHER_CORES = 0.10;

    /**
     * Hypervisor steal above 5 % of a core means another guest is running on our physical cores: the
     * window's time is not the kernel's alone even with no other process inside the VM.
     */
    public static final double MAX_STEAL_CORES = 0.05;

    /**
     * A window whose mean CPU frequency is more than 10 % below the highest mean frequency of the result's
     * measured windows ran on slower clocks (thermal or power limits, a governor change): its time is not
     * comparable with the others'.
     */
    public static final double MIN_FREQUENCY_FRACTION = 0.90;

    /**
     * NVML clock-event reasons that mean the GPU was slowed by something other than the kernel's own power
     * draw: hardware slowdown, thermal slowdown (software or hardware), power brake. The software power cap
     * is how a loaded GPU normally runs, and is recorded but not flagged.
     */
    public static final List<String> FLAGGED_GPU_REASONS =
            List.of("HW_SLOWDOWN", "SW_THERMAL_SLOWDOWN", "HW_THERMAL_SLOWDOWN", "HW_POWER_BRAKE_SLOWDOWN");

    /** The rule in words, as recorded with every result. */
    public static final String TEXT = String.format(
            Locale.ROOT,
            "a window is flagged when other processes use >= %.2f cores, hypervisor steal is >= %.2f cores,"
                    + " its mean CPU frequency is < %.2f of the result's fastest measured window, the GPU reports"
                    + " %s, or another process computes on the GPU; the result is flagged when any measured"
                    + " window is; no window is dropped",
            MAX_OTHER_CORES,
            MAX_STEAL_CORES,
            MIN_FREQUENCY_FRACTION,
            String.join("/", FLAGGED_GPU_REASONS));

    private InterferenceRule() {}

    /** Flags every window and derives the result's flag. */
    public static Interference apply(List<InterferenceWindow> windows) {
        double fastest = windows.stream()
                .filter(InterferenceWindow::measured)
                .filter(w -> w.cpuMhzMean() != null)
                .mapToDouble(InterferenceWindow::cpuMhzMean)
                .max()
                .orElse(Double.NaN);
        List<InterferenceWindow> flagged = new ArrayList<>();
        for (InterferenceWindow w : windows) {
            flagged.add(w.withFlags(flags(w, fastest)));
        }
        List<InterferenceWindow> measured =
                flagged.stream().filter(InterferenceWindow::measured).toList();
        List<InterferenceWindow> bad =
                measured.stream().filter(InterferenceWindow::flagged).toList();
        return new Interference(TEXT, flagged, bad.size(), reason(bad, measured.size()));
    }

    /** The flags of one window, given the fastest mean frequency of its result's measured windows (NaN: none). */
    public static List<String> flags(InterferenceWindow w, double fastestMhz) {
        List<String> out = new ArrayList<>();
        if (w.otherCores() >= MAX_OTHER_CORES) {
            out.add(String.format(Locale.ROOT, "other load %.0f %% of a core", 100 * w.otherCores()));
        }
        if (w.stealCores() >= MAX_STEAL_CORES) {
            out.add(String.format(Locale.ROOT, "steal %.0f %% of a core", 100 * w.stealCores()));
        }
        if (w.cpuMhzMean() != null
                && Double.isFinite(fastestMhz)
                && w.cpuMhzMean() < MIN_FREQUENCY_FRACTION * fastestMhz) {
            out.add(String.format(
                    Locale.ROOT,
                    "CPU clock %.0f MHz, %.0f %% of the fastest window",
                    w.cpuMhzMean(),
                    100 * w.cpuMhzMean() / fastestMhz));
        }
        List<String> gpu = w.gpuThrottleReasons().stream()
                .filter(FLAGGED_GPU_REASONS::contains)
                .toList();
        if (!gpu.isEmpty()) {
            out.add("GPU " + String.join(", ", gpu).toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (!w.gpuOtherPids().isEmpty()) {
            out.add(w.gpuOtherPids().size() + " other process(es) on the GPU");
        }
        return out;
    }

    /**
     * The result's flag: the worst window's first reason and how many measured windows were flagged, e.g.
     * {@code other load 38 % of a core in 3 of 5 windows}; {@code null} when none is.
     */
    static String reason(List<InterferenceWindow> flaggedMeasured, int measured) {
        if (flaggedMeasured.isEmpty()) {
            return null;
        }
        InterferenceWindow worst = flaggedMeasured.stream()
                .max(java.util.Comparator.comparingDouble((InterferenceWindow w) -> w.otherCores() + w.stealCores()))
                .orElseThrow();
        return worst.flags().getFirst() + " in " + flaggedMeasured.size() + " of " + measured + " windows";
    }
}
