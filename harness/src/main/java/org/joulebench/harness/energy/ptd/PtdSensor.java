package org.joulebench.harness.energy.ptd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * An external power analyser behind SPEC PTDaemon. Every window is one labelled measurement ({@code
 * Go} at {@link #beginWindow}, {@code Stop} at {@link #endWindow}); its energy is the mean power of the
 * window's samples ({@code RL}, else PTDaemon's {@code Watts} average) times the window's length, added
 * to a running total that {@link #read()} returns. Any protocol failure makes the window an error; a
 * lost connection is retried at the next window. The domain is NODE scope: an analyser measures what is
 * plugged into it, the node at the wall.
 */
public final class PtdSensor implements EnergySensor {
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final String domain;
    private PtdClient client;
    private final String identity;
    private final int intervalMillis;
    private Double uncertaintyPercent;
    private double cumulativeJoules;
    private long windowStartNanos;
    private String windowError;
    private final List<String> warnings = new ArrayList<>();

    private final java.util.function.LongSupplier clock;

    PtdSensor(String host, int port, int timeoutMillis, String domain) throws PtdException {
        this(host, port, timeoutMillis, domain, System::nanoTime);
    }

    /** With a clock (tests make window lengths exact with it). */
    PtdSensor(String host, int port, int timeoutMillis, String domain, java.util.function.LongSupplier clock)
            throws PtdException {
        this.clock = clock;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.domain = domain;
        this.client = PtdClient.connect(host, port, timeoutMillis);
        try {
            client.hello();
            this.identity = client.identify();
        } catch (PtdException e) {
            client.close();
            throw e;
        }
        this.intervalMillis = PtdClient.parseIntervalMillis(identity);
    }

    @Override
    public SensorInfo info() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("address", host + ":" + port);
        props.put("samplingIntervalMillis", Integer.toString(intervalMillis));
        props.put("protocol", "SPEC PTDaemon TCP (Go/Stop per window, RL samples, Watts, Uncertainty)");
        return new SensorInfo(
                "ptd",
                "PTDaemon " + identity.split(",")[0],
                Method.EXTERNAL_METER,
                Tier.A,
                List.of(DomainInfo.node(domain, List.of(zone()), List.of())),
                null,
                (double) intervalMillis,
                null,
                identity,
                uncertaintyPercent,
                props);
    }

    /** What is read: {@code ptd:HOST:PORT}. */
    String zone() {
        return "ptd:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    String domain() {
        return domain;
    }

    @Override
    public void beginWindow(String label) {
        windowError = null;
        try {
            if (client == null) {
                client = PtdClient.connect(host, port, timeoutMillis);
                client.hello();
                warnings.add("meter at " + host + ":" + port + " reconnected after a lost connection");
            }
            client.go(intervalMillis, sanitize(label));
            windowStartNanos = clock.getAsLong();
        } catch (PtdException e) {
            fail(e);
        }
    }

    @Override
    public void endWindow() {
        if (windowError != null) {
            return;
        }
        long endNanos = clock.getAsLong();
        try {
            client.stop();
            double seconds = (endNanos - windowStartNanos) * 1e-9;
            PtdClient.WattsStats stats = client.watts();
            Double u = client.averageUncertainty();
            if (u != null) {
                double pct = u * 100;
                uncertaintyPercent = uncertaintyPercent == null ? pct : Math.max(uncertaintyPercent, pct);
            }
            List<Double> samples = client.readSampleWatts();
            String invalid = PtdSamples.invalid(stats, samples);
            if (invalid != null) {
                windowError = invalid;
                return;
            }
            double watts;
            if (!samples.isEmpty()) {
                watts = samples.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
                if (stats.averageWatts() > 0 && Math.abs(watts - stats.averageWatts()) > 0.05 * stats.averageWatts()) {
                    warnings.add("meter: mean of RL samples " + watts + " W differs from its Watts average "
                            + stats.averageWatts() + " W by more than 5 %");
                }
            } else if (stats.samples() > 0) {
                watts = stats.averageWatts();
            } else {
                windowError = "meter returned no samples for the window (" + Math.round(seconds * 1000)
                        + " ms, sampling interval " + intervalMillis + " ms)";
                return;
            }
            if (stats.errors() > 0 || stats.validSamples() < stats.samples()) {
                warnings.add("meter reported " + stats.errors() + " errors and " + stats.validSamples() + " valid of "
                        + stats.samples() + " samples");
            }
            cumulativeJoules += watts * seconds;
        } catch (PtdException e) {
            fail(e);
        }
    }

    private void fail(PtdException e) {
        windowError = e.getMessage();
        if (e.getMessage().contains("disconnected") || e.getMessage().contains("did not answer")) {
            client.close();
            client = null;
        }
    }

    static String sanitize(String label) {
        String s = label.replaceAll("[^-_A-Za-z0-9]", "_");
        return s.length() > 60 ? s.substring(s.length() - 60) : s;
    }

    @Override
    public SensorReading read() {
        long now = clock.getAsLong();
        if (windowError != null) {
            return new SensorReading(now, Map.of(), Map.of(domain, windowError));
        }
        return new SensorReading(now, Map.of(domain, cumulativeJoules), Map.of());
    }

    @Override
    public List<String> drainWarnings() {
        List<String> copy = List.copyOf(warnings);
        warnings.clear();
        return copy;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
