package org.joulebench.results.record;

/**
 * A figure the backend's own tools measured (e.g. TornadoVM's profiler, CUDA events), recorded beside JMH's
 * time and the energy figures, never instead of them.
 *
 * @param name what was measured, e.g. {@code kernel-time}
 * @param unit the unit of {@code value}, e.g. {@code ns}, {@code bytes}, {@code W}
 * @param statistic {@value #PER_INVOCATION} (the backend's totals over the measured iterations divided by the
 *     invocations the harness counted in them), {@value #MEAN} (the mean of its readings, e.g. power) or
 *     {@value #ONCE} (measured once while preparing, e.g. compile time)
 * @param value the figure, in {@code unit} (per invocation for {@value #PER_INVOCATION})
 * @param source the tool that measured it
 * @param windows the measured iterations (all forks) it was summed over; 0 for {@value #ONCE}
 * @param invocations the kernel invocations in those windows; 0 for {@value #ONCE}
 */
public record BackendMetricRecord(
        String name, String unit, String statistic, double value, String source, int windows, long invocations) {

    public static final String PER_INVOCATION = "PER_INVOCATION";
    public static final String MEAN = "MEAN";
    public static final String ONCE = "ONCE";
}
