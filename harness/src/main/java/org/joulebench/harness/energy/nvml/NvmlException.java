package org.joulebench.harness.energy.nvml;

import org.joulebench.energy.spi.SensorException;

/** An NVML call returned an error code. */
final class NvmlException extends SensorException {
    private static final long serialVersionUID = 1L;
    static final int NOT_SUPPORTED = 3;
    /** The symbol is missing from this driver's library. */
    static final int FUNCTION_NOT_FOUND = 13;

    final int code;

    NvmlException(String message, int code) {
        super(message);
        this.code = code;
    }
}
