package org.joulebench.results.record;

import java.util.List;

/**
 * The machine a run was made on.
 *
 * @param hostname host name as reported by the OS (may be withheld by the submitter)
 * @param cpuModel CPU model string (e.g. from /proc/cpuinfo {@code model name})
 * @param cpuVendor CPU vendor id (e.g. GenuineIntel, AuthenticAMD)
 * @param logicalCores logical processors available to the JVM
 * @param memoryBytes physical memory in bytes
 * @param osName operating system name
 * @param osVersion OS/kernel version (e.g. the Linux kernel release)
 * @param arch CPU architecture (e.g. amd64)
 * @param jvmVendor JVM vendor
 * @param jvmVersion JVM version (full runtime version)
 * @param jvmName VM name (e.g. OpenJDK 64-Bit Server VM)
 * @param jvmFlags flags the benchmark forks ran with
 * @param backends every backend found, with availability and devices
 */
public record EnvironmentInfo(
        String hostname,
        String cpuModel,
        String cpuVendor,
        int logicalCores,
        long memoryBytes,
        String osName,
        String osVersion,
        String arch,
        String jvmVendor,
        String jvmVersion,
        String jvmName,
        List<String> jvmFlags,
        List<BackendInfo> backends) {

    public EnvironmentInfo {
        jvmFlags = List.copyOf(jvmFlags);
        backends = List.copyOf(backends);
    }
}
