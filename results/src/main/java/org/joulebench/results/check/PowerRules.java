package org.joulebench.results.check;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.reference.ChipBounds;
import org.joulebench.results.reference.GpuDatasheet;
import org.joulebench.results.system.SystemDescription;

/**
 * Average power against what the chip can draw (rule {@code power}), for the domains that are the whole chip the
 * result ran on (DEVICE scope {@code cpu-package}, {@code package}, {@code gpu-board}): never below the domain's own
 * recorded idle power, never below the loaded floor of its kind ({@code reference/chip-power-bounds.csv}: a fixed
 * floor, and a fraction of the TDP where the TDP is known), never above the TDP times the kind's headroom. The TDP is
 * the declared one, else the listed datasheet's, else the largest of the kind. A model estimate is recomputed from
 * its own recorded inputs: TDP × utilisation, at most all logical CPUs busy, in every window. Its utilisation has no
 * lower bound that holds on a loaded machine (a benchmark thread sharing two cores with fifteen others gets a
 * fraction of one): an estimate scaled down within [0, TDP] cannot be told from a loaded machine, which is one
 * reason an estimate is never ranked with measurements.
 */
final class PowerRules implements RunRules {
    static final Set<String> WHOLE_CHIP = Set.of("cpu-package", "package", "gpu-board");

    /** Window-edge jitter of CPU-time accounting: a window's model power may exceed its TDP by this factor. */
    static final double MODEL_OVER_TDP = 1.05;

    private final RunRecord run;
    private final SystemDescription system;
    private final Findings f;

    PowerRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.system = checked.system();
        this.f = f;
    }

    private void reject(String field, String message) {
        f.reject(Rule.POWER, field, message, null);
    }

    @Override
    public void apply() {
        if (system == null) {
            return;
        }
        String kind = system.chipKind() == null ? "OTHER" : system.chipKind().name();
        ChipBounds.Bound bound = ChipBounds.standard().of(kind);
        Optional<GpuDatasheet> listed = DeclarationRules.listed(system);
        Double knownTdp = system.tdpWatts() != null && system.tdpWatts() > 0
                ? system.tdpWatts()
                : listed.map(GpuDatasheet::tdpWatts).orElse(null);
        double ceilingTdp = knownTdp != null ? knownTdp : bound.maxTdpWatts();
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (!CheckedRun.verified(r) || r.energy() == null) {
                continue;
            }
            for (int j = 0; j < r.energy().domains().size(); j++) {
                DomainEnergy d = r.energy().domains().get(j);
                String path = "$.results[" + i + "].energy.domains[" + j + "]";
                if ("MODEL".equals(d.method())) {
                    model(path, r, d, bound);
                }
                if (!DomainEnergy.SCOPE_DEVICE.equals(d.scope()) || !WHOLE_CHIP.contains(d.domain())) {
                    continue;
                }
                String what = r.key() + " " + d.domain();
                double p = d.averagePowerWatts();
                double floor = Math.max(
                        bound.minLoadedWatts(), knownTdp == null ? 0 : knownTdp * bound.minLoadedFractionOfTdp());
                boolean measured = !"MODEL".equals(d.method()); // a model's power is an estimate: ceiling only
                if (measured && d.idlePowerWatts() != null && p < d.idlePowerWatts()) {
                    reject(
                            path + ".averagePowerWatts",
                            String.format(
                                    Locale.ROOT,
                                    "%s: %.4g W while loaded, below the device's own idle power",
                                    what,
                                    p));
                } else if (measured && d.idlePowerWatts() == null && !(p >= floor)) {
                    reject(
                            path + ".averagePowerWatts",
                            String.format(
                                    Locale.ROOT,
                                    "%s: %.4g W is less than a loaded %s draws (%s)",
                                    what,
                                    p,
                                    kind,
                                    ChipBounds.FILE));
                } else if (!(p <= ceilingTdp * bound.maxPowerFractionOfTdp())) {
                    reject(
                            path + ".averagePowerWatts",
                            String.format(
                                    Locale.ROOT,
                                    "%s: %.4g W is more than a %s of %s can draw (%s)",
                                    what,
                                    p,
                                    kind,
                                    knownTdp != null ? String.format(Locale.ROOT, "%.4g W TDP", knownTdp) : "any TDP",
                                    ChipBounds.FILE));
                }
            }
        }
    }

    /** A model estimate recomputed from its recorded inputs: TDP and logical CPUs. */
    private void model(String path, BenchmarkResult r, DomainEnergy d, ChipBounds.Bound bound) {
        var props = d.details() == null
                ? java.util.Map.<String, String>of()
                : d.details().properties();
        Double tdp = number(props.get("tdpWatts"));
        Double cpus = number(props.get("logicalCpus"));
        String what = r.key() + " " + d.domain() + " model estimate";
        if (tdp == null || cpus == null || !(cpus >= 1)) {
            reject(path + ".details.properties", what + ": its inputs (tdpWatts, logicalCpus) are not recorded");
            return;
        }
        if (!(tdp >= bound.minTdpWatts() && tdp <= bound.maxTdpWatts() * cpus)) {
            reject(
                    path + ".details.properties.tdpWatts",
                    String.format(
                            Locale.ROOT,
                            "%s: a TDP of %.4g W is outside the range of the chip kind (%s)",
                            what,
                            tdp,
                            ChipBounds.FILE));
            return;
        }
        double min = 0;
        double max = tdp * MODEL_OVER_TDP;
        if (!(d.averagePowerWatts() >= min && d.averagePowerWatts() <= max)) {
            reject(
                    path + ".averagePowerWatts",
                    String.format(
                            Locale.ROOT,
                            "%s: %.4g W is not what its own inputs give (TDP %.4g W x utilisation of %.0f logical CPUs)",
                            what,
                            d.averagePowerWatts(),
                            tdp,
                            cpus));
            return;
        }
        if (d.raw() != null) {
            for (int k = 0; k < d.raw().windows().size(); k++) {
                RawWindow w = d.raw().windows().get(k);
                if (w.startJoules() == null || w.endJoules() == null || w.endNanos() <= w.startNanos()) {
                    continue;
                }
                double watts = (w.endJoules() - w.startJoules()) / ((w.endNanos() - w.startNanos()) / 1e9);
                if (!(watts >= min && watts <= max)) {
                    reject(
                            path + ".raw.windows[" + k + "]",
                            String.format(
                                    Locale.ROOT,
                                    "%s: a window at %.4g W is not what the model's inputs give (TDP %.4g W, %.0f logical"
                                            + " CPUs)",
                                    what,
                                    watts,
                                    tdp,
                                    cpus));
                    return;
                }
            }
        }
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
