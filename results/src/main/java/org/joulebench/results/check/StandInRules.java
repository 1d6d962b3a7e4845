package org.joulebench.results.check;

import java.util.Locale;
import java.util.Optional;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.RunRecord;

/**
 * Rule {@code stand-in}: a result that ran on a stand-in for absent hardware is never a measurement. The CUDA
 * backend's stand-in driver (which executes the kernels on the CPU so the host side is tested without a GPU)
 * names its device {@code joulebench stand-in ...} and the backend records the device property
 * {@code standIn=true}; every result on such a device is rejected, whatever its status.
 */
final class StandInRules implements RunRules {
    /** The device property a backend sets on a stand-in device. */
    static final String PROPERTY = "standIn";
    /** How a stand-in device's name starts. */
    static final String NAME_PREFIX = "joulebench stand-in";

    private final RunRecord run;
    private final Findings f;

    StandInRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
    }

    @Override
    public void apply() {
        if (run.calibration() != null) {
            var devices = run.calibration().devices();
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i).standIn()
                        || (devices.get(i).name() != null
                                && devices.get(i)
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .startsWith(NAME_PREFIX))) {
                    f.reject(
                            Rule.STAND_IN,
                            "$.calibration.devices[" + i + "]",
                            "the calibration's roofs of " + devices.get(i).device() + " were measured on a stand-in"
                                    + " for absent hardware that executes on the CPU: not a device's roof",
                            "calibrate again without the stand-in driver on the library path");
                }
            }
        }
        RecordedDevices devices = new RecordedDevices(run);
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            Optional<DeviceRecord> d = devices.of(r);
            boolean standIn = d.map(StandInRules::isStandIn).orElse(false)
                    || (r.deviceName() != null
                            && r.deviceName().toLowerCase(Locale.ROOT).startsWith(NAME_PREFIX));
            if (standIn) {
                f.reject(
                        Rule.STAND_IN,
                        "$.results[" + i + "].device",
                        "result " + r.kernel() + " ran on " + r.device() + ", a stand-in for absent hardware that"
                                + " executes kernels on the CPU: nothing timed on it is a measurement",
                        "run on the real device; the stand-in only tests the backend's host side");
            }
        }
    }

    static boolean isStandIn(DeviceRecord d) {
        return "true".equalsIgnoreCase(d.properties().get(PROPERTY))
                || (d.name() != null
                        && d.name().strip().toLowerCase(Locale.ROOT).startsWith(NAME_PREFIX));
    }
}
