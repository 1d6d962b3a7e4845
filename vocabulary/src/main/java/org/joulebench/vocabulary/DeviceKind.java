package org.joulebench.vocabulary;

/**
 * What kind of chip a device is, as records write it ({@code DeviceRecord.kind}, {@code BenchmarkResult.deviceKind}).
 * The same words as the backend SPI's {@code org.joulebench.vocabulary.DeviceKind}.
 */
public enum DeviceKind {
    CPU,
    GPU,
    /** A dedicated AI or other accelerator (NPU, TPU-like ASIC). */
    ACCELERATOR,
    FPGA,
    OTHER;

    /** Case-insensitive; {@code ASIC} (records before v2, system descriptions) reads as {@link #ACCELERATOR}. */
    public static DeviceKind parse(String text) {
        if (text != null && text.strip().equalsIgnoreCase("ASIC")) {
            return ACCELERATOR;
        }
        return Words.parse(DeviceKind.class, text);
    }
}
