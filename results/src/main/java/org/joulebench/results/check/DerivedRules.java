package org.joulebench.results.check;

import java.util.Locale;
import java.util.Objects;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.Roofline;
import org.joulebench.results.record.RooflineFraction;
import org.joulebench.results.record.RunRecord;

/**
 * Derived figures the site shows are recomputed, never taken on trust (rule {@code derived}): a result's
 * {@code rooflineFraction} is what {@link Roofline#fraction} gives from the result and the record's own calibration
 * (the roof, the attained rate, the fraction, the calibration named); and an fp32 FLOP result on the calibrated CPU is
 * not faster than that calibration's all-core peak.
 */
final class DerivedRules implements RunRules {
    /** Relative slack for a recomputed figure (the same arithmetic on the same doubles). */
    static final double TOLERANCE = 1e-6;

    /**
     * A measured rate may exceed the calibrated peak by this factor: turbo between calibration and run, and a vendor
     * library's hand-scheduled FMA loop slightly ahead of the Vector API chains the calibration times.
     */
    static final double OVER_CALIBRATED_PEAK = 1.10;

    private final RunRecord run;
    private final Findings f;

    /**
     * The fastest fp32 rate the record's own calibration saw on this CPU: its FMA peak on all cores, or the vendor
     * sgemm rate (verified) where that was faster — on a VM whose second vCPU was busy while the FMA loop ran, or
     * whose FMA loop the JIT scheduled worse than the vendor's hand-written kernel, the calibration contradicts
     * itself, and the higher of its two measurements is what the machine demonstrably did.
     */
    static double measuredCeiling(org.joulebench.results.record.Calibration c) {
        double peak = c.peakFlopsPerSecondAllCores();
        return c.vendorGemmFlopsPerSecond() == null ? peak : Math.max(peak, c.vendorGemmFlopsPerSecond());
    }

    DerivedRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
    }

    @Override
    public void apply() {
        Calibration c = run.calibration();
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            String path = "$.results[" + i + "]";
            RooflineFraction written = r.rooflineFraction();
            if (written != null) {
                RooflineFraction recomputed = CheckedRun.verified(r) ? Roofline.fraction(r, c) : null;
                String problem = recomputed == null
                        ? "there is no roof to compare it with (no calibration of this CPU in the record)"
                        : differs(written, recomputed);
                if (problem != null) {
                    f.reject(
                            Rule.DERIVED,
                            path + ".rooflineFraction",
                            r.key() + ": the roofline fraction " + problem,
                            null);
                }
            }
            if (c != null
                    && CheckedRun.verified(r)
                    && "CPU".equals(r.deviceKind())
                    && "fp32".equals(r.dtype())
                    && r.work() != null
                    && r.throughput() != null
                    && r.work().headlineUnit() == org.joulebench.vocabulary.HeadlineUnit.FLOP
                    && r.throughput().operationsPerSecond() > measuredCeiling(c) * OVER_CALIBRATED_PEAK) {
                f.reject(
                        Rule.DERIVED,
                        path + ".throughput.operationsPerSecond",
                        String.format(
                                Locale.ROOT,
                                "%s: %.4g FLOP/s is faster than the record's own calibrated peak of this CPU",
                                r.key(),
                                r.throughput().operationsPerSecond()),
                        null);
            }
        }
    }

    private static String differs(RooflineFraction w, RooflineFraction x) {
        if (!Objects.equals(w.roof(), x.roof()) || !Objects.equals(w.calibration(), x.calibration())) {
            return "names roof " + w.roof() + " of calibration " + w.calibration() + ", but the record gives "
                    + x.roof() + " of " + x.calibration();
        }
        if (!close(w.roofPerSecond(), x.roofPerSecond())) {
            return String.format(
                    Locale.ROOT,
                    "uses a roof of %.6g, but the record's calibration gives %.6g",
                    w.roofPerSecond(),
                    x.roofPerSecond());
        }
        if (!close(w.attainedPerSecond(), x.attainedPerSecond())) {
            return String.format(
                    Locale.ROOT,
                    "uses an attained rate of %.6g, but the result's own is %.6g",
                    w.attainedPerSecond(),
                    x.attainedPerSecond());
        }
        if (!close(w.fraction(), x.fraction())) {
            return String.format(
                    Locale.ROOT, "is %.6g, but follows from the record as %.6g", w.fraction(), x.fraction());
        }
        return null;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
