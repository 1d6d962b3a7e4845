package org.joulebench.results.record;

import java.time.Instant;
import java.util.List;

/**
 * This machine's measured roofs, from {@code ./joulebench calibrate} (or the short calibration {@code run}
 * makes when none is stored). Stored per machine in {@code local/calibration/<machineKey>.json} and copied into
 * every run record made on it.
 *
 * @param machineKey what identifies the machine: CPU model, logical cores and host name, as a file name
 * @param mode {@code full} ({@code ./joulebench calibrate}) or {@code short} (the few seconds {@code run} spends
 *     when nothing is stored; its figures are rougher)
 * @param measuredAt when it was measured (UTC)
 * @param durationSeconds how long the measurement took, in seconds
 * @param cpuModel the CPU model measured
 * @param logicalCores logical processors available to the JVM
 * @param threads threads of the all-cores measurements
 * @param vectorShape the Vector API species the FMA loop ran with, e.g. {@code FloatVector 512 bits x 16 lanes}
 * @param fmaAccumulators independent accumulators of the FMA loop (hide the FMA latency)
 * @param peakFlopsPerSecondOneCore fp32 FLOP/s of the FMA loop on one thread (a multiply-add is 2 FLOPs)
 * @param peakFlopsPerSecondAllCores fp32 FLOP/s of the FMA loop on {@code threads} threads
 * @param triadBytesPerSecond memory bandwidth in bytes/s of the fp32 triad {@code a[i] = b[i] + s*c[i]} on
 *     {@code threads} threads, counting 12 bytes per element (STREAM's count: two reads, one write)
 * @param triadArrayBytes bytes of each of the three triad arrays
 * @param lastLevelCacheBytes the last-level cache size the arrays were sized against ({@code null} unknown)
 * @param vendorGemmFlopsPerSecond the vendor library's fp32 GEMM rate in FLOP/s ({@code null} when not measured)
 * @param vendorGemmUnavailableReason why {@code vendorGemmFlopsPerSecond} is null, else {@code null}
 * @param notes how it was measured, in words
 * @param bandwidthCurve the triad's bandwidth at working sets that fit in caches, smallest first (empty in
 *     calibrations made before it was measured): a result whose data fit in a cache is placed against the
 *     bandwidth at its own working set, not against DRAM's
 * @param devices accelerators' measured roofs (copy bandwidth curve, vendor GEMM rate per dtype), so their results
 *     get a roofline fraction too; empty where none was measured (optional in the record)
 */
public record Calibration(
        String machineKey,
        String mode,
        Instant measuredAt,
        double durationSeconds,
        String cpuModel,
        int logicalCores,
        int threads,
        String vectorShape,
        int fmaAccumulators,
        double peakFlopsPerSecondOneCore,
        double peakFlopsPerSecondAllCores,
        double triadBytesPerSecond,
        long triadArrayBytes,
        Long lastLevelCacheBytes,
        Double vendorGemmFlopsPerSecond,
        String vendorGemmUnavailableReason,
        List<String> notes,
        List<BandwidthPoint> bandwidthCurve,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<DeviceCeilings> devices) {

    public static final String FULL = "full";
    public static final String SHORT = "short";

    public Calibration {
        notes = notes == null ? List.of() : List.copyOf(notes);
        bandwidthCurve = bandwidthCurve == null ? List.of() : List.copyOf(bandwidthCurve);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** A calibration of the CPU only (no accelerator measured). */
    public Calibration(
            String machineKey,
            String mode,
            Instant measuredAt,
            double durationSeconds,
            String cpuModel,
            int logicalCores,
            int threads,
            String vectorShape,
            int fmaAccumulators,
            double peakFlopsPerSecondOneCore,
            double peakFlopsPerSecondAllCores,
            double triadBytesPerSecond,
            long triadArrayBytes,
            Long lastLevelCacheBytes,
            Double vendorGemmFlopsPerSecond,
            String vendorGemmUnavailableReason,
            List<String> notes,
            List<BandwidthPoint> bandwidthCurve) {
        this(
                machineKey,
                mode,
                measuredAt,
                durationSeconds,
                cpuModel,
                logicalCores,
                threads,
                vectorShape,
                fmaAccumulators,
                peakFlopsPerSecondOneCore,
                peakFlopsPerSecondAllCores,
                triadBytesPerSecond,
                triadArrayBytes,
                lastLevelCacheBytes,
                vendorGemmFlopsPerSecond,
                vendorGemmUnavailableReason,
                notes,
                bandwidthCurve,
                List.of());
    }

    /** This calibration with the accelerators' roofs. */
    public Calibration withDevices(List<DeviceCeilings> measured) {
        return new Calibration(
                machineKey,
                mode,
                measuredAt,
                durationSeconds,
                cpuModel,
                logicalCores,
                threads,
                vectorShape,
                fmaAccumulators,
                peakFlopsPerSecondOneCore,
                peakFlopsPerSecondAllCores,
                triadBytesPerSecond,
                triadArrayBytes,
                lastLevelCacheBytes,
                vendorGemmFlopsPerSecond,
                vendorGemmUnavailableReason,
                notes,
                bandwidthCurve,
                measured);
    }
}
