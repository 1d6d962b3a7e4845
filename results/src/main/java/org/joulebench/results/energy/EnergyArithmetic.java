package org.joulebench.results.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.vocabulary.PowerSample;

/**
 * The one place energy figures are computed from raw sensor readings: the harness calls it to write a record's
 * figures and {@code check} calls it to recompute them, so the two always agree to the last bit. Pure functions of
 * their arguments; "op" is one kernel invocation.
 *
 * <ul>
 *   <li>A window's joules: {@code CUMULATIVE_JOULES} readings give {@code endJoules - startJoules} (the sensor's
 *       cumulative joules, wrap-around already undone, so a counter never goes backwards); {@code POWER_SAMPLES}
 *       give the trapezoidal integral of the samples inside {@code [startNanos, endNanos]}, the first sample's power
 *       held back to the window's start and the last one's to its end, so the integral spans the whole window.
 *   <li>A window has no figure when the sensor reported an error, a reading is missing, a sampled window has no
 *       sample, a counter went backwards, the window has no length, or a measured window has no invocations.
 *   <li>J/op per window: joules / invocations. J/op: their mean; its error: their sample standard deviation.
 *   <li>Average power: total joules / total seconds; idle power: idle joules / idle seconds.
 *   <li>Dynamic J/op: the mean over windows of (joules - idle power x seconds) / invocations.
 *   <li>pJ per unit: J/op / units x 1e12; units per joule: units / J/op / 1e9 (giga-units).
 *   <li>The window rule: a window shorter than the sensor's minimum window is a short window ({@link #isShort}).
 * </ul>
 */
public final class EnergyArithmetic {
    private EnergyArithmetic() {}

    /**
     * Every figure of one domain.
     *
     * @param raw the domain's raw readings
     * @param headlineUnitsPerInvocation headline units (FLOP, integer ops or bytes) of one invocation, above 0
     */
    public static EnergyFigures figures(RawReadings raw, long headlineUnitsPerInvocation) {
        if (headlineUnitsPerInvocation <= 0) {
            throw new IllegalArgumentException(
                    "headline units per invocation must be above 0: " + headlineUnitsPerInvocation);
        }
        double minMillis = raw.minimumWindowMillis();
        List<WindowEnergy> windows = new ArrayList<>();
        for (RawWindow w : raw.windows()) {
            windows.add(window(raw.kind(), minMillis, w, true));
        }
        List<WindowEnergy> idle = new ArrayList<>();
        for (RawWindow w : raw.idle()) {
            idle.add(window(raw.kind(), minMillis, w, false));
        }
        double idleJoules = 0;
        double idleSeconds = 0;
        int shortIdle = 0;
        for (WindowEnergy w : idle) {
            if (w.usable()) {
                idleJoules += w.joules();
                idleSeconds += w.seconds();
                shortIdle += w.shortWindow() ? 1 : 0;
            }
        }
        Double idleWatts = idleSeconds > 0 ? idleJoules / idleSeconds : null;
        double joules = 0;
        double seconds = 0;
        long invocations = 0;
        int shortWindows = 0;
        List<Double> perOp = new ArrayList<>();
        List<Double> dynamic = new ArrayList<>();
        for (WindowEnergy w : windows) {
            if (!w.usable()) {
                continue;
            }
            joules += w.joules();
            seconds += w.seconds();
            invocations += w.invocations();
            shortWindows += w.shortWindow() ? 1 : 0;
            perOp.add(w.joulesPerInvocation());
            if (idleWatts != null) {
                dynamic.add((w.joules() - idleWatts * w.seconds()) / w.invocations());
            }
        }
        double jop = mean(perOp);
        return new EnergyFigures(
                windows,
                idle,
                perOp.size(),
                perOp.isEmpty() ? Double.NaN : joules,
                perOp.isEmpty() ? Double.NaN : seconds,
                invocations,
                perOp,
                jop,
                perOp.size() < 2 ? null : sampleStandardDeviation(perOp),
                seconds > 0 ? joules / seconds : Double.NaN,
                idleWatts,
                idleWatts == null || perOp.isEmpty() ? null : mean(dynamic),
                picojoulesPerUnit(jop, headlineUnitsPerInvocation),
                unitsPerJoule(jop, headlineUnitsPerInvocation),
                minMillis,
                shortWindows,
                shortIdle);
    }

    /**
     * One window's figure.
     *
     * @param kind {@link RawReadings#CUMULATIVE_JOULES} or {@link RawReadings#POWER_SAMPLES}
     * @param minimumWindowMillis the sensor's minimum window, in milliseconds
     * @param measured true for a measured window (it needs invocations), false for an idle one
     */
    public static WindowEnergy window(String kind, double minimumWindowMillis, RawWindow w, boolean measured) {
        double seconds = w.seconds();
        String problem = w.error();
        double joules = Double.NaN;
        if (problem == null && !(seconds > 0)) {
            problem = "the window has no length (end " + w.endNanos() + " ns, start " + w.startNanos() + " ns)";
        }
        if (problem == null) {
            joules = windowJoules(kind, w);
            if (Double.isNaN(joules)) {
                problem = RawReadings.POWER_SAMPLES.equals(kind)
                        ? "no power sample in the window"
                        : "a start or end reading is missing";
            } else if (joules < 0) {
                problem =
                        "the cumulative reading went backwards (" + w.startJoules() + " J to " + w.endJoules() + " J)";
            }
        }
        if (problem == null && measured && w.invocations() <= 0) {
            problem = "a measured window without invocations";
        }
        double perInvocation = problem == null && measured ? joules / w.invocations() : Double.NaN;
        return new WindowEnergy(
                w.fork(),
                w.iteration(),
                w.invocations(),
                seconds,
                problem == null ? joules : Double.NaN,
                perInvocation,
                problem == null && isShort(seconds, minimumWindowMillis),
                problem);
    }

    /**
     * A window's joules from its readings: {@code end - start} for cumulative readings, the trapezoidal integral of
     * the samples in the window (ends held) for power samples; {@code NaN} when a reading is missing or a sampled
     * window has no sample. No check of the sign.
     *
     * @throws IllegalArgumentException for an unknown kind
     */
    public static double windowJoules(String kind, RawWindow w) {
        return switch (kind) {
            case RawReadings.CUMULATIVE_JOULES ->
                w.startJoules() == null || w.endJoules() == null ? Double.NaN : w.endJoules() - w.startJoules();
            case RawReadings.POWER_SAMPLES -> integrate(w.samples(), w.startNanos(), w.endNanos());
            default ->
                throw new IllegalArgumentException("unknown raw readings kind '" + kind + "'; valid: "
                        + RawReadings.CUMULATIVE_JOULES + ", " + RawReadings.POWER_SAMPLES);
        };
    }

    /**
     * Trapezoidal integral of power samples over {@code [startNanos, endNanos]}, in joules: samples outside the
     * window are ignored, the first sample's power is held from the start, the last one's to the end. {@code NaN}
     * without a sample in the window.
     */
    public static double integrate(List<PowerSample> samples, long startNanos, long endNanos) {
        List<PowerSample> in = samples.stream()
                .filter(s -> s.nanos() >= startNanos && s.nanos() <= endNanos)
                .sorted(Comparator.comparingLong(PowerSample::nanos))
                .toList();
        if (in.isEmpty()) {
            return Double.NaN;
        }
        PowerSample first = in.getFirst();
        PowerSample last = in.getLast();
        double joules = first.watts() * (first.nanos() - startNanos) / 1e9;
        for (int i = 1; i < in.size(); i++) {
            PowerSample a = in.get(i - 1);
            PowerSample b = in.get(i);
            joules += (a.watts() + b.watts()) / 2 * (b.nanos() - a.nanos()) / 1e9;
        }
        return joules + last.watts() * (endNanos - last.nanos()) / 1e9;
    }

    /** The window rule: a window shorter than the minimum window (both in their units) is a short window. */
    public static boolean isShort(double seconds, double minimumWindowMillis) {
        return seconds * 1e3 < minimumWindowMillis;
    }

    /** Energy per headline unit in picojoules (pJ/FLOP, pJ/op, pJ/byte). */
    public static double picojoulesPerUnit(double joulesPerOp, long headlineUnitsPerInvocation) {
        return joulesPerOp / headlineUnitsPerInvocation * 1e12;
    }

    /** Headline giga-units per joule (GFLOP/J, GOP/J, GB/J). */
    public static double unitsPerJoule(double joulesPerOp, long headlineUnitsPerInvocation) {
        return headlineUnitsPerInvocation / joulesPerOp / 1e9;
    }

    /**
     * Datasheet efficiency, in headline giga-units per joule: a declared peak rate (units per second) ÷ the
     * declared TDP. {@code null} when either is not declared or the TDP is not positive. The {@code physics} rule
     * bounds measured efficiency by it, and the site shows it beside the measured figures.
     */
    public static Double datasheetUnitsPerJoule(Double peakUnitsPerSecond, Double tdpWatts) {
        if (peakUnitsPerSecond == null || tdpWatts == null || !(tdpWatts > 0)) {
            return null;
        }
        return peakUnitsPerSecond / tdpWatts / 1e9;
    }

    /** The arithmetic mean; {@code NaN} for no values. */
    public static double mean(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return xs.isEmpty() ? Double.NaN : sum / xs.size();
    }

    /** The sample standard deviation (n - 1); {@code NaN} for fewer than two values. */
    public static double sampleStandardDeviation(List<Double> xs) {
        if (xs.size() < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.size() - 1));
    }
}
