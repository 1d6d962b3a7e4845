package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;

/**
 * Brackets windows with sensor readings and turns reading pairs into per-domain energy, checking every
 * difference: a failed read, NaN/infinite or a decrease makes that domain's window an error with the
 * reason, never a number. Independent of JMH so the arithmetic and faults can be tested directly.
 */
public final class EnergyMeter {

    /**
     * One sensor domain over one window.
     *
     * @param sensorId sensor id
     * @param tier tier name
     * @param method method name
     * @param domain domain name
     * @param joules energy in the window, {@code null} when {@code error} is set
     * @param seconds the window's length between the two readings
     * @param error why there is no figure, else {@code null}
     * @param minimumWindowMillis the sensor's minimum window ({@link EnergyQuality})
     */
    public record Channel(
            String sensorId,
            String tier,
            String method,
            String domain,
            Double joules,
            double seconds,
            String error,
            double minimumWindowMillis) {
        public String key() {
            return sensorId + "/" + domain;
        }

        public boolean shortWindow() {
            return error == null && seconds * 1000 < minimumWindowMillis;
        }
    }

    /** All channels of one window, plus warnings the sensors raised during it. */
    public record Window(List<Channel> channels, List<String> warnings) {
        public Window {
            channels = List.copyOf(channels);
            warnings = List.copyOf(warnings);
        }
    }

    private final List<EnergySensor> sensors;
    private final List<SensorReading> before = new ArrayList<>();

    public EnergyMeter(List<EnergySensor> sensors) {
        this.sensors = List.copyOf(sensors);
    }

    public List<EnergySensor> sensors() {
        return sensors;
    }

    public void begin(String label) {
        before.clear();
        for (EnergySensor s : sensors) {
            try {
                s.beginWindow(label);
            } catch (RuntimeException e) {
                // the reading below reports the sensor's state; a plug-in bug must not stop the run
            }
            before.add(safeRead(s));
        }
    }

    public Window end() {
        if (before.size() != sensors.size()) {
            throw new IllegalStateException("end() without begin()");
        }
        List<Channel> channels = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            EnergySensor s = sensors.get(i);
            try {
                s.endWindow();
            } catch (RuntimeException e) {
                // reported through the reading
            }
            SensorReading after = safeRead(s);
            channels.addAll(difference(s.info(), before.get(i), after));
            try {
                s.drainWarnings().forEach(w -> warnings.add(s.info().id() + ": " + w));
            } catch (RuntimeException e) {
                warnings.add(s.info().id() + ": " + e);
            }
        }
        before.clear();
        return new Window(channels, warnings);
    }

    /** An idle window of the given length: begin, sleep, end. */
    public Window idle(long millis) {
        begin("idle");
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
        return end();
    }

    private static SensorReading safeRead(EnergySensor s) {
        try {
            SensorReading r = s.read();
            if (r == null) {
                throw new IllegalStateException("sensor returned no reading");
            }
            return r;
        } catch (RuntimeException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (DomainInfo d : s.info().domains()) {
                errors.put(d.domain(), "reading failed: " + e);
            }
            return new SensorReading(System.nanoTime(), Map.of(), errors);
        }
    }

    static List<Channel> difference(SensorInfo info, SensorReading before, SensorReading after) {
        double seconds = (after.nanoTime() - before.nanoTime()) * 1e-9;
        double minWindow = EnergyQuality.minimumWindowMillis(info);
        List<Channel> out = new ArrayList<>();
        for (DomainInfo d : info.domains()) {
            String domain = d.domain();
            String error = null;
            Double joules = null;
            if (before.errors().containsKey(domain)) {
                error = before.errors().get(domain);
            } else if (after.errors().containsKey(domain)) {
                error = after.errors().get(domain);
            } else if (!before.joules().containsKey(domain) || !after.joules().containsKey(domain)) {
                error = "sensor gave no value for " + domain;
            } else {
                double b = before.joules().get(domain);
                double a = after.joules().get(domain);
                double delta = a - b;
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    error = "sensor returned NaN";
                } else if (!Double.isFinite(delta)) {
                    error = "sensor returned an infinite value";
                } else if (delta < 0) {
                    error = "counter went backwards (" + b + " J -> " + a + " J)";
                } else {
                    joules = delta;
                }
            }
            out.add(new Channel(
                    info.id(), info.tier().name(), info.method().name(), domain, joules, seconds, error, minWindow));
        }
        return out;
    }

    public void close() {
        for (EnergySensor s : sensors) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // closing: nothing to report
            }
        }
    }
}
