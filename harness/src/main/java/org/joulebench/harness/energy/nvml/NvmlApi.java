package org.joulebench.harness.energy.nvml;

import org.joulebench.energy.spi.SensorException;

/**
 * The NVML calls the sensor makes, in front of the FFM bindings ({@link NvmlLibrary}) so that device
 * selection, counter checks and the sampling fallback are tested with fakes on machines without a GPU.
 * Devices are addressed by NVML's enumeration index, valid within one session only: which index is which
 * board is decided by PCI bus id or UUID ({@link NvmlBoards}), never by assuming CUDA's order.
 *
 * <p>Every call throws {@link NvmlException} with NVML's return code when NVML refuses it ({@link
 * NvmlException#NOT_SUPPORTED} where the device lacks the feature).
 */
interface NvmlApi extends AutoCloseable {

    /** Clocks NVML reports ({@code nvmlClockType_t}). */
    enum Clock {
        /** {@code NVML_CLOCK_SM}. */
        SM(1),
        /** {@code NVML_CLOCK_MEM}. */
        MEM(2);

        final int code;

        Clock(int code) {
            this.code = code;
        }
    }

    int deviceCount() throws SensorException;

    String driverVersion() throws SensorException;

    String name(int index) throws SensorException;

    /** {@code GPU-...}. */
    String uuid(int index) throws SensorException;

    /** As NVML gives it, e.g. {@code 00000000:19:00.0}. */
    String pciBusId(int index) throws SensorException;

    long powerLimitMilliwatts(int index) throws SensorException;

    /** Energy since the driver was loaded, mJ (Volta and later). */
    long totalEnergyMillijoules(int index) throws SensorException;

    /** Power draw, mW (on Ampere and later a ~1 s average, not an instant value). */
    long powerUsageMilliwatts(int index) throws SensorException;

    /** GPU die temperature, degrees Celsius. */
    long temperatureC(int index) throws SensorException;

    long clockMHz(int index, Clock clock) throws SensorException;

    /**
     * The clock-event (throttle) reasons active now, a bit mask of {@code nvmlClocksEventReason*} ({@code
     * nvmlDeviceGetCurrentClocksEventReasons}, formerly {@code ...ThrottleReasons}).
     */
    default long clocksEventReasons(int index) throws SensorException {
        throw new NvmlException("nvmlDeviceGetCurrentClocksEventReasons not bound", NvmlException.FUNCTION_NOT_FOUND);
    }

    /** The processes running compute work on the device now ({@code nvmlDeviceGetComputeRunningProcesses_v3}). */
    default java.util.List<Long> computeProcessPids(int index) throws SensorException {
        throw new NvmlException("nvmlDeviceGetComputeRunningProcesses not bound", NvmlException.FUNCTION_NOT_FOUND);
    }

    @Override
    void close();
}
