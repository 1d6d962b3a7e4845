package org.joulebench.results.record;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param figure the time per invocation over the windows the stated rule counts, where the profile may measure
 *     extra windows (the submission profile); absent otherwise
 */
public record Interference(
        String rule,
        List<InterferenceWindow> windows,
        int flaggedMeasuredWindows,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) CountedFigure figure) {
    public Interference {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    public Interference(String rule, List<InterferenceWindow> windows, int flaggedMeasuredWindows, String reason) {
        this(rule, windows, flaggedMeasuredWindows, reason, null);
    }

    /** The same section with its counted figure (and windows marked by it). */
    public Interference withFigure(List<InterferenceWindow> markedWindows, CountedFigure newFigure) {
        return new Interference(rule, markedWindows, flaggedMeasuredWindows, reason, newFigure);
    }
}
