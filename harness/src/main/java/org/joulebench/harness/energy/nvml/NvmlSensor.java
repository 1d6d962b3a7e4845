package org.joulebench.harness.energy.nvml;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.energy.spi.Tier;

/**
 * GPU board energy through NVML. Prefers the total-energy counter (mJ since driver load, Volta+: tier B);
 * where a device does not support it, integrates power samples on a background thread (tier C). The
 * counter's real update period is probed at open (poll until it changes, several times) and recorded.
 *
 * <p>Device work must have finished before the "after" reading: the JMH profiler reads after the
 * iteration, which ends only after the benchmark method returned, and backends' {@code run()} blocks
 * until the device is done.
 */
public final class NvmlSensor implements EnergySensor {
    private final NvmlLibrary nvml;
    private final List<Integer> indices;
    private final List<MemorySegment> devices;
    private final List<String> domains;
    private final boolean counterMode;
    private final SensorInfo info;
    private final long[] firstMillijoules;
    private final long[] lastMillijoules;
    private final Sampler sampler;

    NvmlSensor(NvmlLibrary nvml, List<Integer> indices, long sampleMillis, long probeBudgetMillis)
            throws SensorException {
        this.nvml = nvml;
        this.indices = List.copyOf(indices);
        this.devices = new ArrayList<>();
        for (int i : indices) {
            devices.add(nvml.deviceHandle(i));
        }
        this.domains = indices.size() == 1
                ? List.of("gpu-board")
                : indices.stream().map(i -> "gpu-board:" + i).toList();
        boolean counters = true;
        for (MemorySegment d : devices) {
            try {
                nvml.totalEnergyMillijoules(d);
            } catch (NvmlLibrary.NvmlException e) {
                if (e.code != NvmlLibrary.NVML_ERROR_NOT_SUPPORTED) {
                    throw e;
                }
                counters = false;
            }
        }
        this.counterMode = counters;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("driverVersion", nvml.driverVersion());
        List<String> names = new ArrayList<>();
        for (int k = 0; k < devices.size(); k++) {
            String name = nvml.deviceName(devices.get(k));
            names.add(name);
            props.put("device." + indices.get(k) + ".name", name);
            try {
                props.put(
                        "device." + indices.get(k) + ".powerLimitWatts",
                        Double.toString(nvml.powerLimitMilliwatts(devices.get(k)) / 1000.0));
            } catch (SensorException e) {
                props.put("device." + indices.get(k) + ".powerLimitWatts", "unknown: " + e.getMessage());
            }
        }
        props.put(
                "source",
                counterMode
                        ? "nvmlDeviceGetTotalEnergyConsumption (mJ counter)"
                        : "nvmlDeviceGetPowerUsage samples every " + sampleMillis + " ms, integrated (trapezoid)");
        if (!counterMode) {
            props.put(
                    "note",
                    "power readings are ~1 s averages on Ampere and later, and cover only part of each"
                            + " update window on A100/H100 (arXiv 2312.02741): use long windows");
        }
        Double observed = probeUpdateMillis(probeBudgetMillis);
        if (observed == null) {
            props.put("updateProbe", "no change seen within " + probeBudgetMillis + " ms");
        }
        this.firstMillijoules = new long[devices.size()];
        this.lastMillijoules = new long[devices.size()];
        List<DomainInfo> domainInfos = new ArrayList<>();
        for (int k = 0; k < devices.size(); k++) {
            domainInfos.add(new DomainInfo(domains.get(k), List.of("nvml:" + indices.get(k))));
        }
        Method method = counterMode ? Method.COUNTER : Method.SAMPLED_POWER;
        this.info = new SensorInfo(
                "nvml",
                "NVML " + String.join(", ", names),
                method,
                Tier.of(method),
                domainInfos,
                counterMode ? 1e-3 : null,
                // NVML's counter and power value update every ~20-100 ms (Yang, Adamek, Armour 2023).
                100.0,
                observed,
                null,
                null,
                props);
        if (counterMode) {
            for (int k = 0; k < devices.size(); k++) {
                firstMillijoules[k] = nvml.totalEnergyMillijoules(devices.get(k));
                lastMillijoules[k] = firstMillijoules[k];
            }
            this.sampler = null;
        } else {
            this.sampler = new Sampler(sampleMillis);
            sampler.start();
        }
    }

    /** Polls device 0's counter (or power) until it changes several times; median period in ms. */
    private Double probeUpdateMillis(long budgetMillis) throws SensorException {
        MemorySegment d = devices.getFirst();
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        long last = counterMode ? nvml.totalEnergyMillijoules(d) : nvml.powerUsageMilliwatts(d);
        List<Long> changes = new ArrayList<>();
        while (System.nanoTime() < deadline && changes.size() < 6) {
            LockSupport.parkNanos(200_000);
            long v = counterMode ? nvml.totalEnergyMillijoules(d) : nvml.powerUsageMilliwatts(d);
            if (v != last) {
                changes.add(System.nanoTime());
                last = v;
            }
        }
        if (changes.size() < 3) {
            return null;
        }
        double[] periods = new double[changes.size() - 1];
        for (int i = 1; i < changes.size(); i++) {
            periods[i - 1] = (changes.get(i) - changes.get(i - 1)) / 1e6;
        }
        Arrays.sort(periods);
        return periods[periods.length / 2];
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public SensorReading read() {
        long now = System.nanoTime();
        Map<String, Double> joules = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        if (!counterMode) {
            double[] acc = sampler.snapshot(errors, domains);
            for (int k = 0; k < devices.size(); k++) {
                if (!errors.containsKey(domains.get(k))) {
                    joules.put(domains.get(k), acc[k]);
                }
            }
            return new SensorReading(now, joules, errors);
        }
        for (int k = 0; k < devices.size(); k++) {
            try {
                long mj = nvml.totalEnergyMillijoules(devices.get(k));
                if (mj < lastMillijoules[k]) {
                    errors.put(
                            domains.get(k),
                            "nvml:" + indices.get(k) + ": energy counter went backwards (" + lastMillijoules[k] + " -> "
                                    + mj + " mJ; driver reloaded?)");
                    firstMillijoules[k] += mj - lastMillijoules[k];
                } else {
                    joules.put(domains.get(k), (mj - firstMillijoules[k]) * 1e-3);
                }
                lastMillijoules[k] = mj;
            } catch (SensorException e) {
                errors.put(domains.get(k), e.getMessage());
            }
        }
        return new SensorReading(now, joules, errors);
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.interrupt();
            try {
                sampler.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nvml.close();
    }

    /** Integrates power samples; errors stick until read so a gap is never silently bridged. */
    private final class Sampler extends Thread {
        private final long periodNanos;
        private final double[] joules = new double[devices.size()];
        private final long[] lastMilliwatts = new long[devices.size()];
        private final long[] lastNanos = new long[devices.size()];
        private final String[] error = new String[devices.size()];

        Sampler(long sampleMillis) {
            super("joulebench-nvml-sampler");
            setDaemon(true);
            this.periodNanos = sampleMillis * 1_000_000;
            Arrays.fill(lastNanos, -1);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                for (int k = 0; k < devices.size(); k++) {
                    sample(k);
                }
                LockSupport.parkNanos(periodNanos);
            }
        }

        private synchronized void sample(int k) {
            try {
                long mw = nvml.powerUsageMilliwatts(devices.get(k));
                long now = System.nanoTime();
                if (lastNanos[k] >= 0) {
                    joules[k] += (mw + lastMilliwatts[k]) / 2.0 * 1e-3 * (now - lastNanos[k]) * 1e-9;
                }
                lastMilliwatts[k] = mw;
                lastNanos[k] = now;
            } catch (SensorException e) {
                error[k] = e.getMessage();
                lastNanos[k] = -1; // do not bridge the gap
            }
        }

        synchronized double[] snapshot(Map<String, String> errors, List<String> names) {
            for (int k = 0; k < error.length; k++) {
                if (error[k] != null) {
                    errors.put(names.get(k), error[k]);
                    error[k] = null;
                }
            }
            return joules.clone();
        }
    }
}
