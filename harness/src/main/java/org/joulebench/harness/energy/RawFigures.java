package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.energy.WindowEnergy;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;

/**
 * Whether a domain's raw readings can carry figures at all, and what to say about its idle windows. The
 * figures themselves come from {@link EnergyArithmetic}, the arithmetic {@code check} recomputes them with.
 */
final class RawFigures {
    private RawFigures() {}

    /**
     * Why the domain has no figure ({@code null} when it has one): a measured window with an error or no
     * operations (a domain is all windows or nothing), no windows, or no energy registered at all.
     */
    static String unusable(RawReadings raw) {
        if (raw.windows().isEmpty()) {
            return "no measured windows";
        }
        Set<String> problems = new LinkedHashSet<>();
        int bad = 0;
        double joules = 0;
        for (RawWindow w : raw.windows()) {
            WindowEnergy e = EnergyArithmetic.window(raw.kind(), raw.minimumWindowMillis(), w, true);
            if (!e.usable()) {
                bad++;
                problems.add(w.error() != null ? w.error() : e.problem());
            } else {
                joules += e.joules();
            }
        }
        if (bad > 0) {
            return String.join("; ", problems) + " (" + bad + " of "
                    + raw.windows().size() + " measured iterations)";
        }
        if (!(joules > 0)) {
            return "no energy registered in " + raw.windows().size() + " windows (the counter never moved: windows"
                    + " shorter than the sensor's resolution or update period)";
        }
        return null;
    }

    /** Idle windows without a figure or shorter than the sensor's minimum, said per fork. */
    static List<String> idleNotes(RawReadings raw) {
        List<String> notes = new ArrayList<>();
        for (RawWindow idle : raw.idle()) {
            WindowEnergy e = EnergyArithmetic.window(raw.kind(), raw.minimumWindowMillis(), idle, false);
            if (!e.usable()) {
                notes.add("idle power not measured (fork " + idle.fork() + "): "
                        + (idle.error() != null ? idle.error() : e.problem()));
            } else if (e.shortWindow()) {
                notes.add("idle window " + Math.round(idle.seconds() * 1000) + " ms is shorter than the sensor's "
                        + Math.round(raw.minimumWindowMillis()) + " ms minimum");
            }
        }
        return notes;
    }
}
