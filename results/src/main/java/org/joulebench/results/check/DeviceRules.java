package org.joulebench.results.check;

import java.util.Objects;
import java.util.Optional;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.RunRecord;

/**
 * Every result ran on a device the run's environment enumerated (rule {@code environment}): its backend and
 * device are listed, with the same name, kind and hardware id as the result states, and the {@code cpu} backend's
 * device is the CPU the run itself recorded. {@link EnvironmentRules} then holds the device against the system's chip kind, vendor
 * and model; a device the environment never listed would escape that comparison.
 */
final class DeviceRules implements RunRules {
    private final RunRecord run;
    private final Findings f;
    private final RecordedDevices devices;

    DeviceRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
        this.devices = new RecordedDevices(run);
    }

    @Override
    public void apply() {
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            String path = "$.results[" + i + "]";
            Optional<DeviceRecord> listed = devices.of(r);
            if (listed.isEmpty()) {
                f.reject(
                        Rule.ENVIRONMENT,
                        path + ".device",
                        r.key() + ": device " + r.backend() + ":" + r.device() + " is not one the run's environment"
                                + " enumerated",
                        null);
                continue;
            }
            DeviceRecord d = listed.get();
            same(path + ".deviceName", r, "name", r.deviceName(), d.name());
            same(path + ".deviceKind", r, "kind", r.deviceKind(), d.kind());
            same(path + ".deviceHardwareId", r, "hardware id", r.deviceHardwareId(), d.hardwareId());
            // the cpu backend names its device after the CPU the run detected; other backends name theirs their way
            if ("cpu".equals(r.backend())
                    && "CPU".equals(d.kind())
                    && !Objects.equals(d.name(), run.environment().cpuModel())) {
                f.reject(
                        Rule.ENVIRONMENT,
                        path + ".deviceName",
                        r.key() + ": CPU device '" + d.name() + "' is not the run's CPU '"
                                + run.environment().cpuModel() + "'",
                        null);
            }
        }
    }

    private void same(String field, BenchmarkResult r, String what, String stated, String enumerated) {
        if (stated != null && !stated.equals(enumerated)) {
            f.reject(
                    Rule.ENVIRONMENT,
                    field,
                    r.key() + ": the result states device " + what + " '" + stated + "' but the environment lists '"
                            + enumerated + "' for " + r.backend() + ":" + r.device(),
                    null);
        }
    }
}
