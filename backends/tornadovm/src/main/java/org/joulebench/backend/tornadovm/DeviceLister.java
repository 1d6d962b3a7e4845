package org.joulebench.backend.tornadovm;

import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Lists TornadoVM's devices. Runs inside a JVM started with TornadoVM's arguments: as a child process of
 * the provider (one {@link DeviceRow} line per device on stdout), and inside the fork by the backend.
 */
public final class DeviceLister {
    private DeviceLister() {}

    /** True when this JVM was started with TornadoVM's arguments (its argfile sets these properties). */
    static boolean launchedWithTornadoVm() {
        return System.getProperty("tornado.load.runtime.implementation") != null;
    }

    static List<DeviceRow> rows() {
        TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
        List<DeviceRow> rows = new ArrayList<>();
        for (int b = 0; b < rt.getNumBackends(); b++) {
            TornadoBackend backend = rt.getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice dev = backend.getDevice(d);
                rows.add(new DeviceRow(
                        b,
                        d,
                        rt.getBackendType(b).name(),
                        dev.getPlatformName(),
                        dev.getPhysicalDevice().getDeviceName(),
                        dev.getDeviceType().name(),
                        dev.getDeviceOpenCLCVersion(),
                        dev.getMaxGlobalMemory()));
            }
        }
        return rows;
    }

    static TornadoDevice device(DeviceRow row) {
        return TornadoRuntimeProvider.getTornadoRuntime()
                .getBackend(row.backendIndex())
                .getDevice(row.deviceIndex());
    }

    public static void main(String[] args) {
        if (!launchedWithTornadoVm()) {
            System.err.println("not launched with TornadoVM's JVM arguments (java @$TORNADOVM_HOME/tornado-argfile)");
            System.exit(2);
        }
        for (DeviceRow r : rows()) {
            System.out.println(r.toLine());
        }
        System.out.flush();
        System.exit(0);
    }
}
