package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.joulebench.results.fixtures.Records;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.HarnessInfo;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.JmhSettings;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.record.Score;
import org.joulebench.results.record.SensorDetails;
import org.joulebench.results.record.Throughput;
import org.joulebench.results.record.Verification;
import org.joulebench.results.record.Work;
import org.joulebench.results.system.ChipKind;
import org.joulebench.results.system.SystemDescription;

/** Synthetic submissions for tests and the scale benchmark, written in the real folder layout. */
final class Synthetic {
    static final String[] VENDORS = {"NVIDIA", "AMD", "Intel", "Acme Silicon"};

    private Synthetic() {}

    /** Writes {@code n} submissions under {@code root} (deterministic for a seed). */
    static void write(Path root, int n, long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            String vendor = VENDORS[i % VENDORS.length];
            ChipKind kind = i % 3 == 0 ? ChipKind.CPU : ChipKind.GPU;
            LocalDate announced = LocalDate.of(2012 + rnd.nextInt(13), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            SystemDescription sys =
                    system("Submitter " + (i % 97), "System " + i, vendor, "Chip " + i, kind, announced);
            writeSubmission(
                    root,
                    "submitter-" + (i % 97),
                    "system-" + i,
                    sys,
                    List.of(run("run" + i, rnd, announced, kind, i % 10 == 0)));
        }
    }

    static SystemDescription system(
            String submitter, String name, String vendor, String model, ChipKind kind, LocalDate announced) {
        return new SystemDescription(
                submitter,
                name,
                vendor,
                model,
                kind,
                announced,
                "5nm",
                400.0,
                "80 GB",
                "test host",
                "air",
                new SystemDescription.DatasheetPeaks(Map.of("fp32", 60e12, "fp16", 900e12), 3.0e12, "datasheet"));
    }

    static void writeSubmission(
            Path root, String submitterSlug, String systemSlug, SystemDescription sys, List<RunRecord> runs) {
        try {
            Path dir = root.resolve(submitterSlug).resolve(systemSlug);
            Files.createDirectories(dir.resolve("runs"));
            org.joulebench.results.json.Json.writeSystemDescription(dir.resolve("system.json"), sys);
            Map<String, String> files = new LinkedHashMap<>();
            for (RunRecord r : runs) {
                Path f = dir.resolve("runs").resolve(r.runId() + ".json");
                org.joulebench.results.json.Json.writeRunRecord(f, r);
                files.put(
                        "runs/" + r.runId() + ".json",
                        org.joulebench.results.names.DisplayNames.sha256Hex(Files.readAllBytes(f)));
            }
            files.put(
                    "system.json",
                    org.joulebench.results.names.DisplayNames.sha256Hex(
                            Files.readAllBytes(dir.resolve("system.json"))));
            Files.write(dir.resolve("manifest.json"), org.joulebench.results.json.Json.toBytes(Map.of("files", files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A run whose efficiency grows ~2x every 2 years with the announcement date, with noise. Its gemm fp32 S result
     * also has a NODE-scope wall-meter figure (shown beside, never ranked with the DEVICE one); on GPUs a vendor
     * library ran gemm fp32 S too, beside our kernel.
     */
    static RunRecord run(String runId, Random rnd, LocalDate announced, ChipKind kind, boolean estimated) {
        double years = History.year(announced) - 2012;
        double growth = Math.pow(2, years / 2.0) * Math.exp(rnd.nextGaussian() * 0.3);
        String device = kind == ChipKind.CPU ? "cpu0" : "gpu0";
        String domain = kind == ChipKind.CPU ? "cpu-package" : "gpu-board";
        String tier = estimated ? "ESTIMATE" : new String[] {"A", "B", "B", "C"}[rnd.nextInt(4)];
        List<BenchmarkResult> results = new ArrayList<>();
        results.add(withNodeMeter(result("gemm", "fp32", "S", 2.0 * growth, device, domain, tier, false, 256)));
        if (kind == ChipKind.GPU) {
            results.add(vendorLibrary(result("gemm", "fp32", "S", 3.0 * growth, device, domain, tier, false, 256)));
        }
        results.add(result("gemm", "fp16", "M", 8.0 * growth, device, domain, tier, false, 1024));
        results.add(result("stream-triad", "fp32", "S", 0.5 * growth, device, domain, tier, true, 0));
        RunRecord r = record(runId, results);
        return kind == ChipKind.CPU ? Records.withCalibration(r, calibration()) : r;
    }

    static RunRecord record(String runId, List<BenchmarkResult> results) {
        Instant start = Instant.parse("2026-11-20T10:00:00Z");
        return new RunRecord(
                RunRecord.CURRENT_SCHEMA_VERSION,
                runId,
                "quick",
                start,
                start.plusSeconds(60),
                1,
                2,
                new HarnessInfo("0.1.0-test", null, null, "1.37"),
                new EnvironmentInfo(
                        "host",
                        "Test CPU",
                        "GenuineIntel",
                        2,
                        1L << 34,
                        "Linux",
                        "6.1",
                        "amd64",
                        "Temurin",
                        "25",
                        "OpenJDK",
                        List.of(),
                        List.of()),
                results,
                List.of());
    }

    /** A monotonic clock for synthetic windows: each result's windows come after the previous one's, cooled down. */
    private static final java.util.concurrent.atomic.AtomicLong CLOCK = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Raw windows as the submission profile takes them (2 forks x 8 windows of 2 s, 6 s after the previous result),
     * so that the site ranks synthetic results (it ranks only what meets the profile, judged from the windows).
     */
    static org.joulebench.results.record.RawReadings submissionProfileWindows(double joulesPerWindow) {
        long window = 2_000_000_000L;
        long start = CLOCK.getAndAdd(16 * (window + 1000) + 6_000_000_000L) + 6_000_000_000L;
        List<org.joulebench.results.record.RawWindow> windows = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            long s = start + k * (window + 1000);
            windows.add(new org.joulebench.results.record.RawWindow(
                    1 + k / 8,
                    1 + k % 8,
                    1000,
                    s,
                    s + window,
                    k * joulesPerWindow,
                    (k + 1) * joulesPerWindow,
                    List.of(),
                    null,
                    null,
                    null));
        }
        return new org.joulebench.results.record.RawReadings(
                org.joulebench.results.record.RawReadings.CUMULATIVE_JOULES, 100, List.of(), windows);
    }

    /** A result with the given efficiency (GFLOP/J, or GB/J for memory kernels). */
    static BenchmarkResult result(
            String kernel,
            String dtype,
            String size,
            double unitsPerJoule,
            String device,
            String domain,
            String tier,
            boolean memory,
            int n) {
        long ops = memory ? 2L * 1_000_000 : 2L * n * n * n;
        long bytesRead = memory ? 16_000_000L : 2L * n * n * 4;
        long bytesWritten = memory ? 8_000_000L : (long) n * n * 4;
        Work work = new Work(ops, "FLOP", bytesRead, bytesWritten, memory ? "BYTE" : "FLOP", "f", "r", "w");
        double units = work.headlineCount();
        double joulesPerOp = units / (unitsPerJoule * 1e9);
        double secondsPerOp = 1e-3;
        double watts = joulesPerOp / secondsPerOp;
        boolean est = "ESTIMATE".equals(tier);
        DomainEnergy e = new DomainEnergy(
                domain,
                est ? "model" : "rapl",
                est ? "MODEL" : "COUNTER",
                tier,
                est,
                joulesPerOp * 1000,
                joulesPerOp,
                joulesPerOp * 0.02,
                List.of(joulesPerOp, joulesPerOp),
                1000.0 / unitsPerJoule,
                unitsPerJoule,
                watts,
                10.0,
                joulesPerOp * 0.8,
                new SensorDetails("test sensor", 1e-6, 1.0, null, List.of(), null, null, Map.of()),
                DomainEnergy.SCOPE_DEVICE,
                hardwareId(device),
                List.of(),
                submissionProfileWindows(joulesPerOp * 1000 / 16));
        double thr = units / secondsPerOp / 1e9;
        return new BenchmarkResult(
                kernel,
                size,
                kernel + "-" + size,
                Map.of("n", n),
                dtype,
                "cpu",
                new org.joulebench.results.record.ImplementationRecord("java", "PORTABLE", "test kernels", null, null),
                device,
                "Test device",
                device.startsWith("gpu") ? "GPU" : "CPU",
                hardwareId(device),
                ResultStatus.OK,
                null,
                work,
                new JmhSettings("avgt", 1, 1, 100, 2, 100, 1, List.of(), null, 1, "test"),
                new Score(1.0, 0.01, 0.999, "ms/op", List.of(1.0, 1.0)),
                new Throughput(
                        thr,
                        null,
                        memory ? "GB/s" : "GFLOP/s",
                        ops / secondsPerOp,
                        (bytesRead + bytesWritten) / secondsPerOp),
                new Verification(true, 1e-6, 1e-7, 1e-4, 1e-5, 42, "ok"),
                new EnergyResult("auto", List.of(e), List.of()),
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                List.of(),
                null,
                List.of());
    }

    /** Measured roofs of a CPU machine: 150 GFLOP/s fp32 FMA peak, 20 GB/s triad (80 GB/s in cache). */
    static org.joulebench.results.record.Calibration calibration() {
        return Records.cpuCalibration(
                Instant.parse("2026-11-20T09:00:00Z"),
                8.0,
                80e9,
                150e9,
                20e9,
                null,
                List.of(),
                // in a cache: 80 GB/s with 1 MiB of arrays, 40 GB/s with 16 MiB
                List.of(
                        new org.joulebench.results.record.BandwidthPoint(1L << 20, 80e9),
                        new org.joulebench.results.record.BandwidthPoint(16L << 20, 40e9)));
    }

    static String hardwareId(String device) {
        return device.startsWith("gpu") ? "0000:19:00.0" : "cpu-socket:0";
    }

    /** The same result by a vendor library instead of our kernel. */
    static BenchmarkResult vendorLibrary(BenchmarkResult b) {
        return b.toBuilder()
                .device(
                        b.backend(),
                        new ImplementationRecord("vendorlib", "VENDOR_LIBRARY", "a vendor's BLAS", null, null),
                        b.device(),
                        b.deviceName(),
                        b.deviceKind(),
                        b.deviceHardwareId())
                .build();
    }

    /** The result with a whole-node wall-meter domain added: NODE scope at 60 % of the device's efficiency. */
    static BenchmarkResult withNodeMeter(BenchmarkResult b) {
        DomainEnergy d = b.energy().domains().getFirst();
        double f = 1 / 0.6;
        DomainEnergy node = new DomainEnergy(
                "node-wall",
                d.estimated() ? "model" : "ptd",
                d.estimated() ? "MODEL" : "EXTERNAL_METER",
                d.estimated() ? "ESTIMATE" : "A",
                d.estimated(),
                d.joules() * f,
                d.joulesPerOp() * f,
                d.joulesPerOpError(),
                d.joulesPerOpPerIteration().stream().map(x -> x * f).toList(),
                d.picojoulesPerUnit() * f,
                d.unitsPerJoule() / f,
                d.averagePowerWatts() * f,
                null,
                null,
                d.details(),
                DomainEnergy.SCOPE_NODE,
                null,
                List.of("psu-1", "psu-2"),
                null);
        List<DomainEnergy> domains = new ArrayList<>(b.energy().domains());
        domains.add(node);
        return b.toBuilder()
                .energy(new EnergyResult(b.energy().selection(), domains, List.of()), null)
                .build();
    }
}
