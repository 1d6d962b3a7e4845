package org.joulebench.results.record;

import java.util.List;

/** A backend as found on the machine: available or not (with the reason), and its devices. */
public record BackendInfo(String id, String description, boolean available, String reason, List<DeviceRecord> devices) {
    public BackendInfo {
        devices = List.copyOf(devices);
    }
}
