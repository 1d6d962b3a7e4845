package org.joulebench.site;

import java.util.Map;

/**
 * A system as the browser sees it: a submission or one local, unchecked run.
 *
 * @param id file-name-safe id; its page is {@code systems/<id>.html}
 * @param announced {@code YYYY-MM-DD}, {@code null} when unknown (local runs)
 * @param peakFlopsByDtype declared datasheet peaks, FLOP/s
 * @param peakBytesPerSecond declared memory bandwidth, B/s
 * @param local true for a local, unchecked run (never a checked submission)
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
        String manifestSha256) {

    /** Datasheet efficiency (declared peak / TDP) in G-units per joule for a dtype or memory, else null. */
    public Double datasheetUnitsPerJoule(String dtype, boolean memoryBound) {
        if (tdpWatts == null || !(tdpWatts > 0)) {
            return null;
        }
        Double peak = memoryBound ? peakBytesPerSecond : peakFlopsByDtype.get(dtype);
        return peak == null ? null : peak / tdpWatts / 1e9;
    }
}
