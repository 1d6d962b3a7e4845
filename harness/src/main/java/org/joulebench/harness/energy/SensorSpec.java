package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joulebench.energy.spi.SensorOptions;

/**
 * A parsed {@code --sensor} / {@code sensor=} value: {@code auto}, or a comma list of sensor ids, where
 * {@code ptd:HOST:PORT} names one meter (host may be {@code [v6]}) and {@code ptd:ID=HOST:PORT,ID=HOST:PORT}
 * several meters whose readings are summed into one node domain (a server with two power supplies, each
 * on its own analyser); {@code ptd:psu1=a:8888,ptd:psu2=b:8888} is the same.
 *
 * @param auto whether the best available sensor per domain is to be picked
 * @param ids explicit sensor ids (empty when auto)
 * @param extraOptions options implied by the spec ({@code ptdHost}, {@code ptdPort} for one unnamed meter;
 *     {@code ptdMeters=ID=HOST:PORT,...} otherwise)
 */
public record SensorSpec(boolean auto, List<String> ids, SensorOptions extraOptions) {
    /** Option naming several meters: {@code ID=HOST:PORT,ID=HOST:PORT}. */
    public static final String PTD_METERS = "ptdMeters";

    public SensorSpec {
        ids = List.copyOf(ids);
    }

    /** One meter: instance id ({@code null} when unnamed), host and port. */
    public record Meter(String id, String host, int port) {
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public static SensorSpec parse(String spec) {
        String s = spec == null ? "auto" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("auto")) {
            return new SensorSpec(true, List.of(), SensorOptions.none());
        }
        List<String> ids = new ArrayList<>();
        List<Meter> meters = new ArrayList<>();
        boolean inPtd = false;
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("ptd:")) {
                meters.add(meter(p, p.substring(4)));
                inPtd = true;
                if (!ids.contains("ptd")) {
                    ids.add("ptd");
                }
            } else if (inPtd && p.matches("[A-Za-z0-9_-]+=.+")) {
                meters.add(meter(p, p)); // a further meter of the ptd list
            } else if (p.matches("[a-z0-9_-]+")) {
                if (p.equals("auto")) {
                    throw new IllegalArgumentException("sensor 'auto' cannot be combined with other sensors");
                }
                inPtd = false;
                if (!ids.contains(p)) {
                    ids.add(p);
                }
            } else {
                throw new IllegalArgumentException("sensor '" + p + "': not a sensor id (auto, rapl, msr, nvml,"
                        + " ptd:HOST:PORT, ptd:ID=HOST:PORT,ID=HOST:PORT, model, or a plug-in's id)");
            }
        }
        return new SensorSpec(false, ids, meterOptions(meters));
    }

    private static SensorOptions meterOptions(List<Meter> meters) {
        if (meters.isEmpty()) {
            return SensorOptions.none();
        }
        if (meters.size() == 1 && meters.getFirst().id() == null) {
            Meter m = meters.getFirst();
            return SensorOptions.none().with("ptdHost", m.host()).with("ptdPort", Integer.toString(m.port()));
        }
        Map<String, Meter> byId = new LinkedHashMap<>();
        int n = 0;
        for (Meter m : meters) {
            n++;
            String id = m.id() != null ? m.id() : "meter" + n;
            if (byId.putIfAbsent(id, m) != null) {
                throw new IllegalArgumentException("sensor ptd: meter id '" + id + "' is given twice");
            }
        }
        List<String> entries = new ArrayList<>();
        byId.forEach((id, m) -> entries.add(id + "=" + m.address()));
        return SensorOptions.none().with(PTD_METERS, String.join(",", entries));
    }

    /** Parses the {@link #PTD_METERS} option back into meters. */
    public static List<Meter> meters(String option) {
        List<Meter> out = new ArrayList<>();
        for (String part : option.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(meter(p, p));
            }
        }
        return out;
    }

    /** {@code [ID=]HOST:PORT}. */
    private static Meter meter(String part, String text) {
        String id = null;
        String hostPort = text;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            id = text.substring(0, eq).strip();
            hostPort = text.substring(eq + 1).strip();
            if (!id.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException(
                        "sensor '" + part + "': meter id '" + id + "' must be letters, digits, '_' or '-'");
            }
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("sensor '" + part + "': expected ptd:HOST:PORT or ptd:ID=HOST:PORT");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = hostPort.substring(colon + 1);
        int n;
        try {
            n = Integer.parseInt(port);
            if (n < 1 || n > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sensor '" + part + "': port '" + port + "' is not 1-65535");
        }
        return new Meter(id, host, n);
    }
}
