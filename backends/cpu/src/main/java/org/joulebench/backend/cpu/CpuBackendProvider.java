package org.joulebench.backend.cpu;

import java.util.List;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;

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
    public List<DeviceInfo> devices() {
        return List.of(CpuDevice.describe(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return CpuBackend.implementationsOn(device);
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
