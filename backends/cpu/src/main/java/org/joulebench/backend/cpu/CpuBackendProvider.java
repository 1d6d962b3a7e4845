package org.joulebench.backend.cpu;

import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;

/** The plain-Java CPU backend: always available, every catalogue kernel, all cores. */
public final class CpuBackendProvider implements BackendProvider {
    public static final String ID = "cpu";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Plain Java on the host CPU, multi-threaded over all cores (reference backend)";
    }

    @Override
    public Availability availability() {
        return Availability.yes(Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version().feature() + "." + Runtime.version().interim() + "."
                + Runtime.version().update());
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
