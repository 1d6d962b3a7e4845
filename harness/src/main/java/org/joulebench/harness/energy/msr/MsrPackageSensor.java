package org.joulebench.harness.energy.msr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.HardwareIds;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Tier;

/**
 * Package energy from the RAPL model-specific registers through {@code /dev/cpu/N/msr} (one CPU per
 * package): energy-status counter (32 bits, wraps) times the energy unit from the power-unit register. One
 * domain per package, {@code cpu-package-S}, of DEVICE scope {@code cpu-socket:S}.
 */
public final class MsrPackageSensor implements EnergySensor {

    /** Register addresses of one vendor. */
    public enum Vendor {
        INTEL(0x606L, 0x611L),
        AMD(0xC0010299L, 0xC001029BL);

        final long powerUnitMsr;
        final long packageEnergyMsr;

        Vendor(long powerUnitMsr, long packageEnergyMsr) {
            this.powerUnitMsr = powerUnitMsr;
            this.packageEnergyMsr = packageEnergyMsr;
        }
    }

    static final long COUNTER_RANGE = 1L << 32;

    private final Vendor vendor;
    private final List<Path> msrFiles;
    private final List<String> domains;
    private final double joulesPerUnit;
    private final double maxPlausibleWatts;
    private final SensorInfo info;
    private final long[] lastRaw;
    private final long[] lastNanos;
    private final long[] accumulatedUnits;

    /** @param msrFiles per socket (physical package id), one CPU's msr file */
    MsrPackageSensor(Vendor vendor, Map<Integer, Path> msrFiles, double maxPlausibleWatts) throws SensorException {
        this.vendor = vendor;
        this.msrFiles = List.copyOf(msrFiles.values());
        this.domains = msrFiles.keySet().stream().map(s -> "cpu-package-" + s).toList();
        this.maxPlausibleWatts = maxPlausibleWatts;
        long unitReg = readMsr(this.msrFiles.getFirst(), vendor.powerUnitMsr);
        int esu = (int) ((unitReg >>> 8) & 0x1F);
        this.joulesPerUnit = 1.0 / (1L << esu);
        this.lastRaw = new long[this.msrFiles.size()];
        this.lastNanos = new long[this.msrFiles.size()];
        this.accumulatedUnits = new long[this.msrFiles.size()];
        java.util.Arrays.fill(lastRaw, -1);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("vendor", vendor.name());
        props.put(
                "energyStatusMsr",
                "0x" + Long.toHexString(vendor.packageEnergyMsr).toUpperCase());
        props.put("energyUnitJoules", Double.toString(joulesPerUnit));
        props.put("wrapsAtJoules", Double.toString(COUNTER_RANGE * joulesPerUnit));
        List<DomainInfo> domainInfos = new ArrayList<>();
        msrFiles.forEach((socket, file) -> domainInfos.add(
                DomainInfo.device("cpu-package-" + socket, List.of(file.toString()), HardwareIds.cpuSocket(socket))));
        this.info = new SensorInfo(
                "msr",
                "RAPL MSR (" + vendor.name() + ")",
                Method.COUNTER,
                Tier.B,
                domainInfos,
                joulesPerUnit,
                1.0,
                null,
                null,
                null,
                props);
    }

    static long readMsr(Path file, long address) throws SensorException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining()) {
                int n = ch.read(buf, address + buf.position());
                if (n < 0) {
                    throw new EOFException("register 0x" + Long.toHexString(address) + " not readable");
                }
            }
            return buf.flip().getLong();
        } catch (AccessDeniedException e) {
            throw new SensorException(file + ": permission denied: reading MSRs needs root (and the msr module)", e);
        } catch (IOException e) {
            throw new SensorException(
                    file + ": cannot read MSR 0x" + Long.toHexString(address) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public SensorReading read() {
        long now = System.nanoTime();
        Map<String, Double> joules = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < msrFiles.size(); i++) {
            try {
                long raw = readMsr(msrFiles.get(i), vendor.packageEnergyMsr) & 0xFFFFFFFFL;
                joules.put(domains.get(i), advance(i, raw, now) * joulesPerUnit);
            } catch (SensorException e) {
                errors.put(domains.get(i), e.getMessage());
            }
        }
        return new SensorReading(now, joules, errors);
    }

    private long advance(int i, long raw, long now) throws SensorException {
        if (lastRaw[i] >= 0) {
            long delta = raw >= lastRaw[i] ? raw - lastRaw[i] : COUNTER_RANGE - lastRaw[i] + raw;
            if (raw < lastRaw[i]) {
                double seconds = Math.max(1e-9, (now - lastNanos[i]) * 1e-9);
                if (delta * joulesPerUnit / seconds > maxPlausibleWatts) {
                    long prev = lastRaw[i];
                    lastRaw[i] = raw;
                    lastNanos[i] = now;
                    throw new SensorException(msrFiles.get(i) + ": counter went backwards (" + prev + " -> " + raw
                            + " units), not a 32-bit wrap");
                }
            }
            accumulatedUnits[i] += delta;
        }
        lastRaw[i] = raw;
        lastNanos[i] = now;
        return accumulatedUnits[i];
    }

    /** Per physical package id, the msr file of its first CPU. */
    static Map<Integer, Path> onePerPackage(Path msrRoot, Path cpuTopologyRoot) throws SensorException {
        if (!java.nio.file.Files.isDirectory(msrRoot)) {
            throw new SensorException("no " + msrRoot + " (load the msr kernel module: modprobe msr)");
        }
        Map<Integer, Path> byPackage = new java.util.TreeMap<>();
        List<Integer> cpus = new ArrayList<>();
        try (var s = java.nio.file.Files.list(msrRoot)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+"))
                    .map(Integer::parseInt)
                    .sorted()
                    .forEach(cpus::add);
        } catch (IOException e) {
            throw new SensorException("cannot list " + msrRoot + ": " + e, e);
        }
        for (int cpu : cpus) {
            Path msr = msrRoot.resolve(Integer.toString(cpu)).resolve("msr");
            if (!java.nio.file.Files.exists(msr)) {
                continue;
            }
            Path pkgFile = cpuTopologyRoot.resolve("cpu" + cpu).resolve("topology/physical_package_id");
            int pkg;
            try {
                pkg = Integer.parseInt(java.nio.file.Files.readString(pkgFile).strip());
            } catch (IOException | NumberFormatException e) {
                pkg = 0; // no topology: one package assumed, read through the first CPU
            }
            byPackage.putIfAbsent(pkg, msr);
        }
        if (byPackage.isEmpty()) {
            throw new SensorException("no " + msrRoot + "/N/msr files (load the msr kernel module: modprobe msr)");
        }
        return byPackage;
    }

    @Override
    public void close() {}
}
