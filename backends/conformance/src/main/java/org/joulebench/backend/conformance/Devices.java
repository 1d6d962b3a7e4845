package org.joulebench.backend.conformance;

import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.DeviceInfo;

/** Looks a device of the provider's listing up in an opened backend, by id, as the harness's fork does. */
final class Devices {
    private Devices() {}

    static DeviceInfo opened(Backend backend, DeviceInfo listed) {
        return backend.devices().stream()
                .filter(d -> d.id().equals(listed.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the provider lists device " + listed.id()
                        + " but the opened backend has "
                        + backend.devices().stream().map(DeviceInfo::id).toList()));
    }
}
