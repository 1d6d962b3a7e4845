package org.joulebench.results.reference;

/** A Bitcoin mining device's efficiency in J/TH (published, not measured here). {@code kind}: cpu, gpu, fpga, asic. */
public record BitcoinAsicPoint(
        String hardware, String kind, int year, double joulesPerTerahash, Confidence confidence, String source) {
    public boolean lowConfidence() {
        return confidence == Confidence.LOW;
    }
}
