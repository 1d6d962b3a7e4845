package org.joulebench.kernels.spi;

import java.util.Objects;

/**
 * A figure a backend's own tools measured (TornadoVM's profiler, CUDA events, a vendor counter), reported by a
 * {@link PreparedKernel} beside the harness's own timing and energy, never instead of them.
 *
 * <p>Per-invocation figures are reported as totals over the invocations run since the last report ({@link
 * Kind#TOTAL}); the harness divides by the invocations it counted itself, as JMH's GC profiler does for its
 * {@code .norm} figures. A level such as power is reported as a sum of readings and their count ({@link
 * Kind#MEAN}); a one-off such as JIT compile time at prepare as {@link Kind#ONCE}.
 *
 * @param name what was measured, e.g. {@code kernel-time} or {@code copy-in-time}
 * @param unit its unit, e.g. {@code ns}, {@code bytes}, {@code W}
 * @param kind how the harness turns {@code value} into the recorded figure
 * @param value {@link Kind#TOTAL}: the sum over the invocations since the last report; {@link Kind#MEAN}: the
 *     sum of {@code samples} readings; {@link Kind#ONCE}: the figure itself
 * @param samples how many readings {@code value} sums (at least 1)
 * @param source the tool that measured it, e.g. {@code TornadoVM profiler}
 */
public record BackendMetric(String name, String unit, Kind kind, double value, long samples, String source) {

    /** How a reported value becomes the recorded figure. */
    public enum Kind {
        /** Summed over invocations; recorded per invocation (total / invocations the harness counted). */
        TOTAL,
        /** A level (power, clock): recorded as the mean of its readings (sum / samples). */
        MEAN,
        /** Measured once while preparing (compile time): recorded as is, not per invocation. */
        ONCE
    }

    public BackendMetric {
        requireText(name, "name");
        requireText(unit, "unit");
        requireText(source, "source");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("backend metric " + name + ": value must be finite, got " + value);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("backend metric " + name + ": samples must be >= 1, got " + samples);
        }
    }

    /** A total over the invocations run since the last report. */
    public static BackendMetric total(String name, String unit, double total, long samples, String source) {
        return new BackendMetric(name, unit, Kind.TOTAL, total, samples, source);
    }

    /** The sum of {@code samples} readings of a level such as power. */
    public static BackendMetric mean(String name, String unit, double sumOfReadings, long samples, String source) {
        return new BackendMetric(name, unit, Kind.MEAN, sumOfReadings, samples, source);
    }

    /** A one-off figure measured while preparing. */
    public static BackendMetric once(String name, String unit, double value, String source) {
        return new BackendMetric(name, unit, Kind.ONCE, value, 1, source);
    }

    private static void requireText(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("backend metric " + field + " must not be blank");
        }
    }
}
