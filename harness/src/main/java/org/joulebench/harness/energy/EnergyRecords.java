package org.joulebench.harness.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.Tier;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.EnergyResult;
import org.joulebench.results.run.SensorDetails;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns the energy profiler's output into the run record's {@link EnergyResult}, in the parent JVM after
 * JMH: numbers from every measured iteration's secondary results (all forks), text (zones, meter
 * identity, errors, warnings) from the forks' details files.
 *
 * <p>A domain with an error in any measured iteration is left out (its reason goes into the warnings);
 * when no domain is left the outcome is {@link EnergyOutcome.Unavailable} with the reasons. A total of
 * zero joules is not a measurement either (the counter never moved).
 */
public final class EnergyRecords {
    private EnergyRecords() {}

    /** With details files in {@link EnergyProfiler#DEFAULT_DETAILS_DIR}. */
    public static EnergyOutcome fromJmh(RunResult run, long headlineUnitsPerOp, String headlineUnit) {
        return fromJmh(run, EnergyProfiler.DEFAULT_DETAILS_DIR, headlineUnitsPerOp, headlineUnit);
    }

    /**
     * @param run one benchmark's JMH result (all forks)
     * @param detailsDir the profiler's {@code detailsDir}
     * @param headlineUnitsPerOp headline units (FLOP, INT_OP or BYTE) of one invocation
     * @param headlineUnit {@code FLOP}, {@code INT_OP} or {@code BYTE} (used in messages)
     */
    public static EnergyOutcome fromJmh(RunResult run, Path detailsDir, long headlineUnitsPerOp, String headlineUnit) {
        List<IterationSample> samples = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                Map<String, Double> values = new LinkedHashMap<>();
                // JMH's API hands out raw Result maps
                it.getSecondaryResults().forEach((label, r) -> {
                    if (label.startsWith(EnergyLabels.PREFIX)) {
                        values.put(label, r.getScore());
                    }
                });
                samples.add(new IterationSample(it.getMetadata().getAllOps(), values));
            }
        }
        return fromSamples(samples, detailsDir, headlineUnitsPerOp, headlineUnit);
    }

    /**
     * One measured iteration as the parent sees it.
     *
     * @param allOps operations in the iteration
     * @param values the {@code energy.*} secondary results
     */
    public record IterationSample(long allOps, Map<String, Double> values) {
        public IterationSample {
            values = Map.copyOf(values);
        }
    }

    /** The core of {@link #fromJmh}, without JMH types. */
    public static EnergyOutcome fromSamples(
            List<IterationSample> samples, Path detailsDir, long headlineUnitsPerOp, String headlineUnit) {
        if (headlineUnitsPerOp <= 0) {
            throw new IllegalArgumentException(
                    "headline " + headlineUnit + " per op must be positive: " + headlineUnitsPerOp);
        }
        boolean any = samples.stream().anyMatch(s -> !s.values().isEmpty());
        if (!any) {
            return new EnergyOutcome.Unavailable("no energy results: the energy profiler was not attached");
        }
        List<String> warnings = new ArrayList<>();
        // Details files, one per fork.
        Map<Long, EnergyDetailsFile> details = new LinkedHashMap<>();
        for (IterationSample s : samples) {
            Double id = s.values().get(EnergyLabels.DETAILS_ID);
            if (id == null || details.containsKey(id.longValue())) {
                continue;
            }
            Path file = EnergyDetailsFile.path(detailsDir, id.longValue());
            try {
                details.put(id.longValue(), Files.exists(file) ? EnergyDetailsFile.read(file) : null);
                if (!Files.exists(file)) {
                    warnings.add("energy details file " + file + " not found: zones, meter identity and error"
                            + " reasons are unknown");
                }
            } catch (IOException e) {
                details.put(id.longValue(), null);
                warnings.add("energy details file unreadable: " + e.getMessage());
            }
        }
        List<EnergyDetailsFile> files =
                details.values().stream().filter(f -> f != null).toList();
        String selection = files.isEmpty()
                ? "unknown (details file missing)"
                : files.getFirst().selection();
        Map<String, SensorInfo> infos = new LinkedHashMap<>();
        Map<String, Double> minWindows = new LinkedHashMap<>();
        Set<String> openFailures = new LinkedHashSet<>();
        Set<String> sensorWarnings = new LinkedHashSet<>();
        Map<String, Set<String>> errorReasons = new TreeMap<>();
        for (EnergyDetailsFile f : files) {
            for (EnergyDetailsFile.SensorEntry e : f.sensors()) {
                infos.putIfAbsent(e.info().id(), e.info());
                minWindows.putIfAbsent(e.info().id(), e.minimumWindowMillis());
            }
            f.openFailures().forEach((k, v) -> openFailures.add(k + " not used: " + v));
            for (EnergyDetailsFile.Iteration it : f.iterations()) {
                sensorWarnings.addAll(it.warnings());
                for (EnergyMeter.Channel c : it.channels()) {
                    if (c.error() != null) {
                        errorReasons
                                .computeIfAbsent(c.key(), k -> new LinkedHashSet<>())
                                .add(c.error());
                    }
                }
            }
            for (EnergyMeter.Channel c : f.idle()) {
                if (c.error() != null) {
                    warnings.add(c.key() + ": idle power not measured: " + c.error());
                } else if (c.shortWindow()) {
                    warnings.add(c.key() + ": idle window " + Math.round(c.seconds() * 1000)
                            + " ms is shorter than the sensor's " + Math.round(c.minimumWindowMillis())
                            + " ms minimum");
                }
            }
        }
        // Group numbers by sensor/domain.
        Map<String, EnergyLabels.Parsed> keys = new TreeMap<>();
        for (IterationSample s : samples) {
            for (String label : s.values().keySet()) {
                EnergyLabels.parse(label).ifPresent(p -> keys.putIfAbsent(p.key(), p));
            }
        }
        List<DomainEnergy> domains = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (EnergyLabels.Parsed key : keys.values()) {
            String k = key.key();
            List<Double> perOp = new ArrayList<>();
            List<Double> dynamicPerOp = new ArrayList<>();
            double joules = 0;
            double seconds = 0;
            int errors = 0;
            int shortWindows = 0;
            int measured = 0;
            List<Double> idleWatts = new ArrayList<>();
            for (IterationSample s : samples) {
                Map<String, Double> v = s.values();
                String base = EnergyLabels.PREFIX + key.sensor() + "." + key.tier() + "." + key.domain() + ".";
                Double idle = v.get(base + EnergyLabels.IDLE_WATTS);
                if (idle != null) {
                    idleWatts.add(idle);
                }
                if (v.containsKey(base + EnergyLabels.ERROR)) {
                    errors++;
                    continue;
                }
                Double j = v.get(base + EnergyLabels.JOULES);
                Double jop = v.get(base + EnergyLabels.JOULES_PER_OP);
                Double sec = v.get(base + EnergyLabels.SECONDS);
                if (j == null || jop == null || sec == null) {
                    continue; // this iteration did not have this sensor (e.g. another fork's selection)
                }
                if (!Double.isFinite(j) || !Double.isFinite(jop) || !Double.isFinite(sec)) {
                    errors++;
                    errorReasons.computeIfAbsent(k, x -> new LinkedHashSet<>()).add("non-finite value " + j + " J");
                    continue;
                }
                measured++;
                joules += j;
                seconds += sec;
                perOp.add(jop);
                if (v.containsKey(base + EnergyLabels.SHORT_WINDOW)) {
                    shortWindows++;
                }
                if (idle != null && s.allOps() > 0) {
                    dynamicPerOp.add((j - idle * sec) / s.allOps());
                }
            }
            if (errors > 0) {
                String why = errorReasons.containsKey(k)
                        ? String.join("; ", errorReasons.get(k))
                        : "reason unknown (details file missing)";
                unavailable.add(
                        k + ": " + why + " (" + errors + " of " + (errors + measured) + " measured iterations)");
                continue;
            }
            if (measured == 0) {
                continue;
            }
            if (joules <= 0) {
                unavailable.add(k + ": no energy registered in " + measured + " windows (the counter never moved:"
                        + " windows shorter than the sensor's resolution or update period)");
                continue;
            }
            if (!(seconds > 0)) {
                unavailable.add(k + ": the measured windows have no length (" + seconds + " s)");
                continue;
            }
            SensorInfo info = infos.get(key.sensor());
            String method = info != null ? info.method().name() : methodOf(key.tier());
            double meanPerOp = mean(perOp);
            // A model sees only this process's CPU time: its "idle power" would be a made-up 0 W, so a
            // model estimate reports no static/dynamic split at all.
            boolean model = Method.MODEL.name().equals(method);
            Double idleW = idleWatts.isEmpty() || model ? null : mean(idleWatts);
            Double dynamic = idleW == null || dynamicPerOp.size() != perOp.size() ? null : mean(dynamicPerOp);
            boolean estimated = Tier.ESTIMATE.name().equals(key.tier());
            if (estimated) {
                String tdp = info == null ? null : info.properties().get("tdpSource");
                warnings.add(
                        k + ": ESTIMATE from a model, not a measurement" + (tdp == null ? "" : " (TDP: " + tdp + ")"));
            }
            if (shortWindows > 0) {
                Double min = minWindows.get(key.sensor());
                warnings.add(k + ": " + shortWindows + " of " + measured + " measured windows shorter than the sensor's"
                        + (min == null ? "" : " " + Math.round(min) + " ms") + " minimum ("
                        + EnergyQuality.MIN_UPDATES + " updates)");
            }
            domains.add(new DomainEnergy(
                    key.domain(),
                    key.sensor(),
                    method,
                    key.tier(),
                    estimated,
                    joules,
                    meanPerOp,
                    perOp.size() < 2 ? null : stdev(perOp),
                    perOp,
                    meanPerOp / headlineUnitsPerOp * 1e12,
                    headlineUnitsPerOp / meanPerOp / 1e9,
                    joules / seconds,
                    idleW,
                    dynamic,
                    details(key, info),
                    provisionalScope(key.domain()),
                    null,
                    List.of(),
                    null));
            if (info == null) {
                warnings.add(k + ": sensor details unknown (details file missing)");
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
                new EnergyResult(selection, domains, List.copyOf(new LinkedHashSet<>(warnings))));
    }

    private static SensorDetails details(EnergyLabels.Parsed key, SensorInfo info) {
        if (info == null) {
            return new SensorDetails(key.sensor(), null, null, null, List.of(), null, null, Map.of());
        }
        List<String> zones = info.domains().stream()
                .filter(d -> d.domain().equals(key.domain()))
                .map(DomainInfo::zones)
                .findFirst()
                .orElse(List.of());
        return new SensorDetails(
                info.name(),
                info.resolutionJoules(),
                info.declaredUpdateIntervalMillis(),
                info.observedUpdateIntervalMillis(),
                zones,
                info.meterIdentity(),
                info.uncertaintyPercent(),
                info.properties());
    }

    static String methodOf(String tier) {
        return switch (tier) {
            case "A" -> "EXTERNAL_METER";
            case "B" -> "COUNTER";
            case "C" -> "SAMPLED_POWER";
            default -> "MODEL";
        };
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

    /** Until sensors declare their scope: node-wall is the node, everything else the host. */
    private static String provisionalScope(String domain) {
        return domain.startsWith("node") ? DomainEnergy.SCOPE_NODE : DomainEnergy.SCOPE_HOST;
    }
}
