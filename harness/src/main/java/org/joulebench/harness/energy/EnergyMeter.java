package org.joulebench.harness.energy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.PowerSample;

/**
 * Brackets windows with sensor readings and keeps, per domain, the raw readings a figure follows from:
 * the two cumulative readings (or the power samples of a sampling sensor), their timestamps and the device
 * conditions at both ends. Every window is checked: a failed read, NaN/infinite values, a decrease or too
 * few samples make that domain's window an error with the reason, never a number. Independent of JMH so
 * the arithmetic and faults can be tested directly.
 */
public final class EnergyMeter {

    /**
     * One sensor domain over one window, as read. Serializable: it travels from the JMH fork to the parent
     * inside {@link EnergyReport}.
     *
     * @param sensorId sensor id
     * @param domain domain name
     * @param sampled whether the raw readings are power samples (else two cumulative readings)
     * @param startNanos {@link System#nanoTime()} of the "before" reading
     * @param endNanos {@link System#nanoTime()} of the "after" reading
     * @param startJoules cumulative joules at the start ({@code null} when sampled or unread)
     * @param endJoules cumulative joules at the end ({@code null} when sampled or unread)
     * @param samples the power samples within the window, both ends included (sampled only)
     * @param error why there is no figure, else {@code null}
     * @param conditionsAtStart device temperature and clocks just before the window (may be empty)
     * @param conditionsAtEnd the same just after it
     */
    public record DomainWindow(
            String sensorId,
            String domain,
            boolean sampled,
            long startNanos,
            long endNanos,
            Double startJoules,
            Double endJoules,
            List<PowerSample> samples,
            String error,
            Map<String, Double> conditionsAtStart,
            Map<String, Double> conditionsAtEnd)
            implements Serializable {
        public DomainWindow {
            samples = samples == null ? List.of() : List.copyOf(samples);
            conditionsAtStart = conditionsAtStart == null ? Map.of() : Map.copyOf(conditionsAtStart);
            conditionsAtEnd = conditionsAtEnd == null ? Map.of() : Map.copyOf(conditionsAtEnd);
        }

        public String key() {
            return sensorId + "/" + domain;
        }

        /** The window's length between the two readings, in seconds. */
        public double seconds() {
            return (endNanos - startNanos) * 1e-9;
        }

        /** Energy in the window, J: end minus start, or the samples integrated; {@code null} on error. */
        public Double joules() {
            if (error != null) {
                return null;
            }
            return sampled ? trapezoidJoules(samples) : endJoules - startJoules;
        }

        /** The same window with an error (its raw readings kept). */
        public DomainWindow withError(String why) {
            return new DomainWindow(
                    sensorId,
                    domain,
                    sampled,
                    startNanos,
                    endNanos,
                    startJoules,
                    endJoules,
                    samples,
                    why,
                    conditionsAtStart,
                    conditionsAtEnd);
        }
    }

    /** All domain windows of one window, plus warnings the sensors raised during it. */
    public record Window(List<DomainWindow> domains, List<String> warnings) {
        public Window {
            domains = List.copyOf(domains);
            warnings = List.copyOf(warnings);
        }
    }

    /** Power samples integrated by the trapezoidal rule, J (0 for fewer than two samples). */
    public static double trapezoidJoules(List<PowerSample> samples) {
        double joules = 0;
        for (int i = 1; i < samples.size(); i++) {
            PowerSample a = samples.get(i - 1);
            PowerSample b = samples.get(i);
            joules += (a.watts() + b.watts()) / 2 * (b.nanos() - a.nanos()) * 1e-9;
        }
        return joules;
    }

    /** The "before" state of one sensor. */
    private record Start(SensorReading reading, Map<String, Map<String, Double>> conditions) {}

    private final List<EnergySensor> sensors;
    private final List<Start> before = new ArrayList<>();

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
            Map<String, Map<String, Double>> conditions = safeConditions(s);
            safeDrainSamples(s); // samples before the window are not the window's
            before.add(new Start(safeRead(s), conditions));
        }
    }

    public Window end() {
        if (before.size() != sensors.size()) {
            throw new IllegalStateException("end() without begin()");
        }
        List<DomainWindow> domains = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            EnergySensor s = sensors.get(i);
            try {
                s.endWindow();
            } catch (RuntimeException e) {
                // reported through the reading
            }
            SensorReading after = safeRead(s);
            Map<String, List<PowerSample>> samples = safeDrainSamples(s);
            Map<String, Map<String, Double>> conditions = safeConditions(s);
            Start start = before.get(i);
            domains.addAll(windows(
                    s.info(), providesSamples(s), start.reading(), after, samples, start.conditions(), conditions));
            try {
                s.drainWarnings().forEach(w -> warnings.add(s.info().id() + ": " + w));
            } catch (RuntimeException e) {
                warnings.add(s.info().id() + ": " + e);
            }
        }
        before.clear();
        return new Window(domains, warnings);
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

    private static boolean providesSamples(EnergySensor s) {
        try {
            return s.providesSamples();
        } catch (RuntimeException e) {
            return false;
        }
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

    private static Map<String, List<PowerSample>> safeDrainSamples(EnergySensor s) {
        try {
            Map<String, List<PowerSample>> m = s.drainSamples();
            return m == null ? Map.of() : m;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, Map<String, Double>> safeConditions(EnergySensor s) {
        try {
            Map<String, Map<String, Double>> m = s.conditions();
            return m == null ? Map.of() : m;
        } catch (RuntimeException e) {
            return Map.of(); // conditions are context, never a reason to lose a window
        }
    }

    static List<DomainWindow> windows(
            SensorInfo info,
            boolean sampled,
            SensorReading before,
            SensorReading after,
            Map<String, List<PowerSample>> samples,
            Map<String, Map<String, Double>> conditionsBefore,
            Map<String, Map<String, Double>> conditionsAfter) {
        List<DomainWindow> out = new ArrayList<>();
        for (DomainInfo d : info.domains()) {
            String domain = d.domain();
            Double startJoules = sampled ? null : before.joules().get(domain);
            Double endJoules = sampled ? null : after.joules().get(domain);
            List<PowerSample> inWindow = sampled
                    ? samples.getOrDefault(domain, List.of()).stream()
                            .filter(p -> p.nanos() >= before.nanoTime() && p.nanos() <= after.nanoTime())
                            .toList()
                    : List.of();
            String error;
            if (before.errors().containsKey(domain)) {
                error = before.errors().get(domain);
            } else if (after.errors().containsKey(domain)) {
                error = after.errors().get(domain);
            } else if (sampled) {
                error = sampleError(inWindow);
            } else {
                error = counterError(domain, startJoules, endJoules);
            }
            out.add(new DomainWindow(
                    info.id(),
                    domain,
                    sampled,
                    before.nanoTime(),
                    after.nanoTime(),
                    startJoules,
                    endJoules,
                    inWindow,
                    error,
                    conditionsBefore.get(domain),
                    conditionsAfter.get(domain)));
        }
        return out;
    }

    private static String counterError(String domain, Double b, Double a) {
        if (b == null || a == null) {
            return "sensor gave no value for " + domain;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return "sensor returned NaN";
        }
        if (!Double.isFinite(a - b)) {
            return "sensor returned an infinite value";
        }
        if (a < b) {
            return "counter went backwards (" + b + " J -> " + a + " J)";
        }
        return null;
    }

    private static String sampleError(List<PowerSample> samples) {
        if (samples.size() < 2) {
            return samples.size() + " power samples in the window: at least one at each end is needed";
        }
        for (int i = 0; i < samples.size(); i++) {
            PowerSample p = samples.get(i);
            if (!Double.isFinite(p.watts()) || p.watts() < 0) {
                return "sensor returned an invalid power sample " + p.watts() + " W";
            }
            if (i > 0 && p.nanos() < samples.get(i - 1).nanos()) {
                return "power samples out of time order";
            }
        }
        return null;
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
