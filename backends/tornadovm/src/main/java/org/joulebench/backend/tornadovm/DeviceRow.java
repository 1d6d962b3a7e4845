package org.joulebench.backend.tornadovm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.HardwareIds;

/**
 * One TornadoVM device as TornadoVM's runtime reports it, in a form that crosses a process boundary as
 * one tab-separated line (the provider lists devices in a child JVM so the parent loads no native code).
 *
 * @param backendIndex TornadoVM's backend (driver) index
 * @param deviceIndex the device's index within that backend
 * @param backend TornadoVM's backend type name: {@code OPENCL}, {@code PTX}, {@code SPIRV}...
 * @param platform the driver/platform, e.g. {@code Portable Computing Language}
 * @param name the device model
 * @param type TornadoVM's device type: {@code CPU}, {@code GPU}, {@code FPGA}, {@code ACCELERATOR}...
 * @param version the device's language version, e.g. {@code OpenCL C 1.2 PoCL}
 * @param globalMemoryBytes the device's global memory in bytes
 */
record DeviceRow(
        int backendIndex,
        int deviceIndex,
        String backend,
        String platform,
        String name,
        String type,
        String version,
        long globalMemoryBytes) {

    /** Property key of TornadoVM's {@code backend:device} index pair. */
    static final String TORNADO_DEVICE = "tornadoDevice";

    String toLine() {
        return String.join(
                "\t",
                Integer.toString(backendIndex),
                Integer.toString(deviceIndex),
                clean(backend),
                clean(platform),
                clean(name),
                clean(type),
                clean(version),
                Long.toString(globalMemoryBytes));
    }

    static DeviceRow parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("not a device line (8 tab-separated fields): " + line);
        }
        return new DeviceRow(
                Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3], f[4], f[5], f[6], Long.parseLong(f[7]));
    }

    /** OpenCL's CPU device is a CPU, whichever backend reached it. */
    DeviceKind kind() {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "CPU" -> DeviceKind.CPU;
            case "GPU" -> DeviceKind.GPU;
            case "FPGA" -> DeviceKind.FPGA;
            case "ACCELERATOR" -> DeviceKind.ACCELERATOR;
            default -> DeviceKind.OTHER;
        };
    }

    /** The backend as users know it: OpenCL, PTX, SPIR-V. */
    String backendLabel() {
        return switch (backend.toUpperCase(Locale.ROOT)) {
            case "OPENCL" -> "OpenCL";
            case "SPIRV" -> "SPIR-V";
            default -> backend;
        };
    }

    String id() {
        return backendIndex + ":" + deviceIndex;
    }

    DeviceInfo toDeviceInfo(Path cpuinfo) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("backend", backendLabel());
        props.put("platform", platform);
        props.put("version", version);
        props.put("globalMemoryBytes", Long.toString(globalMemoryBytes));
        props.put(TORNADO_DEVICE, id());
        String hardwareId = kind() == DeviceKind.CPU
                ? cpuSockets(cpuinfo)
                : "tornadovm:" + backendLabel() + ":" + name.replaceAll("\\s+", "_");
        return new DeviceInfo(id(), name, kind(), hardwareId, backendLabel() + " / " + platform, props);
    }

    /** The host's CPU packages as {@code cpu-socket:0} or {@code cpu-socket:0+1} (an OpenCL CPU device spans all). */
    static String cpuSockets(Path cpuinfo) {
        return HardwareIds.cpuSocketsOf(cpuinfo);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').strip();
    }
}
