package org.joulebench.energy.spi;

import java.io.Serializable;
import java.util.List;
import org.joulebench.vocabulary.Scope;

/**
 * One energy domain a sensor reports, and what it covers.
 *
 * <p>A sensor declares scope per domain: {@link #device} for a chip a kernel can run on (one GPU board, one
 * CPU package) with the chip's hardware id; {@link #host} for anything else inside the host; {@link #node}
 * for the node at the wall. The harness keeps DEVICE only when that device is one the measured case ran on
 * (or part of it: {@code cpu-socket:0} is part of {@code cpu-socket:0+1}); a DEVICE domain of another device
 * is recorded as HOST.
 *
 * @param domain {@code cpu-package-0}, {@code dram-0}, {@code gpu-board}, {@code node-wall}, ...; unique
 *     within its sensor
 * @param zones what is read for it (e.g. {@code intel-rapl:0}, {@code ptd:meter1:8888})
 * @param scope DEVICE, HOST or NODE
 * @param scopeDevice for DEVICE scope the device's hardware id ({@link org.joulebench.vocabulary.HardwareIds}: a PCI bus id such as
 *     {@code 0000:19:00.0}, a vendor UUID, or {@code cpu-socket:N}); {@code null} otherwise
 * @param summedInstances when the domain is a sum of several instances (two power-supply meters), their
 *     ids; empty for one instance
 */
public record DomainInfo(
        String domain, List<String> zones, Scope scope, String scopeDevice, List<String> summedInstances)
        implements Serializable {
    public DomainInfo {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be blank");
        }
        zones = List.copyOf(zones);
        if (scope == null) {
            throw new IllegalArgumentException("domain " + domain + " has no scope");
        }
        if (scope == Scope.DEVICE && (scopeDevice == null || scopeDevice.isBlank())) {
            throw new IllegalArgumentException(
                    "domain " + domain + " has DEVICE scope but names no device hardware id");
        }
        if (scope != Scope.DEVICE && scopeDevice != null) {
            throw new IllegalArgumentException(
                    "domain " + domain + " has " + scope + " scope: only DEVICE scope names a device");
        }
        summedInstances = summedInstances == null ? List.of() : List.copyOf(summedInstances);
    }

    /** A domain of unstated scope is taken as HOST: never ranked as the chip. */
    public DomainInfo(String domain, List<String> zones) {
        this(domain, zones, Scope.HOST, null, List.of());
    }

    /** A chip a kernel runs on (or one socket of it), named by its hardware id. */
    public static DomainInfo device(String domain, List<String> zones, String hardwareId) {
        return new DomainInfo(domain, zones, Scope.DEVICE, hardwareId, List.of());
    }

    /** Another part of the host. */
    public static DomainInfo host(String domain, List<String> zones) {
        return new DomainInfo(domain, zones, Scope.HOST, null, List.of());
    }

    /** The whole node at the wall; {@code summedInstances} names the meters added up (empty for one). */
    public static DomainInfo node(String domain, List<String> zones, List<String> summedInstances) {
        return new DomainInfo(domain, zones, Scope.NODE, null, summedInstances);
    }
}
