package org.joulebench.harness.energy.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.joulebench.energy.spi.SensorException;

/**
 * Hand-written FFM bindings for the few NVML calls we need (jextract is not used). Loading a missing
 * library throws {@link IllegalArgumentException} from {@link SymbolLookup#libraryLookup}: turned into a
 * {@link SensorException} with the reason.
 */
@SuppressWarnings("restricted") // FFM downcalls into NVML: the JVM runs with --enable-native-access
final class NvmlLibrary implements AutoCloseable {
    static final int NVML_SUCCESS = 0;
    static final int NVML_ERROR_NOT_SUPPORTED = 3;

    private final Arena arena;
    private final MethodHandle init;
    private final MethodHandle shutdown;
    private final MethodHandle getCount;
    private final MethodHandle getHandleByIndex;
    private final MethodHandle getName;
    private final MethodHandle driverVersion;
    private final MethodHandle powerLimit;
    private final MethodHandle totalEnergy;
    private final MethodHandle powerUsage;
    private final MethodHandle errorString;

    private NvmlLibrary(Arena arena, SymbolLookup lib) throws SensorException {
        this.arena = arena;
        Linker linker = Linker.nativeLinker();
        this.init = handle(linker, lib, "nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        this.shutdown = handle(linker, lib, "nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        this.getCount = handle(linker, lib, "nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.getHandleByIndex = handle(
                linker, lib, "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        this.getName =
                handle(linker, lib, "nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        this.driverVersion =
                handle(linker, lib, "nvmlSystemGetDriverVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        this.powerLimit = handle(
                linker, lib, "nvmlDeviceGetPowerManagementLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.totalEnergy = handle(
                linker, lib, "nvmlDeviceGetTotalEnergyConsumption", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.powerUsage =
                handle(linker, lib, "nvmlDeviceGetPowerUsage", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.errorString = handle(linker, lib, "nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** Loads the library (e.g. {@code libnvidia-ml.so.1}) and calls {@code nvmlInit_v2}. */
    static NvmlLibrary load(String libraryName) throws SensorException {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(libraryName, arena);
            } catch (IllegalArgumentException e) {
                throw new SensorException(libraryName + " not found (no NVIDIA driver installed?)", e);
            }
            NvmlLibrary nvml = new NvmlLibrary(arena, lib);
            nvml.check("nvmlInit_v2", (int) nvml.init.invoke());
            return nvml;
        } catch (SensorException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new SensorException("NVML initialisation failed: " + t, t);
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd)
            throws SensorException {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new SensorException("NVML has no symbol " + name + " (driver too old?)"));
        return linker.downcallHandle(symbol, fd);
    }

    private void check(String call, int rc) throws SensorException {
        if (rc != NVML_SUCCESS) {
            throw new NvmlException(call + " failed: " + errorString(rc) + " (nvmlReturn_t " + rc + ")", rc);
        }
    }

    String errorString(int rc) {
        try {
            MemorySegment s = (MemorySegment) errorString.invoke(rc);
            return s.equals(MemorySegment.NULL)
                    ? "error " + rc
                    : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + rc;
        }
    }

    int deviceCount() throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("nvmlDeviceGetCount_v2", (int) getCount.invoke(out));
            return out.get(JAVA_INT, 0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlDeviceGetCount_v2: " + t, t);
        }
    }

    MemorySegment deviceHandle(int index) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("nvmlDeviceGetHandleByIndex_v2", (int) getHandleByIndex.invoke(index, out));
            return out.get(ADDRESS, 0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlDeviceGetHandleByIndex_v2: " + t, t);
        }
    }

    String deviceName(MemorySegment device) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(96);
            check("nvmlDeviceGetName", (int) getName.invoke(device, buf, 96));
            return buf.getString(0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlDeviceGetName: " + t, t);
        }
    }

    String driverVersion() throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(80);
            check("nvmlSystemGetDriverVersion", (int) driverVersion.invoke(buf, 80));
            return buf.getString(0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlSystemGetDriverVersion: " + t, t);
        }
    }

    /** Power limit in milliwatts. */
    long powerLimitMilliwatts(MemorySegment device) throws SensorException {
        return uintCall("nvmlDeviceGetPowerManagementLimit", powerLimit, device);
    }

    /** Power draw in milliwatts (on Ampere and later a ~1 s average, not an instant value). */
    long powerUsageMilliwatts(MemorySegment device) throws SensorException {
        return uintCall("nvmlDeviceGetPowerUsage", powerUsage, device);
    }

    /** Energy since the driver was loaded, in millijoules (Volta and later). */
    long totalEnergyMillijoules(MemorySegment device) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("nvmlDeviceGetTotalEnergyConsumption", (int) totalEnergy.invoke(device, out));
            // unsigned long long; mJ since driver load never reaches 2^63
            return out.get(JAVA_LONG, 0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlDeviceGetTotalEnergyConsumption: " + t, t);
        }
    }

    private long uintCall(String name, MethodHandle h, MemorySegment device) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(name, (int) h.invoke(device, out));
            return Integer.toUnsignedLong(out.get(JAVA_INT, 0));
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException(name + ": " + t, t);
        }
    }

    @Override
    public void close() {
        try {
            shutdown.invoke();
        } catch (Throwable ignored) {
            // shutting down: nothing to report
        } finally {
            arena.close();
        }
    }

    /** An NVML call returned an error code. */
    static final class NvmlException extends SensorException {
        private static final long serialVersionUID = 1L;
        final int code;

        NvmlException(String message, int code) {
            super(message);
            this.code = code;
        }
    }
}
