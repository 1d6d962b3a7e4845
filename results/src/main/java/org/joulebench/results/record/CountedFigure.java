package org.joulebench.results.record;

/**
 * A result's time per invocation over the windows its stated rule counts, when the profile may measure extra
 * windows after flagged ones ({@link org.joulebench.results.interference.CountedWindows}). Every window measured
 * stays in {@link Interference#windows()}, marked {@code extra} and {@code counted}; {@code check} applies the
 * rule again to those raw windows. The score beside it stays JMH's figure over the regular windows.
 *
 * @param rule the rule in words ({@link org.joulebench.results.interference.CountedWindows#TEXT})
 * @param extraWindowsAllowed the most extra windows the profile may measure for a result
 * @param extraWindowsMeasured how many it measured (never more than the flagged regular windows)
 * @param countedWindows how many windows the figure counts
 * @param millisPerInvocation the mean time per invocation of the counted windows, ms
 * @param errorMillisPerInvocation its half-width at 99.9 % (Student's t, as JMH); {@code null} with one window
 */
public record CountedFigure(
        String rule,
        int extraWindowsAllowed,
        int extraWindowsMeasured,
        int countedWindows,
        double millisPerInvocation,
        Double errorMillisPerInvocation) {}
