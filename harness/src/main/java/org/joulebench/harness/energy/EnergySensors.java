package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorNotApplicableException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;

/**
 * The sensors on the class path ({@link ServiceLoader} of {@link EnergySensorProvider}): listing for the
 * CLI, resolving {@code --sensor}, opening.
 */
public final class EnergySensors {
    private final List<EnergySensorProvider> providers;

    public EnergySensors(List<EnergySensorProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Every provider found on the class path of this class's loader. */
    public static EnergySensors discover() {
        List<EnergySensorProvider> found = new ArrayList<>();
        ServiceLoader.load(EnergySensorProvider.class, EnergySensors.class.getClassLoader())
                .forEach(found::add);
        return new EnergySensors(found);
    }

    public List<EnergySensorProvider> providers() {
        return providers;
    }

    public EnergySensorProvider provider(String id) {
        return providers.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sensor '" + id + "' (known: "
                        + String.join(
                                ", ",
                                providers.stream().map(EnergySensorProvider::id).toList()) + ")"));
    }

    /** For {@code joulebench list}: every sensor with availability, reason, domains, method and tier. */
    public List<SensorListing> list(SensorOptions options) {
        List<SensorListing> out = new ArrayList<>();
        for (EnergySensorProvider p : providers) {
            SensorProbe probe = safeProbe(p, options);
            out.add(new SensorListing(
                    p.id(),
                    p.description(),
                    probe.available(),
                    probe.reason(),
                    probe.domains(),
                    probe.method().name(),
                    probe.tier().name()));
        }
        return out;
    }

    private static SensorProbe safeProbe(EnergySensorProvider p, SensorOptions options) {
        try {
            return p.probe(options);
        } catch (RuntimeException e) {
            return SensorProbe.unavailable("probe failed: " + e, List.of(), org.joulebench.vocabulary.Method.MODEL);
        }
    }

    /**
     * Resolves {@code --sensor} ({@code auto|rapl|msr|nvml|ptd:HOST:PORT|model|<id>[,<id>...]}). Auto picks,
     * per domain, the available auto-selectable sensor with the best tier (then preference); the model
     * estimate only when nothing else covers any domain. Explicit ids are taken as given (an unavailable
     * one fails later, when opened, with its reason).
     */
    public SensorSelection resolve(String sensorSpec, SensorOptions options) {
        SensorSpec spec = SensorSpec.parse(sensorSpec);
        SensorOptions merged = options;
        for (var e : spec.extraOptions().values().entrySet()) {
            merged = merged.with(e.getKey(), e.getValue());
        }
        if (!spec.auto()) {
            spec.ids().forEach(this::provider); // unknown id: error naming the known ones
            return new SensorSelection(spec.ids(), String.join(",", spec.ids()), merged);
        }
        Map<String, SensorProbe> probes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (EnergySensorProvider p : providers) {
            if (!p.autoSelectable() || p.id().equals("model")) {
                continue;
            }
            SensorProbe probe = safeProbe(p, merged);
            if (probe.available()) {
                probes.put(p.id(), probe);
            } else {
                skipped.add(p.id() + ": " + probe.reason());
            }
        }
        // Best sensor per domain: tier first, then provider preference.
        Map<String, String> byDomain = new LinkedHashMap<>();
        Comparator<String> better = Comparator.comparing(
                        (String id) -> probes.get(id).tier())
                .thenComparingInt(id -> provider(id).preference());
        for (String id : probes.keySet()) {
            for (String d : probes.get(id).domains()) {
                byDomain.merge(d, id, (a, b) -> better.compare(a, b) <= 0 ? a : b);
            }
        }
        List<String> chosen = byDomain.values().stream().distinct().toList();
        StringBuilder why = new StringBuilder("auto: ");
        if (chosen.isEmpty()) {
            boolean haveModel = providers.stream().anyMatch(p -> p.id().equals("model"));
            if (!haveModel) {
                return new SensorSelection(
                        List.of(), "auto: no sensor available (" + String.join("; ", skipped) + ")", merged);
            }
            chosen = List.of("model");
            why.append("model ESTIMATE for cpu-package (no energy sensor readable");
            why.append(skipped.isEmpty() ? ")" : ": " + String.join("; ", skipped) + ")");
            return new SensorSelection(chosen, why.toString(), merged);
        }
        List<String> parts = new ArrayList<>();
        for (String id : chosen) {
            List<String> domains = byDomain.entrySet().stream()
                    .filter(e -> e.getValue().equals(id))
                    .map(Map.Entry::getKey)
                    .toList();
            parts.add(id + " (tier " + probes.get(id).tier() + ") for " + String.join(", ", domains));
        }
        why.append(String.join("; ", parts));
        if (!skipped.isEmpty()) {
            why.append(" [unavailable: ").append(String.join("; ", skipped)).append(']');
        }
        return new SensorSelection(chosen, why.toString(), merged);
    }

    /**
     * Sensors that opened; for those that did not, why; and those left out because they measure nothing the
     * case runs on ({@link SensorNotApplicableException}).
     */
    public record Opened(List<EnergySensor> sensors, Map<String, String> failures, Map<String, String> notApplicable) {
        public Opened {
            sensors = List.copyOf(sensors);
            failures = Map.copyOf(failures);
            notApplicable = Map.copyOf(notApplicable);
        }
    }

    /** Opens the selected sensors; a sensor that fails is reported, the others are kept. */
    public Opened open(List<String> ids, SensorOptions options) {
        List<EnergySensor> sensors = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> notApplicable = new LinkedHashMap<>();
        for (String id : ids) {
            try {
                EnergySensor s = provider(id).open(options);
                if (!s.info().id().equals(id)) {
                    // Keep labels consistent with what was asked for.
                    failures.put(
                            id,
                            "provider " + id + " opened a sensor reporting id "
                                    + s.info().id());
                    s.close();
                    continue;
                }
                sensors.add(s);
            } catch (SensorNotApplicableException e) {
                notApplicable.put(id, e.getMessage());
            } catch (SensorException | RuntimeException e) {
                failures.put(id, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return new Opened(sensors, failures, notApplicable);
    }
}
