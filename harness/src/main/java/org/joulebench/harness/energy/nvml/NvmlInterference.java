package org.joulebench.harness.energy.nvml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.fork.interference.GpuConditions;
import org.joulebench.vocabulary.HardwareIds;

/**
 * The benchmark's GPUs as NVML sees them for interference: the clock-event (throttle) reasons active now,
 * by name, and the processes computing on them. A call a driver lacks gives nothing for that figure (never a
 * guessed value).
 */
public final class NvmlInterference implements GpuConditions {

    /** {@code nvmlClocksEventReason*} bits and their names. */
    static final Map<Long, String> REASONS = new java.util.LinkedHashMap<>();

    static {
        REASONS.put(0x1L, "GPU_IDLE");
        REASONS.put(0x2L, "APPLICATIONS_CLOCKS_SETTING");
        REASONS.put(0x4L, "SW_POWER_CAP");
        REASONS.put(0x8L, "HW_SLOWDOWN");
        REASONS.put(0x10L, "SYNC_BOOST");
        REASONS.put(0x20L, "SW_THERMAL_SLOWDOWN");
        REASONS.put(0x40L, "HW_THERMAL_SLOWDOWN");
        REASONS.put(0x80L, "HW_POWER_BRAKE_SLOWDOWN");
        REASONS.put(0x100L, "DISPLAY_CLOCK_SETTING");
    }

    private final NvmlApi nvml;
    private final List<NvmlBoards.Board> boards;

    NvmlInterference(NvmlApi nvml, List<NvmlBoards.Board> boards) {
        this.nvml = nvml;
        this.boards = List.copyOf(boards);
    }

    /**
     * NVML for the GPUs among the case's {@code devices}; {@code null} when the case names none (a CPU run) or
     * NVML cannot be had here (then there are no GPU figures).
     */
    public static GpuConditions open(SensorOptions options) {
        boolean anyGpu = options.targetDevices().stream()
                .anyMatch(d -> HardwareIds.normalizePciBusId(d).isPresent() || d.startsWith("GPU-"));
        if (!anyGpu) {
            return null;
        }
        return open(NvmlLibrary::load, options);
    }

    static GpuConditions open(NvmlProvider.Loader loader, SensorOptions options) {
        NvmlApi nvml = null;
        try {
            nvml = loader.load(options.get("nvmlLibrary", NvmlProvider.DEFAULT_LIBRARY));
            return new NvmlInterference(nvml, NvmlBoards.select(nvml, options));
        } catch (SensorException | RuntimeException e) {
            if (nvml != null) {
                nvml.close();
            }
            return null;
        }
    }

    static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        REASONS.forEach((bit, name) -> {
            if ((mask & bit) != 0) {
                out.add(name);
            }
        });
        long known = REASONS.keySet().stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a | b);
        if ((mask & ~known) != 0) {
            out.add("UNKNOWN_0x" + Long.toHexString(mask & ~known));
        }
        return out;
    }

    @Override
    public Reading read() {
        Set<String> reasons = new LinkedHashSet<>();
        Set<Long> pids = new LinkedHashSet<>();
        for (NvmlBoards.Board b : boards) {
            try {
                reasons.addAll(names(nvml.clocksEventReasons(b.index())));
            } catch (SensorException e) {
                // this driver cannot tell: no reasons rather than a guess
            }
            try {
                pids.addAll(nvml.computeProcessPids(b.index()));
            } catch (SensorException e) {
                // likewise
            }
        }
        return new Reading(List.copyOf(reasons), List.copyOf(pids));
    }

    @Override
    public void close() {
        nvml.close();
    }
}
