package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.reference.PhysicalCeilings;
import org.joulebench.results.system.SystemDescription;

/**
 * The rule classes {@code check} applies to every run record, with the rules each reports, in the order their
 * findings are listed (as JMH's {@code ProfilerFactory} lists its profilers). A new rule is a {@link Rule}
 * constant, a row in SCHEMAS.md, and either a line in the class that owns its concern or a new class here.
 */
final class StandardRunRules {
    private StandardRunRules() {}

    static final List<RunRules.Factory> ALL = List.of(
            new RunRules.Factory(
                    ResultRules.class,
                    EnumSet.of(Rule.VERIFICATION, Rule.PROVENANCE, Rule.PLAUSIBILITY, Rule.TIER, Rule.ENERGY_WINDOW),
                    ResultRules::new),
            new RunRules.Factory(
                    RawReadingRules.class,
                    // tier and energy-window of the raw windows; ResultRules judges the JMH settings
                    EnumSet.of(Rule.RAW_READINGS, Rule.SCOPE, Rule.TIER, Rule.ENERGY_WINDOW),
                    RawReadingRules::new),
            new RunRules.Factory(ForkRules.class, EnumSet.of(Rule.FORKS), ForkRules::new),
            new RunRules.Factory(CatalogueRules.class, EnumSet.of(Rule.CATALOGUE), CatalogueRules::new),
            new RunRules.Factory(ConsistencyRules.class, EnumSet.of(Rule.CONSISTENCY), ConsistencyRules::new),
            new RunRules.Factory(
                    PhysicsRules.class,
                    EnumSet.of(Rule.PHYSICS),
                    (run, f) -> new PhysicsRules(run, f, PhysicalCeilings.standard())),
            new RunRules.Factory(EnvironmentRules.class, EnumSet.of(Rule.ENVIRONMENT), EnvironmentRules::new),
            // issue 19 (trust v3): each class its own concern
            new RunRules.Factory(DeviceRules.class, EnumSet.of(Rule.ENVIRONMENT), DeviceRules::new),
            new RunRules.Factory(RawWindowRules.class, EnumSet.of(Rule.RAW_READINGS), RawWindowRules::new),
            new RunRules.Factory(PowerRules.class, EnumSet.of(Rule.POWER), PowerRules::new),
            new RunRules.Factory(DateRules.class, EnumSet.of(Rule.DATES), DateRules::new),
            new RunRules.Factory(DerivedRules.class, EnumSet.of(Rule.DERIVED), DerivedRules::new),
            new RunRules.Factory(InterferenceRules.class, EnumSet.of(Rule.INTERFERENCE), InterferenceRules::new),
            // only weight inputs may be pre-packed: part of the catalogue's rule, kept beside it in its own class
            new RunRules.Factory(PrePackedWeightRules.class, EnumSet.of(Rule.CATALOGUE), PrePackedWeightRules::new),
            // nothing timed on a stand-in (e.g. the CUDA stand-in driver) is a measurement
            new RunRules.Factory(StandInRules.class, EnumSet.of(Rule.STAND_IN), StandInRules::new),
            // a killed or interrupted run's record keeps its finished results, and is never ranked
            new RunRules.Factory(FinishedRules.class, EnumSet.of(Rule.FINISHED), FinishedRules::new),
            // a size sweep: non-catalogue shapes only at its series' points, ranked nowhere
            new RunRules.Factory(SweepRules.class, EnumSet.of(Rule.SWEEP), SweepRules::new));

    /** Applies every rule to one run record. */
    static void apply(Path file, RunRecord run, byte[] bytes, SystemDescription system, List<Problem> out) {
        CheckedRun checked = new CheckedRun(file, run, bytes, system);
        for (RunRules.Factory factory : ALL) {
            factory.create()
                    .apply(checked, new Findings(file, out, factory.rules()))
                    .apply();
        }
    }
}
