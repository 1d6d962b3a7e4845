package org.joulebench.harness.env;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.results.record.BackendInfo;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.ImplementationRecord;

/** Reads what a record says about the machine: CPU, memory, OS, JVM and the backends found. */
public final class EnvironmentCapture {
    private EnvironmentCapture() {}

    public static EnvironmentInfo capture(List<BackendProvider> providers, List<String> forkFlags) {
        Map<String, String> cpu = cpuInfo(Path.of("/proc/cpuinfo"));
        long memoryBytes = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memoryBytes = os.getTotalMemorySize();
        }
        List<BackendInfo> backends = new ArrayList<>();
        for (BackendProvider p : providers) {
            backends.add(describe(p));
        }
        return new EnvironmentInfo(
                hostname(),
                cpu.getOrDefault("model name", System.getProperty("os.arch")),
                cpu.getOrDefault("vendor_id", "unknown"),
                Runtime.getRuntime().availableProcessors(),
                memoryBytes,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                forkFlags,
                backends);
    }

    /** A provider's availability, and its devices when it is available (this opens the backend). */
    public static BackendInfo describe(BackendProvider p) {
        Availability a;
        try {
            a = p.availability();
        } catch (RuntimeException | LinkageError e) {
            return new BackendInfo(p.id(), p.description(), false, "availability check failed: " + e, List.of());
        }
        if (!a.available()) {
            return new BackendInfo(p.id(), p.description(), false, a.reason(), List.of());
        }
        // Only the provider's cheap calls: no native library is opened in the parent.
        try {
            List<DeviceRecord> devices = new ArrayList<>();
            for (DeviceInfo d : p.devices()) {
                List<ImplementationRecord> impls = p.implementations(d).stream()
                        .map(i -> new ImplementationRecord(
                                i.id(),
                                i.kind().name(),
                                i.description(),
                                i.availability().available(),
                                i.availability().reason(),
                                i.version(),
                                i.runner() == null
                                        ? null
                                        : new ImplementationRecord.Runner(
                                                i.runner().name(), i.runner().version())))
                        .toList();
                devices.add(new DeviceRecord(
                        d.id(), d.name(), d.kind().name(), d.hardwareId(), d.driver(), d.properties(), impls));
            }
            return new BackendInfo(p.id(), p.description(), true, a.reason(), devices);
        } catch (RuntimeException | LinkageError e) {
            return new BackendInfo(p.id(), p.description(), false, "could not be listed: " + e.getMessage(), List.of());
        }
    }

    /** The first processor's fields of /proc/cpuinfo (empty where it cannot be read). */
    static Map<String, String> cpuInfo(Path file) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() && !m.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    m.putIfAbsent(
                            line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: callers fall back to os.arch
        }
        return m;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
