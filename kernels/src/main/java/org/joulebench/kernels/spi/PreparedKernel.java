package org.joulebench.kernels.spi;

import org.joulebench.kernels.Tensor;

/** A kernel ready to run on a device with its inputs in place. Not thread-safe. */
public interface PreparedKernel extends AutoCloseable {

    /**
     * Runs the kernel once over the prepared inputs. Returns only when the work is done (a device
     * backend synchronises before returning), so that timing and energy readings around it are honest.
     */
    void run();

    /** Copies the output of the last {@link #run()} back to the host. */
    Tensor output();

    /** Frees device memory and workspace; the default does nothing. */
    @Override
    default void close() {}
}
