package org.joulebench.harness.energy.rapl;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.FileAccess;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/** Options: {@code powercapRoot} (default {@code /sys/class/powercap}), {@code raplMaxWatts} (5000). */
public class RaplPowercapProvider implements EnergySensorProvider {
    private final FileAccess files;

    public RaplPowercapProvider() {
        this(FileAccess.DEFAULT);
    }

    /** With an injected file reader (tests simulate permission errors with it). */
    public RaplPowercapProvider(FileAccess files) {
        this.files = files;
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("powercapRoot", "raplMaxWatts");
    }

    @Override
    public String id() {
        return "rapl";
    }

    @Override
    public String description() {
        return "RAPL energy counters via Linux powercap sysfs (Intel, AMD Zen)";
    }

    @Override
    public int preference() {
        return 10;
    }

    private Path root(SensorOptions o) {
        return Path.of(o.get("powercapRoot", "/sys/class/powercap"));
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        try (RaplPowercapSensor s = (RaplPowercapSensor) open(options)) {
            return new SensorProbe(
                    true,
                    "zones " + s.info().domains(),
                    s.info().domains().stream().map(d -> d.domain()).toList(),
                    Method.COUNTER,
                    Tier.B);
        } catch (SensorException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of("cpu-package-N", "dram-N"), Method.COUNTER);
        }
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        List<RaplZone> zones = RaplPowercapSensor.discover(root(options), files);
        double maxWatts = options.getDouble("raplMaxWatts").orElse(5000.0);
        RaplPowercapSensor sensor = new RaplPowercapSensor(zones, files, maxWatts);
        // Fail at open, not mid-run, when no counter can be read at all (e.g. not root); a single
        // unreadable zone shows up later as that domain's error.
        SensorException first = null;
        for (RaplZone z : zones) {
            try {
                sensor.readRaw(z);
                return sensor;
            } catch (SensorException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }
}
