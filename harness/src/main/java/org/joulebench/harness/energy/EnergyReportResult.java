package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;

/**
 * The energy profiler's typed result: JMH carries it from the fork to the parent like any secondary
 * result (by Java serialization), so the parent reads sensor details, raw windows and errors as objects,
 * with no side file and no label parsing. Aggregating (threads, iterations, forks) concatenates reports;
 * {@link EnergyRecords} reads each iteration's own through {@link #reportsOf}. Its score is NaN: it is not a
 * number, and JMH's tables show it as such.
 */
public final class EnergyReportResult extends Result<EnergyReportResult> {
    private static final long serialVersionUID = 1L;

    /** The secondary-result label. */
    public static final String LABEL = "energy.report";

    private final List<EnergyReport> reports;

    public EnergyReportResult(List<EnergyReport> reports) {
        super(ResultRole.SECONDARY, LABEL, of(Double.NaN), "---", AggregationPolicy.AVG);
        this.reports = List.copyOf(reports);
    }

    /** The reports, in iteration order (one per measured iteration of each fork aggregated). */
    public List<EnergyReport> reports() {
        return reports;
    }

    /** The reports one JMH iteration carries (empty when the profiler was not attached). */
    public static List<EnergyReport> reportsOf(IterationResult iteration) {
        List<EnergyReport> out = new ArrayList<>();
        Collection<Result> raw = iteration.getRawSecondaryResults().get(LABEL);
        if (raw == null) {
            return out;
        }
        for (Result<?> r : raw) {
            if (r instanceof EnergyReportResult e) {
                out.addAll(e.reports);
            }
        }
        return out;
    }

    @Override
    protected Aggregator<EnergyReportResult> getThreadAggregator() {
        return EnergyReportResult::concat;
    }

    @Override
    protected Aggregator<EnergyReportResult> getIterationAggregator() {
        return EnergyReportResult::concat;
    }

    private static EnergyReportResult concat(Collection<EnergyReportResult> results) {
        List<EnergyReport> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.reports));
        return new EnergyReportResult(all);
    }

    @Override
    public String toString() {
        Set<String> domains = new LinkedHashSet<>();
        int errors = 0;
        for (EnergyReport r : reports) {
            for (EnergyMeter.DomainWindow w : r.windows()) {
                domains.add(w.key());
                errors += w.error() == null ? 0 : 1;
            }
        }
        return reports.size() + " window(s) of " + String.join(", ", domains)
                + (errors == 0 ? "" : " (" + errors + " with errors)");
    }

    @Override
    public String extendedInfo() {
        return "";
    }
}
