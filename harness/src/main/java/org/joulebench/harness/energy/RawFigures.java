package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.results.run.PowerSample;
import org.joulebench.results.run.RawReadings;
import org.joulebench.results.run.RawWindow;

/**
 * Joules, J/op, power, idle power and dynamic J/op of one domain, derived from its raw readings alone, as
 * {@code check} re-derives them. Interim: the results module's own arithmetic replaces it once it lands.
 */
final class RawFigures {
    private RawFigures() {}

    /** The figures, or why there are none. */
    sealed interface Outcome {}

    /**
     * @param joules total over the measured windows, J
     * @param joulesPerOpPerIteration each window's J per invocation
     * @param averagePowerWatts total joules over total seconds, W
     * @param idlePowerWatts mean of the forks' idle power, W ({@code null}: not measured, or a model)
     * @param dynamicJoulesPerOp mean J per invocation above idle ({@code null} without idle in every fork)
     * @param shortWindows measured windows shorter than the minimum
     * @param idleNotes why idle power is missing or weak, per fork
     */
    record Figures(
            double joules,
            List<Double> joulesPerOpPerIteration,
            double averagePowerWatts,
            Double idlePowerWatts,
            Double dynamicJoulesPerOp,
            int shortWindows,
            List<String> idleNotes)
            implements Outcome {
        double joulesPerOp() {
            return mean(joulesPerOpPerIteration);
        }

        Double joulesPerOpError() {
            return joulesPerOpPerIteration.size() < 2 ? null : stdev(joulesPerOpPerIteration);
        }
    }

    record NoFigure(String reason) implements Outcome {}

    /** One window's energy, J: end minus start, or its samples by the trapezoidal rule; null on error. */
    static Double joules(RawWindow w) {
        if (w.error() != null) {
            return null;
        }
        if (!w.samples().isEmpty()) {
            double j = 0;
            for (int i = 1; i < w.samples().size(); i++) {
                PowerSample a = w.samples().get(i - 1);
                PowerSample b = w.samples().get(i);
                j += (a.watts() + b.watts()) / 2 * (b.nanos() - a.nanos()) * 1e-9;
            }
            return j;
        }
        if (w.startJoules() == null || w.endJoules() == null) {
            return null;
        }
        return w.endJoules() - w.startJoules();
    }

    /**
     * @param model a model estimate: it sees only this process's CPU time, so its "idle power" would be a
     *     made-up 0 W and it gets no static/dynamic split
     */
    static Outcome of(RawReadings raw, boolean model) {
        Set<String> errors = new LinkedHashSet<>();
        int errorWindows = 0;
        for (RawWindow w : raw.windows()) {
            if (w.error() != null) {
                errorWindows++;
                errors.add(w.error());
            } else if (w.invocations() <= 0) {
                errorWindows++;
                errors.add("no operations counted in the iteration");
            }
        }
        int measured = raw.windows().size() - errorWindows;
        if (errorWindows > 0) {
            return new NoFigure(String.join("; ", errors) + " (" + errorWindows + " of "
                    + raw.windows().size() + " measured iterations)");
        }
        if (raw.windows().isEmpty()) {
            return new NoFigure("no measured windows");
        }
        List<String> idleNotes = new ArrayList<>();
        Map<Integer, Double> idleWattsByFork = new HashMap<>();
        for (RawWindow idle : raw.idle()) {
            Double j = joules(idle);
            if (j == null) {
                idleNotes.add("idle power not measured: " + idle.error());
            } else if (!(idle.seconds() > 0)) {
                idleNotes.add("idle window has no length");
            } else {
                idleWattsByFork.put(idle.fork(), j / idle.seconds());
                if (idle.seconds() * 1000 < raw.minimumWindowMillis()) {
                    idleNotes.add("idle window " + Math.round(idle.seconds() * 1000) + " ms is shorter than the"
                            + " sensor's " + Math.round(raw.minimumWindowMillis()) + " ms minimum");
                }
            }
        }
        double joules = 0;
        double seconds = 0;
        int shortWindows = 0;
        List<Double> perOp = new ArrayList<>();
        List<Double> dynamic = new ArrayList<>();
        for (RawWindow w : raw.windows()) {
            double j = joules(w);
            if (!Double.isFinite(j)) {
                return new NoFigure("non-finite value " + j + " J");
            }
            joules += j;
            seconds += w.seconds();
            perOp.add(j / w.invocations());
            if (w.seconds() * 1000 < raw.minimumWindowMillis()) {
                shortWindows++;
            }
            Double idleW = idleWattsByFork.get(w.fork());
            if (idleW != null) {
                dynamic.add((j - idleW * w.seconds()) / w.invocations());
            }
        }
        if (joules <= 0) {
            return new NoFigure("no energy registered in " + measured + " windows (the counter never moved:"
                    + " windows shorter than the sensor's resolution or update period)");
        }
        if (!(seconds > 0)) {
            return new NoFigure("the measured windows have no length (" + seconds + " s)");
        }
        Double idleWatts = model || idleWattsByFork.isEmpty() ? null : mean(List.copyOf(idleWattsByFork.values()));
        Double dynamicPerOp = model || dynamic.size() != perOp.size() ? null : mean(dynamic);
        return new Figures(joules, perOp, joules / seconds, idleWatts, dynamicPerOp, shortWindows, idleNotes);
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double stdev(List<Double> xs) {
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.size() - 1));
    }
}
