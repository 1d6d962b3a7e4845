package org.joulebench.kernels.spi;

import java.util.List;
import java.util.OptionalLong;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * An opened backend: it owns every native resource it makes (contexts, modules, streams, allocations)
 * and frees them all on {@link #close()}, also after a failure.
 */
public interface Backend extends AutoCloseable {

    String id();

    /** The devices as opened (may carry more detail than the provider's cheap listing; same ids). */
    List<DeviceInfo> devices();

    /** The implementations on a device, as {@link BackendProvider#implementations} describes them. */
    List<Implementation> implementations(DeviceInfo device);

    /**
     * Places the inputs on the device and allocates the output and any workspace, so that {@link
     * PreparedKernel#run()} does only the kernel's work.
     *
     * @param implementationId one of {@link #implementations(DeviceInfo)}
     */
    PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId)
            throws BackendException;

    /** With the device's first available portable implementation that supports the kernel and dtype. */
    default PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device) throws BackendException {
        String impl = implementations(device).stream()
                .filter(i -> i.kind() == ImplementationKind.PORTABLE
                        && i.availability().available())
                .filter(i -> i.supports(kernel.id(), inputs.dtype()))
                .map(Implementation::id)
                .findFirst()
                .orElseThrow(() -> new BackendException(id() + " does not implement " + kernel.id() + "/"
                        + inputs.dtype().id() + " on " + device.id() + "; it implements "
                        + implementations(device).stream()
                                .map(i -> i.id() + ": " + i.supportedText())
                                .toList()));
        return prepare(kernel, inputs, device, impl);
    }

    /**
     * Bytes of device memory in this backend's live allocations now: the inputs, outputs and workspace of
     * prepared kernels not yet closed, plus the backend's own (not what a caching allocator keeps reserved
     * after a free). Empty where the backend keeps its data in the Java heap or cannot count (the default).
     * The conformance kit checks it grows while a kernel is prepared and returns to its earlier value once
     * the kernel is closed.
     */
    default OptionalLong allocatedDeviceBytes() {
        return OptionalLong.empty();
    }

    /**
     * The device's memory roof for calibration: device-to-device copies of {@code bytes} (read once, written once)
     * repeated for about {@code millis}, in bytes moved per second (2 x bytes per copy), the best round; from the
     * device's own timer where it has one. Empty (the default) where the backend has no such copy (host
     * backends: the CPU's roofs are measured by the calibration itself).
     */
    default java.util.OptionalDouble copyBytesPerSecond(DeviceInfo device, long bytes, long millis)
            throws BackendException {
        return java.util.OptionalDouble.empty();
    }

    /** Releases the backend's resources; the default does nothing. */
    @Override
    default void close() {}
}
