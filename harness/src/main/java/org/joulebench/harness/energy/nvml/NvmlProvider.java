package org.joulebench.harness.energy.nvml;

import java.util.List;
import java.util.Set;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorNotApplicableException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * Options: {@code nvmlLibrary} (default {@code libnvidia-ml.so.1}); which boards: {@code nvmlDevices} (PCI
 * bus ids or UUIDs, comma-separated), else the case's {@code devices} targets that are NVIDIA GPUs (none:
 * the sensor does not apply), else all ({@link NvmlBoards}); {@code nvmlSampleMillis} (power sampling
 * period where there is no energy counter, default 10), {@code nvmlProbeMillis} (budget to probe the update
 * period, default 2000).
 */
public class NvmlProvider implements EnergySensorProvider {
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    /** Opens the NVML API for a library name. */
    @FunctionalInterface
    interface Loader {
        NvmlApi load(String library) throws SensorException;
    }

    private final Loader loader;
    private final java.util.function.LongSupplier clock;

    public NvmlProvider() {
        this(NvmlLibrary::load, System::nanoTime);
    }

    /** With a loader and clock of its own (tests hand in fake GPUs). */
    NvmlProvider(Loader loader, java.util.function.LongSupplier clock) {
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("nvmlLibrary", NvmlBoards.OPTION, "nvmlSampleMillis", "nvmlProbeMillis");
    }

    @Override
    public String id() {
        return "nvml";
    }

    @Override
    public String description() {
        return "NVIDIA GPU board energy via NVML (FFM): energy counter, else sampled power; the case's GPUs only";
    }

    @Override
    public int preference() {
        return 10;
    }

    @Override
    public SensorProbe probe(SensorOptions options) {
        try (NvmlApi nvml = loader.load(options.get("nvmlLibrary", DEFAULT_LIBRARY))) {
            List<NvmlBoards.Board> boards = NvmlBoards.select(nvml, options);
            return new SensorProbe(
                    true,
                    nvml.deviceCount() + " GPU(s), reading " + boards.size() + ", driver " + nvml.driverVersion(),
                    NvmlBoards.domains(boards),
                    Method.COUNTER,
                    Tier.B);
        } catch (SensorNotApplicableException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of(), Method.COUNTER);
        } catch (SensorException e) {
            return SensorProbe.unavailable(e.getMessage(), List.of("gpu-board"), Method.COUNTER);
        }
    }

    @Override
    public EnergySensor open(SensorOptions options) throws SensorException {
        NvmlApi nvml = loader.load(options.get("nvmlLibrary", DEFAULT_LIBRARY));
        try {
            return new NvmlSensor(
                    nvml,
                    NvmlBoards.select(nvml, options),
                    options.getLong("nvmlSampleMillis", 10),
                    options.getLong("nvmlProbeMillis", 2000),
                    clock);
        } catch (SensorException | RuntimeException e) {
            nvml.close();
            throw e;
        }
    }
}
