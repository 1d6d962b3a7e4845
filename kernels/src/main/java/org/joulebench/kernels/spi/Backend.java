package org.joulebench.kernels.spi;

import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;

/** An opened backend: devices, the kernels it implements, and preparation of a kernel on a device. */
public interface Backend extends AutoCloseable {

    String id();

    List<DeviceInfo> devices();

    /** The kernel/dtype pairs this backend implements. */
    Set<KernelVariant> supported();

    default boolean supports(String kernelId, DType dtype) {
        return supported().contains(new KernelVariant(kernelId, dtype));
    }

    /**
     * Places the inputs on the device and allocates the output and any workspace, so that {@link
     * PreparedKernel#run()} does only the kernel's work.
     */
    PreparedKernel prepare(Kernel kernel, KernelInputs inputs, DeviceInfo device) throws BackendException;

    /** Releases the backend's resources; the default does nothing. */
    @Override
    default void close() {}
}
