package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.reference.PhysicalCeilings;
import org.joulebench.results.run.RunRecord;
import org.joulebench.results.submission.SystemDescription;

/**
 * The rules that hold a run's figures to each other, to the kernel catalogue, to physics and to its system
 * (beside {@link ResultRules}): {@link CatalogueRules}, {@link ConsistencyRules}, {@link PhysicsRules},
 * {@link EnvironmentRules}. Each applies to results whose status is OK and whose verification passed
 * (the others are rejected by {@link ResultRules} already).
 */
final class RecordRules {
    private RecordRules() {}

    static void apply(Path file, RunRecord run, SystemDescription system, List<Problem> out) {
        Findings f = new Findings(file, out);
        new CatalogueRules(f, run).apply();
        new ConsistencyRules(f, run).apply();
        new PhysicsRules(f, run, system, PhysicalCeilings.standard()).apply();
        new EnvironmentRules(f, run, system).apply();
        StandInRules.apply(f, run); // nothing timed on a stand-in (e.g. the CUDA stand-in driver) is a measurement
    }
}
