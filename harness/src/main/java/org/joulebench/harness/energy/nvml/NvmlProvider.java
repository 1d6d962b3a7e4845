package org.joulebench.harness.energy.nvml;

import java.util.ArrayList;
import java.util.List;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;

/**
 * Options: {@code nvmlLibrary} (default {@code libnvidia-ml.so.1}), {@code nvmlDevices} (comma list of
 * indices, default all), {@code nvmlSampleMillis} (power sampling period where there is no energy counter,
 * default 10), {@code nvmlProbeMillis} (budget to probe the update period, default 2000).
 */
public class NvmlProvider implements EnergySensorProvider {
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    @Override
    public String id() {
        return "nvml";
    }

    @Override
    public String description() {
        return "NVIDIA GPU board energy via NVML (FFM): energy counter, else sampled power";
    }

    @Override
    public int preference() {
        return 10;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        try (NvmlLibrary nvml = NvmlLibrary.load(options.get("nvmlLibrary", DEFAULT_LIBRARY))) {
            int n = nvml.deviceCount();
            if (n == 0) {
                return SensorProbe.unavailable("NVML reports no GPUs", List.of("gpu-board"), Method.COUNTER);
            }
            List<Integer> idx = indices(options, n);
            List<String> domains = idx.size() == 1
                    ? List.of("gpu-board")
                    : idx.stream().map(i -> "gpu-board:" + i).toList();
            return new SensorProbe(
                    true,
                    n + " GPU(s), driver " + nvml.driverVersion(),
                    domains,
                    Method.COUNTER,
                    org.joulebench.energy.spi.Tier.B);
        } catch (SensorException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of("gpu-board"), Method.COUNTER);
        }
    }

    static List<Integer> indices(SensorOptions options, int count) throws SensorException {
        var explicit = options.get("nvmlDevices");
        List<Integer> out = new ArrayList<>();
        if (explicit.isEmpty()) {
            for (int i = 0; i < count; i++) {
                out.add(i);
            }
            return out;
        }
        for (String s : explicit.get().split(",")) {
            int i;
            try {
                i = Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw new SensorException("nvmlDevices: '" + s + "' is not a device index");
            }
            if (i < 0 || i >= count) {
                throw new SensorException("nvmlDevices: no GPU " + i + " (NVML sees " + count + ")");
            }
            out.add(i);
        }
        return out;
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        NvmlLibrary nvml = NvmlLibrary.load(options.get("nvmlLibrary", DEFAULT_LIBRARY));
        try {
            int n = nvml.deviceCount();
            if (n == 0) {
                throw new SensorException("NVML reports no GPUs");
            }
            return new NvmlSensor(
                    nvml,
                    indices(options, n),
                    options.getLong("nvmlSampleMillis", 10),
                    options.getLong("nvmlProbeMillis", 2000));
        } catch (SensorException | RuntimeException e) {
            nvml.close();
            throw e;
        }
    }
}
