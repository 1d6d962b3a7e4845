package org.joulebench.results.interference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.junit.jupiter.api.Test;

class CountedWindowsTest {

    private static InterferenceWindow window(int fork, int iteration, double other, double millis, boolean extra) {
        return InterferenceRuleTest.measured(iteration, other).withFork(fork).withTiming(millis, extra);
    }

    private static Interference counted(InterferenceWindow... windows) {
        return CountedWindows.apply(InterferenceRule.apply(List.of(windows)), 4);
    }

    @Test
    void withNoFlaggedWindowEveryRegularWindowCountsAndTheFigureIsTheirMean() {
        Interference i = counted(window(1, 1, 0.01, 2.0, false), window(1, 2, 0.01, 4.0, false));
        assertThat(i.windows()).extracting(InterferenceWindow::counted).containsExactly(true, true);
        assertThat(i.figure().millisPerInvocation()).isEqualTo(3.0);
        assertThat(i.figure().countedWindows()).isEqualTo(2);
        assertThat(i.figure().extraWindowsMeasured()).isZero();
        assertThat(i.figure().extraWindowsAllowed()).isEqualTo(4);
        assertThat(i.figure().rule()).isEqualTo(CountedWindows.TEXT);
    }

    @Test
    void flaggedWindowsAreReplacedInOrderByCleanExtraOnesAndStayCountedWhenNoneIsLeft() {
        Interference i = counted(
                window(1, 1, 0.50, 9.0, false), // flagged: replaced by the first clean extra (2.0)
                window(1, 2, 0.01, 1.0, false),
                window(1, 3, 0.40, 7.0, false), // flagged: no clean extra left, stays counted
                window(2, 1, 0.30, 8.0, true), // extra but flagged itself: never counts
                window(2, 2, 0.01, 2.0, true));
        assertThat(i.windows()).extracting(InterferenceWindow::counted).containsExactly(false, true, true, false, true);
        assertThat(i.figure().countedWindows()).isEqualTo(3);
        assertThat(i.figure().extraWindowsMeasured()).isEqualTo(2);
        assertThat(i.figure().millisPerInvocation()).isEqualTo((1.0 + 7.0 + 2.0) / 3);
        // every window is still there
        assertThat(i.windows()).hasSize(5);
    }

    @Test
    void extraWindowsAskedForAreOnePerFlaggedRegularWindowWithinTheBound() {
        Interference regular = InterferenceRule.apply(
                List.of(window(1, 1, 0.50, 1, false), window(1, 2, 0.50, 1, false), window(1, 3, 0.01, 1, false)));
        assertThat(CountedWindows.extraWindowsToMeasure(regular, 4)).isEqualTo(2);
        assertThat(CountedWindows.extraWindowsToMeasure(regular, 1)).isEqualTo(1);
        assertThat(CountedWindows.extraWindowsToMeasure(regular, 0)).isZero();
    }

    @Test
    void withoutWindowTimesThereIsNoFigure() {
        Interference i =
                CountedWindows.apply(InterferenceRule.apply(List.of(InterferenceRuleTest.measured(1, 0.5))), 4);
        assertThat(i.figure()).isNull();
    }
}
