package org.joulebench.site;

import java.util.List;
import org.joulebench.vocabulary.HeadlineUnit;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;

/**
 * One ranked figure: one energy domain of one OK result of one run of one system.
 *
 * @param system index into the site's system list
 * @param size size class S, M or L; for a custom shape its dims (e.g. {@code K=1024,M=4096,N=4096})
 * @param shape the shape's catalogue name; for a custom shape its dims
 * @param customShape true for a shape given by its dims ({@code --shape})
 * @param implementation the implementation's id ({@code java}, {@code openblas}, {@code default} for v1 records)
 * @param implementationKind {@code PORTABLE} or {@code VENDOR_LIBRARY}
 * @param implementationLabel for people: {@code ours} or {@code vendor library}
 * @param deviceKind CPU, GPU, ACCELERATOR, FPGA or OTHER
 * @param deviceHardwareId the device's stable hardware id, {@code null} when the record has none (v1)
 * @param scope DEVICE, HOST or NODE: rankings are within one scope, DEVICE by default
 * @param scopeDevice the hardware id a DEVICE-scope domain names
 * @param otherScopes the same result's figures in the other scopes, as text (shown beside, never ranked with it)
 * @param efficiency {@link org.joulebench.results.record.DomainEnergy#unitsPerJoule()} in {@code efficiencyUnit}
 * @param efficiencyError propagated from the J/op spread ({@code null} when none)
 * @param picojoulesPerUnit pJ per headline unit
 * @param throughput headline throughput in {@code throughputUnit}
 * @param arithmeticIntensity operations / (bytes read + written), {@code null} when no bytes
 * @param date the run's start date {@code YYYY-MM-DD}
 * @param implementationDescription the implementation's own line from the record (library and version where the
 *     backend knows them; for the {@code external} backend it starts with the runner's name and version)
 * @param runner the runner that ran it ({@code name version}, from the run's device record), {@code null} for a
 *     backend without one
 */
public record ResultRow(
        int system,
        String kernel,
        String dtype,
        String size,
        String shape,
        boolean customShape,
        String backend,
        String implementation,
        String implementationKind,
        String implementationLabel,
        String device,
        String deviceName,
        String deviceKind,
        String deviceHardwareId,
        String scope,
        String scopeDevice,
        String domain,
        String tier,
        String tierClass,
        double efficiency,
        Double efficiencyError,
        String efficiencyUnit,
        String otherScopes,
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
        String harnessVersion,
        Double rooflineFraction,
        String rooflineRoof,
        String rooflineBasis,
        String unranked,
        String implementationDescription,
        String runner) {

    /** The values of {@code SiteGenerator.ROW_COLUMNS} after {@code system}, in that order (data file and CSV). */
    List<Object> columnValues() {
        return java.util.Arrays.asList(
                kernel,
                dtype,
                size,
                shape,
                customShape,
                backend,
                implementation,
                implementationKind,
                implementationLabel,
                device,
                deviceKind,
                deviceHardwareId,
                scope,
                scopeDevice,
                domain,
                tier,
                estimated(),
                tierClass,
                efficiency,
                efficiencyError,
                efficiencyUnit,
                otherScopes,
                picojoulesPerUnit,
                throughput,
                throughputUnit,
                operationsPerSecond,
                averagePowerWatts,
                verified,
                runId,
                date,
                arithmeticIntensity,
                rooflineFraction,
                rooflineRoof,
                rooflineBasis,
                unranked,
                implementationDescription,
                runner);
    }

    /** Whether the row is ranked: its raw windows meet the submission profile (always, for a local run). */
    public boolean ranked() {
        return unranked == null;
    }

    /** The headline unit whose efficiency unit this row is quoted in. */
    public HeadlineUnit headlineUnit() {
        for (HeadlineUnit u : HeadlineUnit.values()) {
            if (u.efficiencyUnit().equals(efficiencyUnit)) {
                return u;
            }
        }
        throw new IllegalStateException("no headline unit has the efficiency unit " + efficiencyUnit);
    }

    public boolean memoryBound() {
        return headlineUnit().memoryBound();
    }

    /** True for an estimate (the {@code estimated} column of the data and CSV), from {@link #tierClass}. */
    public boolean estimated() {
        return Tier.ESTIMATED.equals(tierClass);
    }

    /** True for the chip the kernel ran on: the scope ranked by default. */
    public boolean deviceScope() {
        return Scope.DEVICE.name().equals(scope);
    }
}
