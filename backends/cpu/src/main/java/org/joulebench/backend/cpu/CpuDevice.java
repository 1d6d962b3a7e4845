package org.joulebench.backend.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.HardwareIds;

/** Describes the host CPU as the backend's single device. */
final class CpuDevice {
    static final String ID = "cpu0";

    private CpuDevice() {}

    static DeviceInfo describe(int threads) {
        return describe(Path.of("/proc/cpuinfo"), threads);
    }

    static DeviceInfo describe(Path cpuinfo, int threads) {
        String name = modelName(cpuinfo).orElse(System.getProperty("os.arch"));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("logicalCores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        props.put("threads", Integer.toString(threads));
        props.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        props.put("vectorApi", Boolean.toString(vectorApiPresent()));
        props.put("osArch", System.getProperty("os.arch"));
        return new DeviceInfo(ID, name, DeviceKind.CPU, hardwareId(cpuinfo), "Java " + Runtime.version(), props);
    }

    /**
     * The CPU packages the device spans, as {@code cpu-socket:0} or {@code cpu-socket:0+1}: the identity
     * energy domains of device scope (RAPL per socket) name. From the {@code physical id} lines.
     */
    static String hardwareId(Path cpuinfo) {
        return HardwareIds.cpuSocketsOf(cpuinfo);
    }

    /** The first {@code model name} line of a /proc/cpuinfo-format file, if readable. */
    static Optional<String> modelName(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
                    String v = line.substring(colon + 1).strip();
                    if (!v.isEmpty()) {
                        return Optional.of(v);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back to the architecture
        }
        return Optional.empty();
    }

    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
