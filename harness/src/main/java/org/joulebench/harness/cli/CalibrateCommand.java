package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.calibrate.BackendVendorGemm;
import org.joulebench.harness.calibrate.CalibrationSettings;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.harness.calibrate.CalibrationSummary;
import org.joulebench.harness.calibrate.Calibrator;
import org.joulebench.harness.calibrate.DeviceCeilingsMeasurer;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.orchestrate.JvmFlags;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;
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
        CalibrationSettings s = CalibrationSettings.forMachine(env, quick);
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
        Calibration c = new Calibrator(BackendVendorGemm.discovered()).measure(env, s);
        c = withDeviceRoofs(c, stdout); // accelerators' roofs through the backend SPI (GPU calibration)
        Path file = store.save(c);
        CalibrationSummary.print(c, stdout);
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
}
