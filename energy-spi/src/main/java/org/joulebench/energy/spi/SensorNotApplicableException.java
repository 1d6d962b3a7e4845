package org.joulebench.energy.spi;

/**
 * The sensor measures nothing the case runs on (e.g. NVML when the case runs on the CPU): the harness
 * leaves it out quietly instead of reporting a failure.
 */
public class SensorNotApplicableException extends SensorException {
    private static final long serialVersionUID = 1L;

    public SensorNotApplicableException(String message) {
        super(message);
    }
}
