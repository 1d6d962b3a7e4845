package org.joulebench.harness.energy;

/**
 * Names of the profiler's human-readable JMH secondary results, for people running the profiler from
 * plain JMH: {@code energy.<sensor>.<tier>.<domain>.<quantity>}, so the tier (and so "estimate or
 * measurement") shows with every number, e.g. {@code energy.rapl.B.cpu-package-0.J/op}. The harness never
 * reads them back: it reads {@link EnergyReportResult}.
 */
public final class EnergyLabels {
    public static final String PREFIX = "energy.";

    /** Energy per kernel invocation, J/op (JMH operations x invocations per operation). */
    public static final String JOULES_PER_OP = "J/op";
    /** Mean power in the window, W. */
    public static final String WATTS = "W";

    private EnergyLabels() {}

    public static String label(String sensor, String tier, String domain, String quantity) {
        return PREFIX + sensor + "." + tier + "." + domain + "." + quantity;
    }
}
