package org.joulebench.results.record;

import java.util.List;

/**
 * The raw readings behind one domain's figures: the idle window and every measured window, from which
 * {@code check} recomputes joules, J/op, power, tier and the window rules.
 *
 * @param kind {@code CUMULATIVE_JOULES} (counter, meter or model: start/end readings) or {@code
 *     POWER_SAMPLES} (sampled power, integrated by the trapezoidal rule over the window)
 * @param minimumWindowMillis the sensor's minimum window (10 counter updates, or enough samples) that a
 *     measured window must span to keep its tier
 * @param idle the idle windows, one per fork ({@code invocations == 0}); empty when not measured
 * @param windows the measured windows, all forks in order
 */
public record RawReadings(String kind, double minimumWindowMillis, List<RawWindow> idle, List<RawWindow> windows) {
    public static final String CUMULATIVE_JOULES = "CUMULATIVE_JOULES";
    public static final String POWER_SAMPLES = "POWER_SAMPLES";

    public RawReadings {
        idle = idle == null ? List.of() : List.copyOf(idle);
        windows = windows == null ? List.of() : List.copyOf(windows);
    }
}
