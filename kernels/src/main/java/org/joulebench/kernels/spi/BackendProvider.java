package org.joulebench.kernels.spi;

import java.util.List;

/**
 * Entry point of a backend, found through {@link java.util.ServiceLoader} (register the
 * implementation in {@code META-INF/services/org.joulebench.kernels.spi.BackendProvider}).
 *
 * <p>Everything but {@link #create()} is <em>cheap</em>: planning, {@code joulebench list} and the
 * environment capture call it in the parent JVM, so it must not load the backend's native libraries,
 * open a device or start a runtime (read sysfs/procfs, environment variables, files). Native code is
 * opened only by {@link #create()}, which runs inside the benchmark fork.
 */
public interface BackendProvider {

    /** Stable id used on the command line and in records, e.g. {@code cpu}, {@code cuda}. */
    String id();

    /** One line for {@code joulebench list}. */
    String description();

    /** Whether this backend can run here; when not, a reason a user can act on. Cheap. */
    Availability availability();

    /**
     * The devices this backend would run on, found cheaply (no native library): e.g. from {@code
     * /proc/driver/nvidia/gpus}. Only asked when {@link #availability()} is available. Each carries a
     * stable {@link DeviceInfo#hardwareId()}.
     */
    List<DeviceInfo> devices();

    /**
     * What can run on one device: the implementations (ours, vendor libraries), each with the kernel/dtype
     * pairs it supports there and whether it is available. Asked per device because devices of one
     * backend differ (fp16 on one GPU and not another). Cheap.
     */
    List<Implementation> implementations(DeviceInfo device);

    /** JVM arguments (and, if it must, the Java executable) the benchmark fork needs. Cheap. */
    default ForkOptions forkOptions() {
        return ForkOptions.NONE;
    }

    /** Opens the backend (loads native code, opens devices). Called inside the fork, when available. */
    Backend create() throws BackendException;
}
