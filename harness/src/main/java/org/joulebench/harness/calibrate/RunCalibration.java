package org.joulebench.harness.calibrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;

/**
 * Which calibration a run's roofs come from: this machine's stored one; when none is stored, or the stored one
 * predates the bandwidth curve (cache-aware roofs), a short one is measured (a few seconds) and stored. Without
 * one the run goes on, with a warning in its record.
 */
public final class RunCalibration {
    private RunCalibration() {}

    /**
     * @param out where the choice is said (one line, and a measured calibration's figures)
     * @param warnings the run's warnings: why there is none, when there is none
     * @return the calibration, or {@code null} when none is stored and none could be measured
     */
    public static Calibration forRun(
            EnvironmentInfo environment, CalibrationStore store, PrintWriter out, List<String> warnings) {
        String key = CalibrationStore.machineKey(environment);
        var stored = store.load(key);
        if (stored.isPresent() && !stored.get().bandwidthCurve().isEmpty()) {
            out.println("roofs: " + stored.get().mode() + " calibration of "
                    + stored.get().measuredAt() + " (" + store.file(key) + ")");
            return stored.get();
        }
        if (stored.isPresent()) {
            out.println("roofs: the stored calibration (" + store.file(key) + ") predates the bandwidth curve"
                    + " (cache-aware roofs); replacing it");
        }
        String unavailable = Calibrator.unavailableReason();
        if (unavailable != null) {
            out.println("roofs: none stored and none measured: " + unavailable);
            warnings.add("no calibration: " + unavailable);
            return null;
        }
        out.println("roofs: " + (stored.isPresent() ? "" : "no calibration stored for this machine; ")
                + "measuring a short one (a few seconds; `./joulebench calibrate` measures the full one)");
        out.flush();
        try {
            Calibration c = new Calibrator(BackendVendorGemm.discovered())
                    .measure(environment, CalibrationSettings.forMachine(environment, true));
            store.save(c);
            CalibrationSummary.print(c, out);
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warnings.add("no calibration: interrupted");
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            warnings.add("no calibration: " + e);
        }
        return null;
    }
}
