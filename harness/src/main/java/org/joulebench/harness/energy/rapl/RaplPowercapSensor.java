package org.joulebench.harness.energy.rapl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.FileAccess;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;

/**
 * RAPL through the Linux powercap sysfs interface ({@code intel-rapl:*} zones, Intel and AMD Zen).
 * {@code energy_uj} is cumulative microjoules that wraps after {@code max_energy_range_uj}; this sensor
 * unfolds the wrap. A decrease too large to be a wrap in the elapsed time (implied power above {@code
 * raplMaxWatts}, default 5000 W per zone) is reported as a counter going backwards.
 */
public final class RaplPowercapSensor implements EnergySensor {
    static final Pattern ZONE = Pattern.compile("intel-rapl:\\d+(:\\d+)*");
    public static final String PERMISSION_DENIED =
            "permission denied: reading energy_uj needs root on recent kernels (CVE-2020-8694)";

    private final List<RaplZone> zones;
    private final FileAccess files;
    private final double maxPlausibleWatts;
    private final SensorInfo info;
    private final Map<String, Long> lastRaw = new HashMap<>();
    private final Map<String, Long> lastNanos = new HashMap<>();
    private final Map<String, Long> accumulatedMicrojoules = new HashMap<>();

    RaplPowercapSensor(List<RaplZone> zones, FileAccess files, double maxPlausibleWatts) {
        this.zones = List.copyOf(zones);
        this.files = files;
        this.maxPlausibleWatts = maxPlausibleWatts;
        Map<String, String> props = new LinkedHashMap<>();
        for (RaplZone z : zones) {
            props.put("zone." + z.id(), z.name() + ", wraps at " + z.maxEnergyRangeMicrojoules() + " uJ");
        }
        props.put(
                "scope",
                "cpu-package-N is DEVICE scope (cpu-socket:N); dram-N, cpu-cores-N, cpu-uncore-N and platform are"
                        + " HOST: memory beside the chip, parts of the package, the platform rail");
        List<DomainInfo> domains = new ArrayList<>();
        byDomain(zones).forEach((d, group) -> {
            List<String> ids = group.stream().map(RaplZone::id).toList();
            List<String> summed = ids.size() > 1 ? ids : List.of();
            String device = group.getFirst().scopeDevice();
            domains.add(
                    device != null
                            ? new DomainInfo(d, ids, Scope.DEVICE, device, summed)
                            : new DomainInfo(d, ids, Scope.HOST, null, summed));
            if (ids.size() > 1) {
                props.put("summed." + d, String.join(" + ", ids));
            }
        });
        this.info = new SensorInfo(
                "rapl",
                "RAPL powercap",
                Method.COUNTER,
                Tier.B,
                domains,
                1e-6,
                // RAPL counters update about every millisecond (Intel SDM: ~976 us).
                1.0,
                null,
                null,
                null,
                props);
    }

    /** Zones per domain, in domain order; zones of one domain are summed (they should not occur twice). */
    static Map<String, List<RaplZone>> byDomain(List<RaplZone> zones) {
        Map<String, List<RaplZone>> byDomain = new TreeMap<>();
        for (RaplZone z : zones) {
            byDomain.computeIfAbsent(z.domain(), k -> new ArrayList<>()).add(z);
        }
        return byDomain;
    }

    /** Finds the {@code intel-rapl:*} zones under root (top-level entries and nested sub-zones). */
    static List<RaplZone> discover(Path root, FileAccess files) throws SensorException {
        if (!Files.isDirectory(root)) {
            throw new SensorException("no powercap directory " + root + " (kernel without powercap/RAPL?)");
        }
        Map<String, Path> dirs = new TreeMap<>();
        try {
            collect(root, dirs, 0);
        } catch (IOException e) {
            throw new SensorException("cannot list " + root + ": " + e, e);
        }
        if (dirs.isEmpty()) {
            throw new SensorException("no intel-rapl:* zones under " + root);
        }
        Map<String, String> names = new TreeMap<>();
        for (var e : dirs.entrySet()) {
            names.put(e.getKey(), readTrimmed(files, e.getValue().resolve("name")));
        }
        List<RaplZone> zones = new ArrayList<>();
        for (var e : dirs.entrySet()) {
            String name = names.get(e.getKey());
            Integer socket = RaplZone.socketOf(name);
            if (socket == null) { // a sub-zone belongs to its package: intel-rapl:0:1 to intel-rapl:0
                String parent = e.getKey().substring(0, e.getKey().lastIndexOf(':'));
                socket = names.containsKey(parent) ? RaplZone.socketOf(names.get(parent)) : null;
            }
            String range = readTrimmed(files, e.getValue().resolve("max_energy_range_uj"));
            long max;
            try {
                max = Long.parseLong(range);
            } catch (NumberFormatException ex) {
                throw new SensorException(e.getValue().resolve("max_energy_range_uj") + ": not a number: " + range);
            }
            zones.add(new RaplZone(e.getKey(), e.getValue(), name, socket, max));
        }
        return zones;
    }

    private static void collect(Path dir, Map<String, Path> out, int depth) throws IOException {
        if (depth > 3) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (ZONE.matcher(n).matches() && Files.isDirectory(p)) {
                    out.putIfAbsent(n, p);
                    collect(p, out, depth + 1);
                }
            }
        }
    }

    private static String readTrimmed(FileAccess files, Path p) throws SensorException {
        try {
            return files.readString(p).strip();
        } catch (AccessDeniedException e) {
            throw new SensorException(p + ": permission denied", e);
        } catch (IOException e) {
            throw new SensorException("cannot read " + p + ": " + e, e);
        }
    }

    /** Reads one zone's raw counter, in microjoules; the message of the exception is the reason. */
    long readRaw(RaplZone z) throws SensorException {
        Path p = z.dir().resolve("energy_uj");
        String text;
        try {
            text = files.readString(p).strip();
        } catch (AccessDeniedException e) {
            throw new SensorException(z.id() + ": " + PERMISSION_DENIED, e);
        } catch (IOException e) {
            throw new SensorException(z.id() + ": cannot read " + p + ": " + e.getMessage(), e);
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException("negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SensorException(z.id() + ": energy_uj is not a counter value: '" + text + "'");
        }
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public SensorReading read() {
        long now = System.nanoTime();
        Map<String, Double> joules = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (RaplZone z : zones) {
            if (errors.containsKey(z.domain())) {
                continue;
            }
            try {
                long acc = advance(z, readRaw(z), now);
                joules.merge(z.domain(), acc * 1e-6, Double::sum);
            } catch (SensorException e) {
                errors.put(z.domain(), e.getMessage());
            }
        }
        errors.keySet().forEach(joules::remove);
        return new SensorReading(now, joules, errors);
    }

    /** Unfolds one zone's wrap-around; returns microjoules accumulated since the first reading. */
    private long advance(RaplZone z, long raw, long now) throws SensorException {
        Long prev = lastRaw.get(z.id());
        long acc = accumulatedMicrojoules.getOrDefault(z.id(), 0L);
        if (prev != null) {
            long delta;
            if (raw >= prev) {
                delta = raw - prev;
            } else {
                delta = z.maxEnergyRangeMicrojoules() - prev + raw;
                double seconds = Math.max(1e-9, (now - lastNanos.get(z.id())) * 1e-9);
                if (z.maxEnergyRangeMicrojoules() <= 0 || delta * 1e-6 / seconds > maxPlausibleWatts) {
                    // Resynchronise so later windows start clean; this reading is an error.
                    lastRaw.put(z.id(), raw);
                    lastNanos.put(z.id(), now);
                    throw new SensorException(z.id() + ": counter went backwards (" + prev + " -> " + raw
                            + " uJ), not a wrap at " + z.maxEnergyRangeMicrojoules() + " uJ");
                }
            }
            acc += delta;
        }
        lastRaw.put(z.id(), raw);
        lastNanos.put(z.id(), now);
        accumulatedMicrojoules.put(z.id(), acc);
        return acc;
    }

    @Override
    public void close() {}
}
