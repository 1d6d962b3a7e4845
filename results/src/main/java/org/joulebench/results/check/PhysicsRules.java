package org.joulebench.results.check;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.reference.PhysicalCeilings;
import org.joulebench.results.system.SystemDescription;
import org.joulebench.vocabulary.HeadlineUnit;

/**
 * What the system could have measured and reached (rule {@code physics}): a sensor the chip cannot have (an
 * Intel/AMD energy counter on another vendor's CPU or on a GPU board, NVIDIA's counter for a result that ran
 * on a CPU), an external meter with no meter identity, an on-chip counter on a system described as a virtual
 * machine that does not say the counters are passed through; and efficiency or throughput above the
 * system's declared datasheet peak, or — when none is declared — above the physical ceiling for its chip
 * kind in {@code results/reference/physical-ceilings.csv}.
 */
final class PhysicsRules implements RunRules {
    /**
     * How far measured efficiency may exceed a chip's datasheet efficiency (declared peak ÷ TDP). Dynamic
     * energy per operation scales with the supply voltage squared; from the highest to the lowest operating
     * voltage of current CMOS (about 1.1 V to 0.65 V) that is at most ~2.9x, reached by power capping or
     * running below base clock. 4x leaves room for rounding in the datasheet and in the measurement.
     */
    static final double DATASHEET_EFFICIENCY_HEADROOM = 4.0;

    /** A system described as a virtual machine: its description names one. */
    static final Pattern VIRTUAL_MACHINE = Pattern.compile(
            "\\b(vm|vms|virtual machine|virtuali[sz]ed|vcpus?|kvm|qemu|hypervisor|xen|vmware|hyper-v|cloud instance"
                    + "|ec2)\\b",
            Pattern.CASE_INSENSITIVE);

    /** How a VM's description says its counters are the hardware's own. */
    static final Pattern PASSTHROUGH = Pattern.compile("pass-?through", Pattern.CASE_INSENSITIVE);

    private final Findings f;
    private final CheckedRun checked;
    private final RunRecord run;
    private final SystemDescription system;
    private final PhysicalCeilings ceilings;
    private final RecordedDevices devices;

    PhysicsRules(CheckedRun checked, Findings f, PhysicalCeilings ceilings) {
        this.f = f;
        this.checked = checked;
        this.run = checked.run();
        this.system = checked.system();
        this.ceilings = ceilings;
        this.devices = new RecordedDevices(run);
    }

    @Override
    public void apply() {
        checked.forEachVerified((path, r) -> {
            if (r.energy() != null) {
                for (int j = 0; j < r.energy().domains().size(); j++) {
                    sensor(
                            path + ".energy.domains[" + j + "]",
                            r,
                            r.energy().domains().get(j));
                }
            }
            if (system != null) {
                limits(path, r);
            }
        });
    }

    private void sensor(String path, BenchmarkResult r, DomainEnergy d) {
        String sensor = d.sensor();
        if (sensor.startsWith("rapl") || sensor.startsWith("msr")) {
            String raw = run.environment().cpuVendor();
            String vendor = RecordedDevices.vendor(raw);
            boolean known = raw != null && !raw.isBlank() && !raw.equalsIgnoreCase("unknown");
            if (known && !vendor.equals("intel") && !vendor.equals("amd") && !vendor.equals("hygon")) {
                f.reject(
                        Rule.PHYSICS,
                        path + ".sensor",
                        r.key() + ": a " + sensor
                                + " reading is an Intel or AMD CPU's energy counter, but the run's CPU" + " is "
                                + run.environment().cpuVendor(),
                        "report the sensor that really measured this result");
            }
            if (d.domain().startsWith("gpu")) {
                f.reject(
                        Rule.PHYSICS,
                        path + ".domain",
                        r.key() + ": " + sensor + " reads CPU package and DRAM counters, not the " + d.domain()
                                + " domain",
                        "report the sensor that really measured this domain");
            }
        }
        if (sensor.startsWith("nvml") && devices.hasNvidiaGpu(system)) {
            Optional<String> kind = devices.kind(r);
            if (kind.isPresent() && !kind.get().equals("GPU")) {
                f.reject(
                        Rule.PHYSICS,
                        path + ".sensor",
                        r.key() + ": an NVML reading (an NVIDIA GPU board's counter) for a result that ran on "
                                + kind.get() + " device " + r.device(),
                        "measure a CPU result with a CPU sensor; NVML measures the GPU");
            }
        }
        if ("EXTERNAL_METER".equals(d.method())
                && (d.details().meterIdentity() == null
                        || d.details().meterIdentity().isBlank())) {
            f.reject(
                    Rule.PHYSICS,
                    path + ".details.meterIdentity",
                    r.key() + ": an external meter reading with no meter identity",
                    "record the analyser's identity (PTDaemon's Identify reply); a tier-A figure names its meter");
        }
        if ("COUNTER".equals(d.method()) && system != null && virtualMachine() && !passthrough()) {
            f.reject(
                    Rule.PHYSICS,
                    path + ".method",
                    r.key() + ": an on-chip energy counter (tier B) on a system described as a virtual machine, whose"
                            + " counters are the host's or emulated unless passed through",
                    "measure on bare metal, or state the passthrough in system.json's host (e.g. 'KVM guest,"
                            + " RAPL counters passed through') so reviewers can judge it");
        }
    }

    private boolean virtualMachine() {
        return VIRTUAL_MACHINE
                .matcher(system.systemName() + " " + system.host())
                .find();
    }

    private boolean passthrough() {
        return system.host() != null && PASSTHROUGH.matcher(system.host()).find();
    }

    /**
     * Efficiency and throughput against the physical ceiling of the chip kind, always; a declared datasheet peak
     * and TDP only tighten that bound (a declaration never lifts physics). Messages name the field and the bound's
     * source, never a figure to aim under.
     */
    private void limits(String path, BenchmarkResult r) {
        if (r.throughput() == null || r.work() == null) {
            return;
        }
        HeadlineUnit unit = r.work().headlineUnit();
        String headline = unit.name();
        SystemDescription.DatasheetPeaks peaks = system.datasheetPeaks();
        // a declared peak bounds compute kernels only; memory-bound ones meet the physical ceiling
        Double peak = peaks == null || unit.memoryBound()
                ? null
                : peaks.flopsPerSecondByDtype().get(r.dtype());
        Double datasheet = EnergyArithmetic.datasheetUnitsPerJoule(peak, system.tdpWatts());
        String kind = system.chipKind() == null ? "OTHER" : system.chipKind().name();
        Optional<PhysicalCeilings.Ceiling> ceiling = ceilings.find(kind, headline, r.dtype());
        String source = " (" + PhysicalCeilings.FILE + ")";
        if (ceiling.isPresent()
                && ceiling.get().maxGigaUnitsPerSecond() != null
                && !(r.throughput().value() <= ceiling.get().maxGigaUnitsPerSecond())) {
            f.reject(
                    Rule.PHYSICS,
                    path + ".throughput.value",
                    String.format(
                            Locale.ROOT,
                            "%s: %.4g %s is beyond the physical ceiling for a %s%s",
                            r.key(),
                            r.throughput().value(),
                            r.throughput().unit(),
                            kind,
                            source),
                    null);
        }
        if (r.energy() == null) {
            return;
        }
        for (int j = 0; j < r.energy().domains().size(); j++) {
            DomainEnergy d = r.energy().domains().get(j);
            String field = path + ".energy.domains[" + j + "].unitsPerJoule";
            if (ceiling.isPresent() && !(d.unitsPerJoule() <= ceiling.get().maxGigaUnitsPerJoule())) {
                f.reject(
                        Rule.PHYSICS,
                        field,
                        String.format(
                                Locale.ROOT,
                                "%s: %.4g %s is beyond the physical ceiling for a %s%s",
                                r.key(),
                                d.unitsPerJoule(),
                                unit.efficiencyUnit(),
                                kind,
                                source),
                        null);
            } else if (datasheet != null && d.unitsPerJoule() > datasheet * DATASHEET_EFFICIENCY_HEADROOM) {
                f.reject(
                        Rule.PHYSICS,
                        field,
                        String.format(
                                Locale.ROOT,
                                "%s: %.4g %s is more than %.0fx the efficiency of the system's own %s peak over its"
                                        + " tdpWatts",
                                r.key(),
                                d.unitsPerJoule(),
                                unit.efficiencyUnit(),
                                DATASHEET_EFFICIENCY_HEADROOM,
                                r.dtype()),
                        null);
            }
        }
    }
}
