package org.joulebench.harness.fork.interference;

import java.util.List;

/**
 * What a GPU says about being slowed or shared, read at each end of a window. Implemented over NVML by
 * {@code org.joulebench.harness.energy.nvml.NvmlInterference}; absent on CPU-only runs.
 */
public interface GpuConditions extends AutoCloseable {

    /**
     * @param throttleReasons the clock-event reasons active now, by name ({@code SW_POWER_CAP}, {@code
     *     HW_THERMAL_SLOWDOWN}, ...), over the benchmark's GPUs
     * @param computePids the processes running compute work on them now
     */
    record Reading(List<String> throttleReasons, List<Long> computePids) {}

    Reading read();

    @Override
    void close();
}
