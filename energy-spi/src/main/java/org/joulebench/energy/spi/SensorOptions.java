package org.joulebench.energy.spi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key/value options handed to providers (e.g. {@code powercapRoot}, {@code msrRoot}, {@code tdpWatts},
 * {@code ptdMeters}). Parsed from the profiler's option string {@code k=v;k=v}. One key is common to all:
 * {@value #TARGET_DEVICES}, the hardware ids of the devices the measured case runs on.
 */
public record SensorOptions(Map<String, String> values) {
    /**
     * Hardware ids ({@link org.joulebench.vocabulary.HardwareIds}) of the devices the measured case runs on, comma-separated; set by
     * the harness per case. A sensor of per-device domains opens only these devices (and declares them
     * DEVICE scope); absent when not known (e.g. {@code joulebench list}).
     */
    public static final String TARGET_DEVICES = "devices";

    public SensorOptions {
        values = Map.copyOf(values);
    }

    public static SensorOptions none() {
        return new SensorOptions(Map.of());
    }

    /** Parses {@code key=value;key=value}; an entry without {@code =} is an error naming it. */
    public static SensorOptions parse(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        if (line != null) {
            for (String part : line.split(";")) {
                String entry = part.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "energy option '" + entry + "' is not key=value (options are separated by ';')");
                }
                map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return new SensorOptions(map);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("energy option " + key + "=" + v + " is not an integer", e);
        }
    }

    public Optional<Double> getDouble(String key) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("energy option " + key + "=" + v + " is not a finite number", e);
        }
    }

    /** The {@value #TARGET_DEVICES} list; empty when not given. */
    public List<String> targetDevices() {
        String v = values.get(TARGET_DEVICES);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public SensorOptions with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new SensorOptions(copy);
    }

    /** Back to {@code k=v;k=v} (keys in insertion order). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
