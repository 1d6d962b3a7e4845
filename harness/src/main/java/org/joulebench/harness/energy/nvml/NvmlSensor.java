package org.joulebench.harness.energy.nvml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.joulebench.energy.spi.Conditions;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.PowerSample;

/**
 * GPU board energy through NVML, for the boards chosen by hardware id ({@link NvmlBoards}); each board is a
 * DEVICE-scope domain naming its id. Prefers the total-energy counter (mJ since driver load, Volta+: tier
 * B); where a board does not support it, samples power (tier C): at every {@link #read()} and, between
 * reads, on a background thread every {@code sampleMillis}, integrating by the trapezoidal rule and handing
 * the samples out through {@link #drainSamples()}. The counter's real update period is probed at open (poll
 * until it changes, several times) and recorded. Temperature and SM/memory clocks are read as {@link
 * #conditions()} around each window.
 *
 * <p>Device work must have finished before the "after" reading: the JMH profiler reads after the
 * iteration, which ends only after the benchmark method returned, and backends' {@code run()} blocks
 * until the device is done.
 */
public final class NvmlSensor implements EnergySensor {
    private final NvmlApi nvml;
    private final List<NvmlBoards.Board> boards;
    private final List<String> domains;
    private final boolean counterMode;
    private final SensorInfo info;
    private final LongSupplier clock;
    private final long[] firstMillijoules;
    private final long[] lastMillijoules;
    private final Sampler sampler;
    private final Thread samplerThread;

    /**
     * @param sampleMillis period of background power samples in sampling mode; 0 for samples at reads only
     * @param probeBudgetMillis time allowed to probe the update period at open; 0 for no probe
     * @param clock {@link System#nanoTime()}, or a test's clock
     */
    NvmlSensor(
            NvmlApi nvml, List<NvmlBoards.Board> boards, long sampleMillis, long probeBudgetMillis, LongSupplier clock)
            throws SensorException {
        this.nvml = nvml;
        this.boards = List.copyOf(boards);
        this.clock = clock;
        this.domains = NvmlBoards.domains(boards);
        boolean counters = true;
        for (NvmlBoards.Board b : boards) {
            try {
                nvml.totalEnergyMillijoules(b.index());
            } catch (NvmlException e) {
                if (e.code != NvmlException.NOT_SUPPORTED) {
                    throw e;
                }
                counters = false;
            }
        }
        this.counterMode = counters;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("driverVersion", nvml.driverVersion());
        List<String> names = new ArrayList<>();
        List<DomainInfo> domainInfos = new ArrayList<>();
        for (int k = 0; k < boards.size(); k++) {
            NvmlBoards.Board b = boards.get(k);
            String name = nvml.name(b.index());
            names.add(name);
            String p = "device." + b.hardwareId() + ".";
            props.put(p + "name", name);
            props.put(p + "nvmlIndex", Integer.toString(b.index()));
            if (b.pciBusId() != null) {
                props.put(p + "pciBusId", b.pciBusId());
            }
            if (b.uuid() != null) {
                props.put(p + "uuid", b.uuid());
            }
            try {
                props.put(p + "powerLimitWatts", Double.toString(nvml.powerLimitMilliwatts(b.index()) / 1000.0));
            } catch (SensorException e) {
                props.put(p + "powerLimitWatts", "unknown: " + e.getMessage());
            }
            String zone = "nvml:" + (b.pciBusId() != null ? b.pciBusId() : b.hardwareId());
            domainInfos.add(DomainInfo.device(domains.get(k), List.of(zone), b.hardwareId()));
        }
        props.put(
                "source",
                counterMode
                        ? "nvmlDeviceGetTotalEnergyConsumption (mJ counter)"
                        : "nvmlDeviceGetPowerUsage samples at every reading"
                                + (sampleMillis > 0 ? " and every " + sampleMillis + " ms" : "")
                                + ", integrated (trapezoid)");
        if (!counterMode) {
            props.put(
                    "note",
                    "power readings are ~1 s averages on Ampere and later, and cover only part of each"
                            + " update window on A100/H100 (arXiv 2312.02741): use long windows");
        }
        Double observed = probeBudgetMillis > 0 ? probeUpdateMillis(probeBudgetMillis) : null;
        if (observed == null) {
            props.put(
                    "updateProbe",
                    probeBudgetMillis > 0 ? "no change seen within " + probeBudgetMillis + " ms" : "not probed");
        }
        this.firstMillijoules = new long[boards.size()];
        this.lastMillijoules = new long[boards.size()];
        Method method = counterMode ? Method.COUNTER : Method.SAMPLED_POWER;
        this.info = new SensorInfo(
                "nvml",
                "NVML " + String.join(", ", names),
                method,
                method.tier(),
                domainInfos,
                counterMode ? 1e-3 : null,
                // NVML's counter and power value update every ~20-100 ms (Yang, Adamek, Armour 2023).
                100.0,
                observed,
                null,
                null,
                props);
        if (counterMode) {
            for (int k = 0; k < boards.size(); k++) {
                firstMillijoules[k] = nvml.totalEnergyMillijoules(boards.get(k).index());
                lastMillijoules[k] = firstMillijoules[k];
            }
            this.sampler = null;
            this.samplerThread = null;
        } else {
            this.sampler = new Sampler();
            if (sampleMillis > 0) {
                long periodNanos = sampleMillis * 1_000_000;
                this.samplerThread = new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                sampler.sampleAll();
                                LockSupport.parkNanos(periodNanos);
                            }
                        },
                        "joulebench-nvml-sampler");
                samplerThread.setDaemon(true);
                samplerThread.start();
            } else {
                this.samplerThread = null;
            }
        }
    }

    /** Polls the first board's counter (or power) until it changes several times; median period in ms. */
    private Double probeUpdateMillis(long budgetMillis) throws SensorException {
        int d = boards.getFirst().index();
        long deadline = clock.getAsLong() + budgetMillis * 1_000_000;
        long last = counterMode ? nvml.totalEnergyMillijoules(d) : nvml.powerUsageMilliwatts(d);
        List<Long> changes = new ArrayList<>();
        while (clock.getAsLong() < deadline && changes.size() < 6) {
            LockSupport.parkNanos(200_000);
            long v = counterMode ? nvml.totalEnergyMillijoules(d) : nvml.powerUsageMilliwatts(d);
            if (v != last) {
                changes.add(clock.getAsLong());
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
    public boolean providesSamples() {
        return !counterMode;
    }

    @Override
    public SensorReading read() {
        if (!counterMode) {
            return sampler.read();
        }
        long now = clock.getAsLong();
        Map<String, Double> joules = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (int k = 0; k < boards.size(); k++) {
            NvmlBoards.Board b = boards.get(k);
            try {
                long mj = nvml.totalEnergyMillijoules(b.index());
                if (mj < lastMillijoules[k]) {
                    errors.put(
                            domains.get(k),
                            "nvml " + b.hardwareId() + ": energy counter went backwards (" + lastMillijoules[k] + " -> "
                                    + mj + " mJ; driver reloaded?)");
                    // continue from here: the next window starts clean
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
    public Map<String, List<PowerSample>> drainSamples() {
        return counterMode ? Map.of() : sampler.drain();
    }

    @Override
    public Map<String, Map<String, Double>> conditions() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int k = 0; k < boards.size(); k++) {
            int i = boards.get(k).index();
            Map<String, Double> c = new LinkedHashMap<>();
            try {
                c.put(Conditions.TEMPERATURE_C, (double) nvml.temperatureC(i));
            } catch (SensorException e) {
                // not readable on this board: left out, never invented
            }
            try {
                c.put(Conditions.SM_CLOCK_MHZ, (double) nvml.clockMHz(i, NvmlApi.Clock.SM));
            } catch (SensorException e) {
                // left out
            }
            try {
                c.put(Conditions.MEM_CLOCK_MHZ, (double) nvml.clockMHz(i, NvmlApi.Clock.MEM));
            } catch (SensorException e) {
                // left out
            }
            if (!c.isEmpty()) {
                out.put(domains.get(k), c);
            }
        }
        return out;
    }

    /** Test hook: one background sample of every board now. */
    void sampleNow() {
        if (sampler != null) {
            sampler.sampleAll();
        }
    }

    @Override
    public void close() {
        if (samplerThread != null) {
            samplerThread.interrupt();
            try {
                samplerThread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nvml.close();
    }

    /**
     * Power samples of every board, integrated by the trapezoidal rule; an error sticks until the next
     * read, and a gap is never bridged (the next sample starts a new segment).
     */
    private final class Sampler {
        private final double[] joules = new double[boards.size()];
        private final double[] lastWatts = new double[boards.size()];
        private final long[] lastNanos = new long[boards.size()];
        private final String[] error = new String[boards.size()];
        private final List<List<PowerSample>> pending = new ArrayList<>();

        Sampler() {
            Arrays.fill(lastNanos, Long.MIN_VALUE);
            for (int k = 0; k < boards.size(); k++) {
                pending.add(new ArrayList<>());
            }
        }

        synchronized void sampleAll() {
            long now = clock.getAsLong();
            for (int k = 0; k < boards.size(); k++) {
                sample(k, now);
            }
        }

        private void sample(int k, long now) {
            try {
                double watts = nvml.powerUsageMilliwatts(boards.get(k).index()) * 1e-3;
                if (lastNanos[k] != Long.MIN_VALUE) {
                    joules[k] += (watts + lastWatts[k]) / 2 * (now - lastNanos[k]) * 1e-9;
                }
                lastWatts[k] = watts;
                lastNanos[k] = now;
                pending.get(k).add(new PowerSample(now, watts));
            } catch (SensorException e) {
                error[k] = e.getMessage();
                lastNanos[k] = Long.MIN_VALUE; // do not bridge the gap
            }
        }

        /** Samples every board at the reading's own timestamp, so a window's samples span it exactly. */
        synchronized SensorReading read() {
            long now = clock.getAsLong();
            Map<String, Double> out = new TreeMap<>();
            Map<String, String> errors = new TreeMap<>();
            for (int k = 0; k < boards.size(); k++) {
                sample(k, now);
                if (error[k] != null) {
                    errors.put(domains.get(k), error[k]);
                    error[k] = null;
                } else {
                    out.put(domains.get(k), joules[k]);
                }
            }
            return new SensorReading(now, out, errors);
        }

        synchronized Map<String, List<PowerSample>> drain() {
            Map<String, List<PowerSample>> out = new LinkedHashMap<>();
            for (int k = 0; k < boards.size(); k++) {
                out.put(domains.get(k), List.copyOf(pending.get(k)));
                pending.get(k).clear();
            }
            return out;
        }
    }
}
