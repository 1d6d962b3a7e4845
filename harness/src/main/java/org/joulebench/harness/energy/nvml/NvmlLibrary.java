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
import java.util.HashMap;
import java.util.Map;
import org.joulebench.energy.spi.SensorException;

/**
 * Hand-written FFM bindings for the few NVML calls we need (jextract is not used). Loading a missing
 * library throws {@link IllegalArgumentException} from {@link SymbolLookup#libraryLookup}: turned into a
 * {@link SensorException} with the reason. The calls for identity (UUID, PCI bus id) and conditions
 * (temperature, clocks) are optional: a driver without them gives {@link NvmlException#FUNCTION_NOT_FOUND}
 * for those calls only.
 */
@SuppressWarnings("restricted") // FFM downcalls into NVML: the JVM runs with --enable-native-access
final class NvmlLibrary implements NvmlApi {
    static final int NVML_SUCCESS = 0;
    /** {@code NVML_TEMPERATURE_GPU}. */
    static final int TEMPERATURE_GPU = 0;
    /** {@code sizeof(nvmlPciInfo_t)}: busIdLegacy[16], 5 unsigned ints, busId[32]. */
    static final int PCI_INFO_BYTES = 68;
    /** Offset of {@code busId} in {@code nvmlPciInfo_t}. */
    static final int PCI_INFO_BUS_ID_OFFSET = 36;

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
    private final MethodHandle getUuid;
    private final MethodHandle getPciInfo;
    private final String pciInfoName;
    private final MethodHandle getTemperature;
    private final MethodHandle getClockInfo;
    private final MethodHandle getClocksEventReasons;
    private final String clocksEventReasonsName;
    private final MethodHandle getComputeProcesses;
    private final String computeProcessesName;
    private final Map<Integer, MemorySegment> handles = new HashMap<>();

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
        this.getUuid =
                optional(linker, lib, "nvmlDeviceGetUUID", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        MethodHandle pci3 =
                optional(linker, lib, "nvmlDeviceGetPciInfo_v3", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.getPciInfo = pci3 != null
                ? pci3
                : optional(linker, lib, "nvmlDeviceGetPciInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.pciInfoName = pci3 != null ? "nvmlDeviceGetPciInfo_v3" : "nvmlDeviceGetPciInfo_v2";
        this.getTemperature = optional(
                linker, lib, "nvmlDeviceGetTemperature", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        this.getClockInfo = optional(
                linker, lib, "nvmlDeviceGetClockInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        MethodHandle events = optional(
                linker,
                lib,
                "nvmlDeviceGetCurrentClocksEventReasons",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.clocksEventReasonsName =
                events != null ? "nvmlDeviceGetCurrentClocksEventReasons" : "nvmlDeviceGetCurrentClocksThrottleReasons";
        this.getClocksEventReasons = events != null
                ? events
                : optional(linker, lib, clocksEventReasonsName, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle procs3 = optional(
                linker,
                lib,
                "nvmlDeviceGetComputeRunningProcesses_v3",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        this.computeProcessesName =
                procs3 != null ? "nvmlDeviceGetComputeRunningProcesses_v3" : "nvmlDeviceGetComputeRunningProcesses_v2";
        this.getComputeProcesses = procs3 != null
                ? procs3
                : optional(
                        linker, lib, computeProcessesName, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }

    /** {@code NVML_ERROR_INSUFFICIENT_SIZE}: the process array was too small. */
    static final int INSUFFICIENT_SIZE = 7;

    /**
     * {@code sizeof(nvmlProcessInfo_t)} as the _v2 and _v3 calls fill it: unsigned int pid, (4 bytes padding),
     * unsigned long long usedGpuMemory, unsigned int gpuInstanceId, unsigned int computeInstanceId.
     */
    static final int PROCESS_INFO_BYTES = 24;

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

    private static MethodHandle optional(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        return lib.find(name).map(s -> linker.downcallHandle(s, fd)).orElse(null);
    }

    private void check(String call, int rc) throws SensorException {
        if (rc != NVML_SUCCESS) {
            throw new NvmlException(call + " failed: " + errorString(rc) + " (nvmlReturn_t " + rc + ")", rc);
        }
    }

    private static NvmlException missing(String call) {
        return new NvmlException(
                call + " is not in this driver's NVML (driver too old?)", NvmlException.FUNCTION_NOT_FOUND);
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

    @Override
    public int deviceCount() throws SensorException {
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

    private synchronized MemorySegment device(int index) throws SensorException {
        MemorySegment cached = handles.get(index);
        if (cached != null) {
            return cached;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("nvmlDeviceGetHandleByIndex_v2", (int) getHandleByIndex.invoke(index, out));
            MemorySegment h = out.get(ADDRESS, 0);
            handles.put(index, h);
            return h;
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException("nvmlDeviceGetHandleByIndex_v2: " + t, t);
        }
    }

    @Override
    public String name(int index) throws SensorException {
        return stringCall("nvmlDeviceGetName", getName, device(index), 96);
    }

    @Override
    public String uuid(int index) throws SensorException {
        if (getUuid == null) {
            throw missing("nvmlDeviceGetUUID");
        }
        return stringCall("nvmlDeviceGetUUID", getUuid, device(index), 96);
    }

    private String stringCall(String name, MethodHandle h, MemorySegment device, int size) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(size);
            check(name, (int) h.invoke(device, buf, size));
            return buf.getString(0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException(name + ": " + t, t);
        }
    }

    @Override
    public String pciBusId(int index) throws SensorException {
        if (getPciInfo == null) {
            throw missing("nvmlDeviceGetPciInfo_v3");
        }
        MemorySegment device = device(index);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(PCI_INFO_BYTES, 4);
            check(pciInfoName, (int) getPciInfo.invoke(device, info));
            String busId = info.getString(PCI_INFO_BUS_ID_OFFSET);
            return busId.isBlank() ? info.getString(0) : busId; // busIdLegacy at offset 0
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException(pciInfoName + ": " + t, t);
        }
    }

    @Override
    public String driverVersion() throws SensorException {
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

    @Override
    public long powerLimitMilliwatts(int index) throws SensorException {
        return uintCall("nvmlDeviceGetPowerManagementLimit", powerLimit, device(index));
    }

    @Override
    public long powerUsageMilliwatts(int index) throws SensorException {
        return uintCall("nvmlDeviceGetPowerUsage", powerUsage, device(index));
    }

    @Override
    public long totalEnergyMillijoules(int index) throws SensorException {
        MemorySegment device = device(index);
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

    @Override
    public long temperatureC(int index) throws SensorException {
        if (getTemperature == null) {
            throw missing("nvmlDeviceGetTemperature");
        }
        return uintCall("nvmlDeviceGetTemperature", getTemperature, device(index), TEMPERATURE_GPU);
    }

    @Override
    public long clockMHz(int index, Clock clock) throws SensorException {
        if (getClockInfo == null) {
            throw missing("nvmlDeviceGetClockInfo");
        }
        return uintCall("nvmlDeviceGetClockInfo", getClockInfo, device(index), clock.code);
    }

    @Override
    public long clocksEventReasons(int index) throws SensorException {
        if (getClocksEventReasons == null) {
            throw missing(clocksEventReasonsName);
        }
        MemorySegment device = device(index);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check(clocksEventReasonsName, (int) getClocksEventReasons.invoke(device, out));
            return out.get(JAVA_LONG, 0);
        } catch (SensorException e) {
            throw e;
        } catch (Throwable t) {
            throw new SensorException(clocksEventReasonsName + ": " + t, t);
        }
    }

    @Override
    public java.util.List<Long> computeProcessPids(int index) throws SensorException {
        if (getComputeProcesses == null) {
            throw missing(computeProcessesName);
        }
        MemorySegment device = device(index);
        int capacity = 64;
        while (true) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment count = a.allocate(JAVA_INT);
                count.set(JAVA_INT, 0, capacity);
                MemorySegment infos = a.allocate((long) PROCESS_INFO_BYTES * capacity, 8);
                int rc = (int) getComputeProcesses.invoke(device, count, infos);
                if (rc == INSUFFICIENT_SIZE && capacity < 65536) {
                    capacity = Math.max(capacity * 2, count.get(JAVA_INT, 0) + 8);
                    continue;
                }
                check(computeProcessesName, rc);
                int n = count.get(JAVA_INT, 0);
                java.util.List<Long> pids = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    pids.add(Integer.toUnsignedLong(infos.get(JAVA_INT, (long) i * PROCESS_INFO_BYTES)));
                }
                return pids;
            } catch (SensorException e) {
                throw e;
            } catch (Throwable t) {
                throw new SensorException(computeProcessesName + ": " + t, t);
            }
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

    /** A call with an enum argument before the out pointer. */
    private long uintCall(String name, MethodHandle h, MemorySegment device, int arg) throws SensorException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(name, (int) h.invoke(device, arg, out));
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
}
