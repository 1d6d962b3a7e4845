package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.calibrate.BackendVendorGemm;
import org.joulebench.harness.calibrate.CalibrationSettings;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.harness.calibrate.Calibrator;
import org.joulebench.harness.calibrate.DeviceCeilingsMeasurer;
import org.joulebench.harness.calibrate.VendorGemm;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.run.JvmFlags;
import org.joulebench.results.run.Calibration;
import org.joulebench.results.run.EnvironmentInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure this machine's roofs: the fp32 FMA peak (Vector API, one core and all cores), memory bandwidth"
                    + " (triad, arrays well above the last-level cache) and the vendor GEMM rate when a binding exists.",
            "Stored in local/calibration/<machine>.json and put in every run record made here; each result then"
                    + " carries its fraction of the roofline."
        })
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--short", description = "the short calibration `run` makes when none is stored (a few seconds)")
    boolean quick;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "folder of the stored calibrations (default: local/calibration)")
    Path out;

    @Option(names = "--fma-millis", hidden = true, description = "test setting: ms of each FMA measurement")
    Long fmaMillis;

    @Option(names = "--triad-mib", hidden = true, description = "test setting: MiB of each triad array")
    Long triadMib;

    @Option(names = "--triad-millis", hidden = true, description = "test setting: ms of the triad measurement")
    Long triadMillis;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        String unavailable = Calibrator.unavailableReason();
        if (unavailable != null) {
            spec.commandLine().getErr().println("joulebench: cannot calibrate: " + unavailable);
            return 1;
        }
        EnvironmentInfo env = EnvironmentCapture.capture(List.of(), JvmFlags.FORK_FLAGS);
        CalibrationSettings s = settings(env, quick);
        s = new CalibrationSettings(
                s.mode(),
                fmaMillis != null ? fmaMillis : s.fmaMillis(),
                triadMib != null ? triadMib << 20 : s.triadArrayBytes(),
                triadMillis != null ? triadMillis : s.triadMillis(),
                fmaMillis != null ? fmaMillis : s.vendorMillis(),
                triadMillis != null ? triadMillis : s.curveMillis(),
                s.vendorGemmSize());
        CalibrationStore store = out != null ? new CalibrationStore(out) : CalibrationStore.standard();
        stdout.printf(
                "joulebench calibrate (%s): FMA peak %d ms per measurement, triad 3 x %d MiB for %d ms%n",
                s.mode(), s.fmaMillis(), s.triadArrayBytes() >> 20, s.triadMillis());
        stdout.flush();
        Calibration c = new Calibrator(vendorGemm()).measure(env, s);
        c = withDeviceRoofs(c, stdout); // accelerators' roofs through the backend SPI (GPU calibration)
        Path file = store.save(c);
        describe(c, stdout);
        stdout.println("Calibration: " + file.toAbsolutePath());
        return 0;
    }

    @Option(
            names = "--device-copy-mib",
            hidden = true,
            split = ",",
            description = "test setting: MiB of each device-to-device copy of the accelerators' calibration")
    List<Long> deviceCopyMib;

    @Option(names = "--device-gemm-size", hidden = true, description = "test setting: n of the n^3 device GEMMs")
    Integer deviceGemmSize;

    private Calibration withDeviceRoofs(Calibration c, PrintWriter stdout) {
        var providers = DeviceCeilingsMeasurer.discovered();
        DeviceCeilingsMeasurer m =
                quick ? DeviceCeilingsMeasurer.quick(providers) : DeviceCeilingsMeasurer.full(providers);
        if (deviceCopyMib != null || deviceGemmSize != null) {
            m = new DeviceCeilingsMeasurer(
                    providers,
                    deviceCopyMib != null
                            ? deviceCopyMib.stream().map(x -> x << 20).toList()
                            : m.copyBytes(),
                    Math.min(m.copyMillis(), 20),
                    deviceGemmSize != null ? deviceGemmSize : m.gemmSize(),
                    Math.min(m.gemmMillis(), 5));
        }
        var devices = m.measure(line -> {
            stdout.println("device           " + line);
            stdout.flush();
        });
        return devices.isEmpty() ? c : c.withDevices(devices);
    }

    /** The settings of a {@code full} or {@code short} calibration on this machine. */
    static CalibrationSettings settings(EnvironmentInfo env, boolean quick) {
        long memory = Math.min(
                env.memoryBytes() > 0 ? env.memoryBytes() : Long.MAX_VALUE,
                Runtime.getRuntime().maxMemory()); // native segments count against the direct-memory limit
        Long llc = Calibrator.lastLevelCacheBytes();
        return quick ? CalibrationSettings.quick(llc, memory) : CalibrationSettings.full(llc, memory);
    }

    /** The vendor GEMM: the first vendor-library fp32 gemm on a CPU device among the backends found. */
    static VendorGemm vendorGemm() {
        return BackendVendorGemm.discovered();
    }

    static void describe(Calibration c, PrintWriter out) {
        out.printf("machine          %s (%s, %.1f s)%n", c.machineKey(), c.mode(), c.durationSeconds());
        out.printf(
                "fp32 FMA peak    %.1f GFLOP/s on 1 core, %.1f GFLOP/s on %d threads (%s)%n",
                c.peakFlopsPerSecondOneCore() / 1e9,
                c.peakFlopsPerSecondAllCores() / 1e9,
                c.threads(),
                c.vectorShape());
        out.printf(
                "memory (triad)   %.1f GB/s on %d threads, 3 x %d MiB arrays%n",
                c.triadBytesPerSecond() / 1e9, c.threads(), c.triadArrayBytes() >> 20);
        for (var p : c.bandwidthCurve()) {
            out.printf(
                    "  working set    %.1f GB/s with %s of arrays%n",
                    p.triadBytesPerSecond() / 1e9, bytesText(p.workingSetBytes()));
        }
        out.println(
                c.vendorGemmFlopsPerSecond() != null
                        ? String.format("vendor sgemm     %.1f GFLOP/s", c.vendorGemmFlopsPerSecond() / 1e9)
                        : "vendor sgemm     not measured: " + c.vendorGemmUnavailableReason());
        out.printf("ridge point      %.2f FLOP/byte%n", c.peakFlopsPerSecondAllCores() / c.triadBytesPerSecond());
        out.flush();
    }

    /** 262144 -> "256 KiB", 67108864 -> "64 MiB". */
    static String bytesText(long bytes) {
        return bytes >= 1000L << 10
                ? Math.round(bytes / (double) (1L << 20)) + " MiB"
                : Math.round(bytes / (double) (1L << 10)) + " KiB";
    }
}
