package org.joulebench.results.run;

import java.util.Map;

/** A device of a backend: id, model name, kind (CPU/GPU/ASIC/FPGA/OTHER), driver, other properties. */
public record DeviceRecord(String id, String name, String kind, String driver, Map<String, String> properties) {
    public DeviceRecord {
        properties = Map.copyOf(properties);
    }
}
