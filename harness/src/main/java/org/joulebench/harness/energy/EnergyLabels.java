package org.joulebench.harness.energy;

import java.util.Optional;

/**
 * Names of the profiler's JMH secondary results: {@code energy.<sensor>.<tier>.<domain>.<quantity>}, so
 * the tier (and so "estimate or measurement") travels with every number, e.g. {@code
 * energy.rapl.B.cpu-package.J/op} or {@code energy.model.ESTIMATE.cpu-package.J/op}.
 */
public final class EnergyLabels {
    public static final String PREFIX = "energy.";
    /** Id of the fork's details file (a whole number below 2^53, exact in a double). */
    public static final String DETAILS_ID = "energy.detailsFileId";

    /** Energy in the window, J (summed over iterations by JMH). */
    public static final String JOULES = "J";
    /** Energy per operation, J/op. */
    public static final String JOULES_PER_OP = "J/op";
    /** Mean power in the window, W. */
    public static final String WATTS = "W";
    /** Window length, s. */
    public static final String SECONDS = "s";
    /** Idle power measured before the timed phase, W. */
    public static final String IDLE_WATTS = "idleW";
    /** 1 when the domain could not be measured in this iteration (the reason is in the details file). */
    public static final String ERROR = "error";
    /** 1 when the window was shorter than the sensor's minimum. */
    public static final String SHORT_WINDOW = "shortWindow";

    private EnergyLabels() {}

    public static String label(String sensor, String tier, String domain, String quantity) {
        return PREFIX + sensor + "." + tier + "." + domain + "." + quantity;
    }

    /** A parsed label. */
    public record Parsed(String sensor, String tier, String domain, String quantity) {
        public String key() {
            return sensor + "/" + domain;
        }
    }

    /** Splits a label made by {@link #label}; empty for any other label. */
    public static Optional<Parsed> parse(String label) {
        if (!label.startsWith(PREFIX) || label.equals(DETAILS_ID)) {
            return Optional.empty();
        }
        String rest = label.substring(PREFIX.length());
        int a = rest.indexOf('.');
        int b = a < 0 ? -1 : rest.indexOf('.', a + 1);
        // quantity may contain '/', never '.'; domain may contain ':' or '-'
        int c = rest.lastIndexOf('.');
        if (a <= 0 || b <= a + 1 || c <= b + 1 || c == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(
                rest.substring(0, a), rest.substring(a + 1, b), rest.substring(b + 1, c), rest.substring(c + 1)));
    }
}
