package org.joulebench.site;

/**
 * One ranked figure: one domain of one OK result of one run of one system.
 *
 * @param system index into the site's system list
 * @param efficiency {@link org.joulebench.results.run.DomainEnergy#unitsPerJoule()} in {@code efficiencyUnit}
 * @param efficiencyError propagated from the J/op spread ({@code null} when none)
 * @param picojoulesPerUnit pJ per headline unit
 * @param throughput headline throughput in {@code throughputUnit}
 * @param arithmeticIntensity operations / (bytes read + written), {@code null} when no bytes
 * @param date the run's start date {@code YYYY-MM-DD}
 */
public record ResultRow(
        int system,
        String kernel,
        String dtype,
        String size,
        String shape,
        String backend,
        String device,
        String deviceName,
        String domain,
        String tier,
        boolean estimated,
        double efficiency,
        Double efficiencyError,
        String efficiencyUnit,
        double picojoulesPerUnit,
        Double throughput,
        String throughputUnit,
        double operationsPerSecond,
        double averagePowerWatts,
        boolean verified,
        String runId,
        String runFile,
        String date,
        Double arithmeticIntensity,
        String harnessVersion) {

    public boolean memoryBound() {
        return efficiencyUnit.startsWith("GB");
    }

    /** "measured" (tiers A, B, C) or "estimated": the two are never ranked together. */
    public String tierClass() {
        return estimated ? "estimated" : "measured";
    }
}
