package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.energy.EnergyFigures;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.SensorDetails;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.PowerSample;
import org.joulebench.vocabulary.Tier;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns the energy profiler's typed reports ({@link EnergyReportResult}) into the run record's {@link
 * EnergyResult}, in the parent JVM after JMH: per domain the raw readings (idle window per fork, every
 * measured window with its invocations), and the figures derived from them alone.
 *
 * <p>A domain with an error in any measured iteration is left out (its reason goes into the warnings);
 * when no domain is left the outcome is {@link EnergyOutcome.Unavailable} with the reasons. A total of
 * zero joules is not a measurement either (the counter never moved).
 */
public final class EnergyRecords {
    private EnergyRecords() {}

    /**
     * One fork's reports, in iteration order.
     *
     * @param invocationsPerOp kernel invocations per JMH operation in this fork (its batch size; 1 when each
     *     JMH operation is one invocation, or when JMH's operationsPerInvocation already counts them)
     */
    public record ForkReports(int fork, List<EnergyReport> reports, long invocationsPerOp) {
        public ForkReports {
            reports = List.copyOf(reports);
            if (invocationsPerOp <= 0) {
                throw new IllegalArgumentException(
                        "fork " + fork + ": invocations per operation must be positive: " + invocationsPerOp);
            }
        }
    }

    /**
     * One fork as JMH returned it: a one-fork JMH result and that fork's batch size. Each fork keeps its own:
     * the forks of a case may have run with different batch sizes (before schema 3 they did, and every fork's
     * operations were multiplied by the first fork's).
     */
    public record ForkRun(int fork, RunResult run, long invocationsPerOp) {}

    /**
     * @param forks the case's forks, in order
     * @param headlineUnitsPerInvocation headline units (FLOP, INT_OP or BYTE) of one kernel invocation
     * @param headlineUnit {@code FLOP}, {@code INT_OP} or {@code BYTE} (used in messages)
     */
    public static EnergyOutcome fromJmh(List<ForkRun> forks, long headlineUnitsPerInvocation, String headlineUnit) {
        List<ForkReports> reports = new ArrayList<>();
        for (ForkRun f : forks) {
            List<EnergyReport> rs = new ArrayList<>();
            for (BenchmarkResult b : f.run().getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    rs.addAll(EnergyReportResult.reportsOf(it));
                }
            }
            reports.add(new ForkReports(f.fork(), rs, f.invocationsPerOp()));
        }
        return fromReports(reports, headlineUnitsPerInvocation, headlineUnit);
    }

    /** The core of {@link #fromJmh}, without JMH types. */
    public static EnergyOutcome fromReports(
            List<ForkReports> forks, long headlineUnitsPerInvocation, String headlineUnit) {
        if (headlineUnitsPerInvocation <= 0) {
            throw new IllegalArgumentException(
                    "headline " + headlineUnit + " per invocation must be positive: " + headlineUnitsPerInvocation);
        }
        if (forks.stream().allMatch(f -> f.reports().isEmpty())) {
            return new EnergyOutcome.Unavailable("no energy results: the energy profiler was not attached");
        }
        EnergyReport.Setup first = forks.stream()
                .flatMap(f -> f.reports().stream())
                .findFirst()
                .orElseThrow()
                .setup();
        List<String> warnings = new ArrayList<>();
        Set<String> openFailures = new LinkedHashSet<>();
        Set<String> sensorWarnings = new LinkedHashSet<>();
        Map<String, SensorInfo> infos = new LinkedHashMap<>();
        Map<String, Double> minWindows = new LinkedHashMap<>();
        Set<String> backendSensors = new LinkedHashSet<>();
        for (ForkReports f : forks) {
            for (EnergyReport r : f.reports()) {
                for (EnergyReport.SensorEntry e : r.setup().sensors()) {
                    infos.putIfAbsent(e.info().id(), e.info());
                    minWindows.putIfAbsent(e.info().id(), e.minimumWindowMillis());
                }
                r.setup().openFailures().forEach((k, v) -> openFailures.add(k + " not used: " + v));
                sensorWarnings.addAll(r.warnings());
                for (EnergyReport.SensorEntry e : r.backendSensors()) {
                    // a backend's sensor describes itself as of each window's end: the last description holds
                    infos.put(e.info().id(), e.info());
                    minWindows.put(e.info().id(), e.minimumWindowMillis());
                    backendSensors.add(e.info().id());
                }
            }
        }
        long measuredWindows = forks.stream().mapToLong(f -> f.reports().size()).sum();
        List<DomainEnergy> domains = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (SensorInfo info : infos.values()) {
            for (DomainInfo d : info.domains()) {
                String key = info.id() + "/" + d.domain();
                RawReadings raw = raw(forks, info, d.domain(), minWindows.get(info.id()));
                // a model sees only this process's CPU time: its "idle power" would be a made-up 0 W, so it
                // gets no idle window and no static/dynamic split
                if (info.method() == Method.MODEL) {
                    raw = new RawReadings(raw.kind(), raw.minimumWindowMillis(), List.of(), raw.windows());
                }
                if (raw.windows().isEmpty()) {
                    continue; // not measured in any fork (another fork's selection)
                }
                if (backendSensors.contains(info.id()) && raw.windows().size() != measuredWindows) {
                    // a backend's reading that began after the first measured window covers only part of the work
                    unavailable.add(key + ": read in " + raw.windows().size() + " of " + measuredWindows
                            + " measured windows (the backend had no reading before the others)");
                    continue;
                }
                String unusable = RawFigures.unusable(raw);
                if (unusable != null) {
                    unavailable.add(key + ": " + unusable);
                    continue;
                }
                // The figures come from the same arithmetic that check recomputes them with.
                EnergyFigures f = EnergyArithmetic.figures(raw, headlineUnitsPerInvocation);
                RawFigures.idleNotes(raw).forEach(n -> warnings.add(key + ": " + n));
                boolean estimated = info.tier() == Tier.ESTIMATE;
                if (estimated) {
                    String tdp = info.properties().get("tdpSource");
                    warnings.add(key + ": ESTIMATE from a model, not a measurement"
                            + (tdp == null ? "" : " (TDP: " + tdp + ")"));
                }
                if (f.shortWindows() > 0) {
                    warnings.add(key + ": " + f.shortWindows() + " of "
                            + raw.windows().size()
                            + " measured windows shorter than the sensor's " + Math.round(raw.minimumWindowMillis())
                            + " ms minimum (" + EnergyQuality.MIN_UPDATES + " updates)");
                }
                EnergyScopes.Effective scope = EnergyScopes.effective(d, first.targetDevices());
                double perOp = f.joulesPerOp();
                domains.add(new DomainEnergy(
                        d.domain(),
                        info.id(),
                        info.method().name(),
                        info.tier().name(),
                        estimated,
                        f.joules(),
                        perOp,
                        f.joulesPerOpError(),
                        f.joulesPerOpPerIteration(),
                        f.picojoulesPerUnit(),
                        f.unitsPerJoule(),
                        f.averagePowerWatts(),
                        f.idlePowerWatts(),
                        f.dynamicJoulesPerOp(),
                        details(info, d),
                        scope.scope(),
                        scope.scopeDevice(),
                        d.summedInstances(),
                        raw));
            }
        }
        warnings.addAll(sensorWarnings);
        warnings.addAll(openFailures);
        if (domains.isEmpty()) {
            List<String> reasons = new ArrayList<>(unavailable);
            reasons.addAll(openFailures);
            if (reasons.isEmpty()) {
                reasons.add("no sensor reported any domain");
            }
            return new EnergyOutcome.Unavailable("no energy measured: " + String.join("; ", reasons));
        }
        unavailable.forEach(u -> warnings.add("domain left out: " + u));
        return new EnergyOutcome.Measured(
                new EnergyResult(first.selection(), domains, List.copyOf(new LinkedHashSet<>(warnings))));
    }

    /** The raw readings of one domain over all forks: idle windows and measured windows, in order. */
    static RawReadings raw(List<ForkReports> forks, SensorInfo info, String domain, double minimumWindowMillis) {
        List<RawWindow> idle = new ArrayList<>();
        List<RawWindow> windows = new ArrayList<>();
        boolean sampled = false;
        for (ForkReports f : forks) {
            if (f.reports().isEmpty()) {
                continue;
            }
            for (EnergyMeter.DomainWindow w : f.reports().getFirst().setup().idle()) {
                if (w.sensorId().equals(info.id()) && w.domain().equals(domain)) {
                    idle.add(rawWindow(f.fork(), 0, 0, w));
                    sampled |= w.sampled();
                }
            }
            for (EnergyReport r : f.reports()) {
                for (EnergyMeter.DomainWindow w : r.windows()) {
                    if (w.sensorId().equals(info.id()) && w.domain().equals(domain)) {
                        windows.add(rawWindow(f.fork(), r.iteration(), r.allOps() * f.invocationsPerOp(), w));
                        sampled |= w.sampled();
                    }
                }
            }
        }
        return new RawReadings(
                sampled ? RawReadings.POWER_SAMPLES : RawReadings.CUMULATIVE_JOULES,
                minimumWindowMillis,
                idle,
                windows);
    }

    static RawWindow rawWindow(int fork, int iteration, long invocations, EnergyMeter.DomainWindow w) {
        String error = w.error();
        if (error == null && iteration > 0 && invocations <= 0) {
            error = "no operations counted in the iteration";
        }
        return new RawWindow(
                fork,
                iteration,
                invocations,
                w.startNanos(),
                w.endNanos(),
                w.startJoules(),
                w.endJoules(),
                w.samples().stream()
                        .map(p -> new PowerSample(p.nanos(), p.watts()))
                        .toList(),
                error,
                w.conditionsAtStart(),
                w.conditionsAtEnd());
    }

    private static SensorDetails details(SensorInfo info, DomainInfo domain) {
        return new SensorDetails(
                info.name(),
                info.resolutionJoules(),
                info.declaredUpdateIntervalMillis(),
                info.observedUpdateIntervalMillis(),
                domain.zones(),
                info.meterIdentity(),
                info.uncertaintyPercent(),
                info.properties());
    }
}
