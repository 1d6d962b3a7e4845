package org.joulebench.kernels.spi;

import java.util.Map;
import org.joulebench.vocabulary.DeviceKind;

/**
 * A device a backend can run on.
 *
 * @param id stable within the backend and the machine, e.g. {@code cpu0}, {@code cuda:0}
 * @param name the model, e.g. {@code NVIDIA H200} or the CPU model string
 * @param kind what kind of chip it is
 * @param hardwareId a stable hardware identity that survives re-enumeration: the PCI bus id (e.g.
 *     {@code 0000:19:00.0}) or the vendor's UUID ({@code GPU-5f6c...}) where there is one, {@code
 *     cpu-socket:0} for a CPU package; energy domains of device scope name their device by this id. Never
 *     an enumeration index.
 * @param driver driver/runtime version where there is one ({@code null} otherwise)
 * @param properties anything else worth recording (cores, memory bytes, compute capability, UUID and PCI
 *     bus id both when both are known: {@link #PCI_BUS_ID}, {@link #UUID})
 */
public record DeviceInfo(
        String id, String name, DeviceKind kind, String hardwareId, String driver, Map<String, String> properties) {

    /** Property key of the PCI bus id in {@code domain:bus:device.function} form, lower-case hex. */
    public static final String PCI_BUS_ID = "pciBusId";
    /** Property key of the vendor's device UUID. */
    public static final String UUID = "uuid";

    public DeviceInfo {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("device " + id + " has no kind");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
