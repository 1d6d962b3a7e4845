package org.joulebench.results.record;

import java.util.List;
import java.util.Map;

/**
 * A device of a backend.
 *
 * @param id device id within the backend ({@code cpu0}, {@code cuda:0})
 * @param name model name
 * @param kind {@code CPU}, {@code GPU}, {@code ACCELERATOR}, {@code FPGA} or {@code OTHER}
 * @param hardwareId stable hardware identity (PCI bus id, UUID, {@code cpu-socket:0}); {@code null} in v1
 * @param driver driver/runtime version, {@code null} when none
 * @param properties other properties (cores, memory bytes, compute capability, uuid, pciBusId)
 * @param implementations what can run on it (empty in v1 records)
 */
public record DeviceRecord(
        String id,
        String name,
        String kind,
        String hardwareId,
        String driver,
        Map<String, String> properties,
        List<ImplementationRecord> implementations) {
    public DeviceRecord {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        implementations = implementations == null ? List.of() : List.copyOf(implementations);
    }
}
