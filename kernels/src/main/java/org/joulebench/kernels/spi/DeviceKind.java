package org.joulebench.kernels.spi;

import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of chip a device is. Results from an OpenCL CPU device are {@link #CPU} data, never GPU data,
 * whichever backend reached it.
 */
public enum DeviceKind {
    CPU,
    GPU,
    /** A dedicated AI or other accelerator (NPU, TPU-like ASIC). */
    ACCELERATOR,
    FPGA,
    OTHER;

    /** Case-insensitive; {@code ASIC} is read as {@link #ACCELERATOR} (records before v2 used it). */
    public static DeviceKind parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("ASIC")) {
            return ACCELERATOR;
        }
        for (DeviceKind k : values()) {
            if (k.name().equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown device kind '" + text + "'; valid: " + Arrays.toString(values()));
    }
}
