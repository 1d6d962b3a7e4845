package org.joulebench.results.record;

import java.util.List;

/**
 * Interference over a result's windows: every window measured (the idle window and each measured
 * iteration of every fork), none dropped, each flagged by a stated rule that {@code check} re-applies.
 *
 * @param rule the rule and its thresholds, in words ({@link org.joulebench.results.interference.InterferenceRule#TEXT})
 * @param windows every window, in the order measured
 * @param flaggedMeasuredWindows how many measured windows the rule flagged
 * @param reason the result's flag, e.g. {@code other load 38 % of a core in 3 of 5 windows}: the worst
 *     reason over the flagged measured windows; {@code null} when none is flagged
 */
public record Interference(String rule, List<InterferenceWindow> windows, int flaggedMeasuredWindows, String reason) {
    public Interference {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }
}
