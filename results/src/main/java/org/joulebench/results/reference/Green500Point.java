package org.joulebench.results.reference;

import java.time.YearMonth;

/** The most efficient system of a Green500 list, HPL GFLOPS/W (published, not measured here). */
public record Green500Point(
        YearMonth list, String systemOrNote, double gflopsPerWatt, Confidence confidence, String source) {
    public boolean lowConfidence() {
        return confidence == Confidence.LOW;
    }
}
