package org.joulebench.harness.energy.msr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * Options: {@code msrRoot} (default {@code /dev/cpu}), {@code cpuTopologyRoot} (default {@code
 * /sys/devices/system/cpu}), {@code cpuVendor} ({@code intel}|{@code amd}, default from {@code cpuinfo},
 * itself default {@code /proc/cpuinfo}), {@code msrMaxWatts} (5000).
 */
public class MsrPackageProvider implements EnergySensorProvider {

    @Override
    public Set<String> optionKeys() {
        return Set.of("msrRoot", "cpuTopologyRoot", "cpuVendor", "cpuinfo", "msrMaxWatts");
    }

    @Override
    public String id() {
        return "msr";
    }

    @Override
    public String description() {
        return "RAPL package energy MSRs via /dev/cpu/N/msr (where powercap is absent; needs root)";
    }

    @Override
    public int preference() {
        return 20;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        try (EnergySensor s = open(options)) {
            return new SensorProbe(
                    true,
                    s.info().name(),
                    s.info().domains().stream().map(d -> d.domain()).toList(),
                    Method.COUNTER,
                    Tier.B);
        } catch (SensorException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of("cpu-package-N"), Method.COUNTER);
        }
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        MsrPackageSensor.Vendor vendor = vendor(options);
        Map<Integer, Path> files = MsrPackageSensor.onePerPackage(
                Path.of(options.get("msrRoot", "/dev/cpu")),
                Path.of(options.get("cpuTopologyRoot", "/sys/devices/system/cpu")));
        MsrPackageSensor sensor = new MsrPackageSensor(
                vendor, files, options.getDouble("msrMaxWatts").orElse(5000.0));
        var first = sensor.read();
        if (!first.errors().isEmpty()) {
            throw new SensorException(first.errors().values().iterator().next());
        }
        return sensor;
    }

    static MsrPackageSensor.Vendor vendor(SensorOptions options) throws SensorException {
        var explicit = options.get("cpuVendor");
        if (explicit.isPresent()) {
            return switch (explicit.get().toLowerCase(Locale.ROOT)) {
                case "intel" -> MsrPackageSensor.Vendor.INTEL;
                case "amd" -> MsrPackageSensor.Vendor.AMD;
                default -> throw new SensorException("cpuVendor=" + explicit.get() + ": expected intel or amd");
            };
        }
        Path cpuinfo = Path.of(options.get("cpuinfo", "/proc/cpuinfo"));
        String text;
        try {
            text = Files.readString(cpuinfo);
        } catch (IOException e) {
            throw new SensorException("cannot read " + cpuinfo + " to tell Intel from AMD: " + e);
        }
        if (text.contains("GenuineIntel")) {
            return MsrPackageSensor.Vendor.INTEL;
        }
        if (text.contains("AuthenticAMD") || text.contains("HygonGenuine")) {
            return MsrPackageSensor.Vendor.AMD;
        }
        throw new SensorException("CPU vendor in " + cpuinfo + " is neither Intel nor AMD: no RAPL MSRs");
    }
}
