package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joulebench.energy.spi.SensorOptions;

/**
 * A parsed {@code --sensor} / {@code sensor=} value: {@code auto}, or a comma list of sensor ids, where
 * {@code ptd:HOST:PORT} names a meter (host may be {@code [v6]}).
 *
 * @param auto whether the best available sensor per domain is to be picked
 * @param ids explicit sensor ids (empty when auto)
 * @param extraOptions options implied by the spec (ptdHost, ptdPort)
 */
public record SensorSpec(boolean auto, List<String> ids, SensorOptions extraOptions) {
    public SensorSpec {
        ids = List.copyOf(ids);
    }

    public static SensorSpec parse(String spec) {
        String s = spec == null ? "auto" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("auto")) {
            return new SensorSpec(true, List.of(), SensorOptions.none());
        }
        List<String> ids = new ArrayList<>();
        SensorOptions extra = SensorOptions.none();
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("ptd:")) {
                String hostPort = p.substring(4);
                int colon = hostPort.lastIndexOf(':');
                if (colon <= 0 || colon == hostPort.length() - 1) {
                    throw new IllegalArgumentException("sensor '" + p + "': expected ptd:HOST:PORT");
                }
                String host = hostPort.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                String port = hostPort.substring(colon + 1);
                try {
                    int n = Integer.parseInt(port);
                    if (n < 1 || n > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sensor '" + p + "': port '" + port + "' is not 1-65535");
                }
                extra = extra.with("ptdHost", host).with("ptdPort", port);
                ids.add("ptd");
            } else if (p.matches("[a-z0-9_-]+")) {
                if (p.equals("auto")) {
                    throw new IllegalArgumentException("sensor 'auto' cannot be combined with other sensors");
                }
                ids.add(p);
            } else {
                throw new IllegalArgumentException("sensor '" + p + "': not a sensor id (auto, rapl, msr, nvml,"
                        + " ptd:HOST:PORT, model, or a plug-in's id)");
            }
        }
        return new SensorSpec(false, ids, extra);
    }
}
