package org.joulebench.harness.calibrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.joulebench.results.record.BandwidthPoint;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;

/** Measures this machine's roofs: FMA peak on one and all cores, triad bandwidth, the vendor GEMM rate. */
public final class Calibrator {
    private final VendorGemm vendor;

    public Calibrator(VendorGemm vendor) {
        this.vendor = vendor;
    }

    /** Why this JVM cannot calibrate ({@code null} when it can): the Vector API module must be in the boot layer. */
    public static String unavailableReason() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? null
                : "the Vector API module is not in this JVM: start it with --add-modules=jdk.incubator.vector"
                        + " (./joulebench does)";
    }

    public Calibration measure(EnvironmentInfo env, CalibrationSettings s) throws InterruptedException {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        String load = loadAverage();
        long t0 = System.nanoTime();
        double oneCore = FmaPeak.flopsPerSecond(1, s.fmaMillis());
        double allCores = threads == 1 ? oneCore : FmaPeak.flopsPerSecond(threads, s.fmaMillis());
        double triad = TriadBandwidth.bytesPerSecond(threads, s.triadArrayBytes(), s.triadMillis());
        List<BandwidthPoint> curve = TriadBandwidth.curve(threads, s.curveWorkingSets(), s.curveMillis());
        VendorGemm.Rate vendorRate = vendor.measure(s.vendorGemmSize(), s.vendorMillis());
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> notes = new ArrayList<>();
        notes.add("FMA peak: " + FmaPeak.ACCUMULATORS + " independent Vector API FMA chains (" + FmaPeak.vectorShape()
                + "), best round of " + s.fmaMillis() + " ms; a multiply-add is 2 FLOPs");
        notes.add("triad: a[i] = b[i] + s*c[i] over three off-heap fp32 arrays of " + s.triadArrayBytes() / (1 << 20)
                + " MiB on " + threads + " threads, best round of " + s.triadMillis()
                + " ms; 12 bytes per element (STREAM's count)");
        if (!curve.isEmpty()) {
            notes.add("bandwidth curve: the same triad with the three arrays together "
                    + curve.getFirst().workingSetBytes() / 1024 + " KiB to "
                    + curve.getLast().workingSetBytes() / 1024 + " KiB (x4 steps), each swept repeatedly so it"
                    + " stays in cache, best round of " + s.curveMillis() + " ms per point");
        }
        if (vendorRate.basis() != null) {
            notes.add("vendor sgemm: " + vendorRate.basis());
        }
        if (load != null) {
            notes.add("load average at the start (1, 5, 15 min): " + load
                    + "; other work on the machine lowers the all-cores figures");
        }
        if (Calibration.SHORT.equals(s.mode())) {
            notes.add("short calibration made by `run` (nothing was stored); `./joulebench calibrate` measures the"
                    + " full one");
        }
        return new Calibration(
                CalibrationStore.machineKey(env),
                s.mode(),
                Instant.now(),
                seconds,
                env.cpuModel() == null ? "unknown" : env.cpuModel(),
                Math.max(1, env.logicalCores()),
                threads,
                FmaPeak.vectorShape(),
                FmaPeak.ACCUMULATORS,
                oneCore,
                allCores,
                triad,
                s.triadArrayBytes(),
                lastLevelCacheBytes(),
                vendorRate.flopsPerSecond(),
                vendorRate.unavailableReason(),
                notes,
                curve);
    }

    /** The first three fields of {@code /proc/loadavg}, or {@code null} where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The largest cache of CPU 0 in {@code /sys} (the last level), or {@code null} when it cannot be read. */
    public static Long lastLevelCacheBytes() {
        Path cacheDir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        if (!Files.isDirectory(cacheDir)) {
            return null;
        }
        long best = 0;
        try (Stream<Path> s = Files.list(cacheDir)) {
            for (Path index : s.filter(p -> p.getFileName().toString().startsWith("index"))
                    .toList()) {
                Path size = index.resolve("size");
                if (Files.isReadable(size)) {
                    best = Math.max(best, parseSize(Files.readString(size).strip()));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return best > 0 ? best : null;
    }

    /** {@code 307200K} -> bytes; {@code 0} when not understood. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long mult = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * mult;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
