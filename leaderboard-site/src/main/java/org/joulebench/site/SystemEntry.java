package org.joulebench.site;

import java.util.Map;
import org.joulebench.results.energy.EnergyArithmetic;

/**
 * A system as the browser sees it: a submission or one local, unchecked run.
 *
 * @param id file-name-safe id; its page is {@code systems/<id>.html}
 * @param announced {@code YYYY-MM-DD}, {@code null} when unknown (local runs)
 * @param peakFlopsByDtype declared datasheet peaks, FLOP/s
 * @param peakBytesPerSecond declared memory bandwidth, B/s
 * @param local true for a local, unchecked run (never a checked submission)
 * @param measuredRoofs the roofs measured on the machine ({@code ./joulebench calibrate}), for a CPU system whose
 *     runs carry a calibration; {@code null} otherwise
 */
public record SystemEntry(
        String id,
        String submitter,
        String name,
        String vendor,
        String model,
        String kind,
        String announced,
        Double tdpWatts,
        Map<String, Double> peakFlopsByDtype,
        Double peakBytesPerSecond,
        String peakSource,
        boolean local,
        String manifestSha256,
        MeasuredRoofs measuredRoofs) {

    /**
     * Roofs measured on the machine, from a run record's calibration: not declared, so drawn and labelled apart from
     * the datasheet ones.
     *
     * @param mode {@code full} or {@code short}
     * @param measuredAt when (RFC 3339)
     * @param peakFlopsPerSecond fp32 FMA peak on all cores, FLOP/s
     * @param peakFlopsPerSecondOneCore fp32 FMA peak on one core, FLOP/s
     * @param bytesPerSecond triad bandwidth, B/s
     * @param vendorGemmFlopsPerSecond the vendor sgemm rate, FLOP/s ({@code null} when not measured)
     * @param bandwidthCurve the triad in caches: working set of the three arrays (bytes) and B/s, smallest first
     */
    public record MeasuredRoofs(
            String mode,
            String measuredAt,
            double peakFlopsPerSecond,
            double peakFlopsPerSecondOneCore,
            double bytesPerSecond,
            Double vendorGemmFlopsPerSecond,
            java.util.List<org.joulebench.results.record.BandwidthPoint> bandwidthCurve) {

        static MeasuredRoofs of(org.joulebench.results.record.Calibration c) {
            return c == null
                    ? null
                    : new MeasuredRoofs(
                            c.mode(),
                            String.valueOf(c.measuredAt()),
                            c.peakFlopsPerSecondAllCores(),
                            c.peakFlopsPerSecondOneCore(),
                            c.triadBytesPerSecond(),
                            c.vendorGemmFlopsPerSecond(),
                            c.bandwidthCurve());
        }
    }

    /** Datasheet efficiency (declared peak / TDP) in G-units per joule for a dtype or memory, else null. */
    public Double datasheetUnitsPerJoule(String dtype, boolean memoryBound) {
        return EnergyArithmetic.datasheetUnitsPerJoule(
                memoryBound ? peakBytesPerSecond : peakFlopsByDtype.get(dtype), tdpWatts);
    }
}
