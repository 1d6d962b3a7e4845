package org.joulebench.kernels.spi;

import java.util.Map;

/**
 * A device a backend can run on.
 *
 * @param id stable within the backend, e.g. {@code cpu0}, {@code cuda:0}
 * @param name the model, e.g. {@code NVIDIA H100 80GB HBM3} or the CPU model string
 * @param kind CPU, GPU, ASIC, FPGA or OTHER
 * @param driver driver/runtime version where there is one ({@code null} otherwise)
 * @param properties anything else worth recording (cores, memory bytes, compute capability...)
 */
public record DeviceInfo(String id, String name, String kind, String driver, Map<String, String> properties) {
    public DeviceInfo {
        properties = Map.copyOf(properties);
    }
}
