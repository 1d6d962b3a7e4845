package org.joulebench.site;

import java.util.List;

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

    /** The values of {@code SiteGenerator.ROW_COLUMNS} after {@code system}, in that order (data file and CSV). */
    List<Object> columnValues() {
        return java.util.Arrays.asList(
                kernel,
                dtype,
                size,
                shape,
                backend,
                device,
                domain,
                tier,
                estimated,
                efficiency,
                efficiencyError,
                efficiencyUnit,
                picojoulesPerUnit,
                throughput,
                throughputUnit,
                operationsPerSecond,
                averagePowerWatts,
                verified,
                runId,
                date,
                arithmeticIntensity);
    }

    public boolean memoryBound() {
        return efficiencyUnit.startsWith("GB");
    }

    /** "measured" (tiers A, B, C) or "estimated": the two are never ranked together. */
    public String tierClass() {
        return estimated ? "estimated" : "measured";
    }
}
