package org.joulebench.results.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A size sweep ({@code ./joulebench sweep}): one kernel and dtype on one backend device at a geometric series of
 * shapes between two, each point verified and measured like any result, all in one record. Its results have
 * custom shapes (size {@value BenchmarkResult#CUSTOM_SIZE}) and are ranked nowhere: {@code check} accepts them as
 * their own unranked kind only inside a record that carries this section, and only at the series' points.
 *
 * @param kernel the kernel swept
 * @param dtype its dtype
 * @param backend the backend id
 * @param device the backend's device id
 * @param from the first point's dims
 * @param to the last point's dims (the same dimension names)
 * @param points how many points, both ends included ({@link #MIN_POINTS} to {@link #MAX_POINTS})
 * @param cacheBytes the swept CPU's cache sizes by level ({@code L1d}, {@code L2}, {@code L3}), read from the
 *     operating system when the sweep ran, for the figure to mark; empty (not written) when unknown or not a CPU
 */
public record Sweep(
        String kernel,
        String dtype,
        String backend,
        String device,
        Map<String, Integer> from,
        Map<String, Integer> to,
        int points,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, Long> cacheBytes) {

    public static final int MIN_POINTS = 2;

    /** Most points a sweep may have: a curve needs tens, and each point is a full measurement. */
    public static final int MAX_POINTS = 32;

    public Sweep {
        from = from == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(from));
        to = to == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(to));
        cacheBytes = cacheBytes == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cacheBytes));
    }

    /**
     * Why this is not a sweep that can be run or accepted, or {@code null}: a point count outside its bounds, ends
     * with other dimension names or a dimension below 1, or two points that round to the same dims.
     */
    public String problem() {
        if (points < MIN_POINTS || points > MAX_POINTS) {
            return "a sweep has " + MIN_POINTS + " to " + MAX_POINTS + " points, not " + points;
        }
        if (from.isEmpty() || !from.keySet().equals(to.keySet())) {
            return "the ends of a sweep name the same dimensions: " + from.keySet() + " and " + to.keySet();
        }
        for (Map.Entry<String, Integer> e : from.entrySet()) {
            if (e.getValue() == null || e.getValue() < 1 || to.get(e.getKey()) == null || to.get(e.getKey()) < 1) {
                return "dimension " + e.getKey() + " of a sweep is at least 1 at both ends";
            }
        }
        if (from.equals(to)) {
            return "the two ends of a sweep are the same shape " + from;
        }
        List<Map<String, Integer>> shapes = shapes();
        for (int i = 1; i < shapes.size(); i++) {
            if (shapes.get(i).equals(shapes.get(i - 1))) {
                return points + " points between " + from + " and " + to + " give the same shape " + shapes.get(i)
                        + " twice; ask for fewer points or a wider range";
            }
        }
        return null;
    }

    /**
     * The series' dims, first to last: each dimension independently geometric between its two ends, rounded to the
     * nearest integer ({@code round(from × (to/from)^(i/(points-1)))}); the ends exactly as given. {@code check}
     * recomputes the same series with this method.
     */
    public List<Map<String, Integer>> shapes() {
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double t = points == 1 ? 0 : (double) i / (points - 1);
            Map<String, Integer> dims = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : from.entrySet()) {
                int a = e.getValue();
                int b = to.getOrDefault(e.getKey(), a);
                long v = i == 0 ? a : i == points - 1 ? b : Math.round(a * Math.pow((double) b / a, t));
                dims.put(e.getKey(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, v)));
            }
            out.add(dims);
        }
        return out;
    }
}
