package org.joulebench.results.check;

import java.util.Optional;
import java.util.Set;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.ChipKind;
import org.joulebench.results.system.SystemDescription;

/**
 * A run's recorded environment against its system description (rule {@code environment}): for a CPU system,
 * the run's CPU vendor and model; for every result, the kind of device it ran on (a GPU result is not a CPU
 * system's), and for a GPU system the GPU's vendor and model. A model contradicts the description when the
 * recorded name has model-number words (e.g. {@code 6338}, {@code H100}) and none of them is in system.json's
 * chip model, system name or host. Names the hardware hides (a VM's "AMD EPYC") contradict nothing.
 */
final class EnvironmentRules implements RunRules {
    private final Findings f;
    private final RunRecord run;
    private final SystemDescription system;
    private final RecordedDevices devices;

    EnvironmentRules(CheckedRun checked, Findings f) {
        this.f = f;
        this.run = checked.run();
        this.system = checked.system();
        this.devices = new RecordedDevices(run);
    }

    @Override
    public void apply() {
        if (system == null || system.chipKind() == null) {
            return;
        }
        Set<String> described =
                RecordedDevices.words(system.chipModel() + " " + system.systemName() + " " + system.host());
        String vendor = RecordedDevices.vendor(system.chipVendor());
        EnvironmentInfo env = run.environment();
        if (system.chipKind() == ChipKind.CPU) {
            String cpuVendor = RecordedDevices.vendor(env.cpuVendor());
            if (!vendor.isEmpty() && !cpuVendor.isEmpty() && !vendor.equals(cpuVendor)) {
                f.reject(
                        Rule.ENVIRONMENT,
                        "$.environment.cpuVendor",
                        "the run was made on a " + env.cpuVendor() + " CPU, but system.json describes a "
                                + system.chipVendor() + " chip",
                        "submit the run under the system it was made on");
            }
            model("$.environment.cpuModel", "CPU", env.cpuModel(), described);
        }
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (r.status() != ResultStatus.OK) {
                continue;
            }
            Optional<DeviceRecord> dev = devices.of(r);
            String kind = dev.map(DeviceRecord::kind).orElse("");
            String path = "$.results[" + i + "]";
            boolean cpuOrGpu = kind.equals("CPU") || kind.equals("GPU");
            boolean systemCpuOrGpu = system.chipKind() == ChipKind.CPU || system.chipKind() == ChipKind.GPU;
            if (cpuOrGpu && systemCpuOrGpu && !kind.equals(system.chipKind().name())) {
                f.reject(
                        Rule.ENVIRONMENT,
                        path + ".device",
                        r.key() + " ran on " + kind + " device " + r.device() + " (" + r.deviceName() + "), but"
                                + " system.json describes a " + system.chipKind(),
                        "submit " + kind + " results under a system that describes that " + kind);
                continue;
            }
            if (kind.equals("GPU") && system.chipKind() == ChipKind.GPU) {
                String gpuVendor = RecordedDevices.vendor(r.deviceName());
                if (!vendor.isEmpty() && !gpuVendor.isEmpty() && !vendor.equals(gpuVendor)) {
                    f.reject(
                            Rule.ENVIRONMENT,
                            path + ".deviceName",
                            r.key() + " ran on '" + r.deviceName() + "', but system.json describes a "
                                    + system.chipVendor() + " chip",
                            "submit the run under the system it was made on");
                } else {
                    model(path + ".deviceName", "GPU", r.deviceName(), described);
                }
            }
        }
    }

    private void model(String field, String what, String recorded, Set<String> described) {
        Set<String> words = RecordedDevices.modelWords(recorded);
        if (!words.isEmpty() && words.stream().noneMatch(described::contains)) {
            f.reject(
                    Rule.ENVIRONMENT,
                    field,
                    "the run was made on the " + what + " '" + recorded + "', but system.json's chip model '"
                            + system.chipModel() + "' names none of its model numbers " + words,
                    "submit the run under the system it was made on, or name the model in chipModel");
        }
    }
}
