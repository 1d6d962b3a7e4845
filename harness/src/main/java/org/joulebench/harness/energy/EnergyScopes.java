package org.joulebench.harness.energy;

import java.util.List;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.vocabulary.HardwareIds;
import org.joulebench.vocabulary.Scope;

/**
 * The scope a domain is recorded with, given the devices the case ran on: a sensor's DEVICE domain stays
 * DEVICE only when its device is one of them or part of one ({@code cpu-socket:1} of {@code
 * cpu-socket:0+1}); a DEVICE domain of another device (the CPU package while a GPU computes, an idle
 * second GPU) is HOST. With no target devices known (plain JMH), the sensor's declaration stands.
 */
public final class EnergyScopes {
    private EnergyScopes() {}

    /**
     * @param scope {@code DEVICE}, {@code HOST} or {@code NODE}
     * @param scopeDevice the device's hardware id for DEVICE scope, else {@code null}
     */
    public record Effective(String scope, String scopeDevice) {}

    public static Effective effective(DomainInfo domain, List<String> targetDevices) {
        if (domain.scope() != Scope.DEVICE) {
            return new Effective(domain.scope().name(), null);
        }
        if (targetDevices.isEmpty()
                || targetDevices.stream().anyMatch(t -> HardwareIds.covers(t, domain.scopeDevice()))) {
            return new Effective(Scope.DEVICE.name(), domain.scopeDevice());
        }
        return new Effective(Scope.HOST.name(), null);
    }
}
