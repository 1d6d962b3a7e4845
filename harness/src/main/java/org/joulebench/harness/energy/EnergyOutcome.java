package org.joulebench.harness.energy;

import org.joulebench.results.record.EnergyResult;

/** Either the energy section of a result, or why there is none (never a zero or a made-up figure). */
public sealed interface EnergyOutcome {

    record Measured(EnergyResult energy) implements EnergyOutcome {}

    record Unavailable(String reason) implements EnergyOutcome {}

    /** For {@code BenchmarkResult.energy}. */
    default EnergyResult energyOrNull() {
        return this instanceof Measured m ? m.energy() : null;
    }

    /** For {@code BenchmarkResult.energyUnavailableReason}. */
    default String reasonOrNull() {
        return this instanceof Unavailable u ? u.reason() : null;
    }
}
