package org.joulebench.results.interference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.joulebench.results.record.CountedFigure;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.joulebench.results.record.ScoreStatistics;

/**
 * Which measured windows a result's {@link CountedFigure} counts, when the profile may measure extra windows
 * after flagged ones. The harness applies it when it writes a record and {@code check} applies it again to the
 * recorded windows, so no window can be dropped silently: every window stays in the record, the ones left out
 * of the figure are marked {@code counted: false}, and the figure always counts as many windows as the profile's
 * regular ones.
 */
public final class CountedWindows {

    /** The rule in words, as recorded with every counted figure. */
    public static final String TEXT = "the figure counts every regular measured window that is not flagged; each"
            + " flagged regular window, in the order measured, is replaced by the next clean extra window and"
            + " stays counted when no clean extra window is left; extra windows that replace nothing are kept,"
            + " not counted; the figure is the mean time per invocation of the counted windows with its 99.9 %"
            + " Student's t interval";

    private CountedWindows() {}

    /**
     * How many extra windows to measure after a result's regular windows: one per flagged regular measured
     * window, at most {@code allowed}.
     */
    public static int extraWindowsToMeasure(Interference regular, int allowed) {
        if (regular == null || allowed <= 0) {
            return 0;
        }
        long flagged = regular.windows().stream()
                .filter(w -> w.measured() && !w.isExtra() && w.flagged())
                .count();
        return (int) Math.min(allowed, flagged);
    }

    /**
     * The section with its windows marked {@code counted} and its figure, by the rule; unchanged ({@code
     * figure} absent) when a measured window has no time per invocation (nothing to compute it from).
     *
     * @param flagged the section as {@link InterferenceRule#apply} gives it (windows flagged, in the order measured)
     * @param extraAllowed the profile's bound on extra windows
     */
    public static Interference apply(Interference flagged, int extraAllowed) {
        List<InterferenceWindow> windows = flagged.windows();
        if (windows.stream().anyMatch(w -> w.measured() && w.millisPerInvocation() == null)) {
            return flagged;
        }
        Deque<Integer> cleanExtras = new ArrayDeque<>();
        int extras = 0;
        for (int i = 0; i < windows.size(); i++) {
            InterferenceWindow w = windows.get(i);
            if (w.measured() && w.isExtra()) {
                extras++;
                if (!w.flagged()) {
                    cleanExtras.add(i);
                }
            }
        }
        Boolean[] counted = new Boolean[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            InterferenceWindow w = windows.get(i);
            if (!w.measured()) {
                continue; // idle windows are not timed: neither counted nor not
            }
            if (w.isExtra()) {
                if (counted[i] == null) {
                    counted[i] = false;
                }
                continue;
            }
            if (!w.flagged() || cleanExtras.isEmpty()) {
                counted[i] = true;
            } else {
                counted[i] = false;
                counted[cleanExtras.poll()] = true;
            }
        }
        List<InterferenceWindow> marked = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            marked.add(windows.get(i).withCounted(counted[i]));
            if (Boolean.TRUE.equals(counted[i])) {
                values.add(windows.get(i).millisPerInvocation());
            }
        }
        if (values.isEmpty()) {
            return flagged;
        }
        CountedFigure figure = new CountedFigure(
                TEXT,
                extraAllowed,
                extras,
                values.size(),
                ScoreStatistics.mean(values),
                ScoreStatistics.halfWidth(values, ScoreStatistics.CONFIDENCE));
        return flagged.withFigure(marked, figure);
    }
}
