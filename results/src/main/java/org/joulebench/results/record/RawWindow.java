package org.joulebench.results.record;

import java.util.List;
import java.util.Map;
import org.joulebench.vocabulary.PowerSample;

/**
 * One measured window as the sensor gave it, so that anyone can re-derive the energy: the idle window
 * ({@code invocations == 0}) or one measured JMH iteration.
 *
 * @param fork fork number, from 1
 * @param iteration measured iteration within the fork, from 1; 0 for the idle window
 * @param invocations kernel invocations in the window (JMH operations x batch size)
 * @param startNanos fork's {@link System#nanoTime()} at the "before" reading
 * @param endNanos fork's {@link System#nanoTime()} at the "after" reading
 * @param startJoules cumulative joules at the start (counters, meters, models; {@code null} for samples)
 * @param endJoules cumulative joules at the end ({@code null} for samples)
 * @param samples power samples within the window (sampling sensors; empty otherwise)
 * @param error why the window has no figure ({@code null} when it has)
 * @param conditionsAtStart device temperature and clocks at the start where the sensor reads them
 *     ({@code temperatureC}, {@code smClockMHz}, {@code memClockMHz}); empty otherwise
 * @param conditionsAtEnd the same at the end
 */
public record RawWindow(
        int fork,
        int iteration,
        long invocations,
        long startNanos,
        long endNanos,
        Double startJoules,
        Double endJoules,
        List<PowerSample> samples,
        String error,
        Map<String, Double> conditionsAtStart,
        Map<String, Double> conditionsAtEnd) {
    public RawWindow {
        samples = samples == null ? List.of() : List.copyOf(samples);
        conditionsAtStart = conditionsAtStart == null ? Map.of() : Map.copyOf(conditionsAtStart);
        conditionsAtEnd = conditionsAtEnd == null ? Map.of() : Map.copyOf(conditionsAtEnd);
    }

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
