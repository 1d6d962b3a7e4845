package org.joulebench.results.check;

import java.util.Arrays;

/**
 * Every rule {@code check} applies, by the id a {@link Problem} names: what it checks and why. The table of
 * rules in {@code results/SCHEMAS.md} lists exactly these ids (a test holds the two together). A rule about a
 * run record is decided by one {@link RunRules} class, which declares it in {@link RunRules#rules()}; the
 * others are the checker's own (the tree, its files, their integrity) and {@link NameRules}' (across folders).
 */
public enum Rule {
    LAYOUT(
            "layout",
            "the tree holds <submitter-slug>/<system-slug> folders of system.json, manifest.json, manifest.sig and"
                    + " runs/<run-id>.json, named after system.json's names; nothing else is read or published",
            "anything else (hidden entries, links, special files, stray files) could be published unchecked or"
                    + " lead the reader elsewhere"),
    SCHEMA(
            "schema",
            "every JSON file validates against its JSON Schema (results/SCHEMAS.md) within the size limit",
            "a file the model cannot read exactly cannot be checked, ranked or published"),
    MANIFEST(
            "manifest",
            "manifest.json lists exactly the folder's files with their SHA-256",
            "a file changed or added after submit is not what was submitted"),
    SIGNATURE(
            "signature",
            "a registered submitter's manifest is signed and verifies with the registered key; a folder brings no"
                    + " key of its own",
            "only the key reviewed into results/keys can speak for a submitter"),
    NAMES(
            "names",
            "one name per submitter folder; no two submitters (or two systems of one) whose names only look alike",
            "a look-alike name would let one submitter pass for another on the leaderboard"),
    VERIFICATION(
            "verification",
            "every result has status OK and passed verification against the kernel's reference",
            "a wrong answer is a failed result, never a fast one"),
    RAW_READINGS(
            "raw-readings",
            "every energy domain carries its raw readings, and its written figures are what EnergyArithmetic"
                    + " computes from them",
            "a figure that does not follow from its readings was not measured as written"),
    SCOPE(
            "scope",
            "a DEVICE-scope domain names the device the result ran on",
            "DEVICE energy is ranked: it must be the chip the kernel ran on, never another device's"),
    ENERGY_WINDOW(
            "energy-window",
            "each measurement window spans at least 10 updates of its sensor",
            "a counter read at both ends of a window is uncertain by one update at each end: at 10 updates at most"
                    + " ~20 %, less with longer windows"),
    TIER(
            "tier",
            "each domain's tier is its method's (EXTERNAL_METER A, COUNTER B, SAMPLED_POWER C, MODEL ESTIMATE), its"
                    + " readings of a kind the method gives, its sensor one the system has",
            "measured tiers and estimates are never ranked together, so the tier must follow from how the energy"
                    + " was obtained"),
    CATALOGUE(
            "catalogue",
            "a known kernel, dtype and size; the catalogue's shape, dims, work formulas and tolerances; a pass"
                    + " within them",
            "work counts and tolerances that are not the catalogue's would make a figure incomparable with the"
                    + " others"),
    CONSISTENCY(
            "consistency",
            "derived figures follow from the ones they are derived from: score from its iterations, throughput"
                    + " and its unit from work and score, pJ/unit and units/J from J/op, power and total joules from"
                    + " J/op and time",
            "so that an edited headline figure (the one the leaderboard ranks) cannot pass"),
    FORKS(
            "forks",
            "each raw iteration is its fork's JMH time per call ÷ that fork's batch size; the score, its interval, each"
                    + " fork's mean and interval, the fork-consistency flag and each energy window's invocations follow"
                    + " from the per-fork data; records without it only when committed before schema 3 (by SHA-256)",
            "forks may run with different batch sizes: a figure not derived fork by fork can be off by their ratio,"
                    + " and a record that leaves the data out could not be recomputed"),
    PHYSICS(
            "physics",
            "a sensor the system can have; efficiency and throughput under the declared datasheet peaks or, without"
                    + " them, under the physical ceiling for the chip kind",
            "dynamic energy per operation scales with the supply voltage squared: at most ~2.9x from the highest to"
                    + " the lowest CMOS operating voltage, so 4x the datasheet efficiency is beyond any real chip"),
    ENVIRONMENT(
            "environment",
            "the run's recorded CPU/GPU (vendor, model words, kind) is the one system.json describes",
            "a result belongs to the system it was measured on"),
    INTERFERENCE(
            "interference",
            "each window's interference flags, and the result's count and reason, are what InterferenceRule gives"
                    + " from the recorded figures; every window measured is there (per fork at most one idle window"
                    + " and the stated measurement iterations); extra windows are bounded and the counted figure is"
                    + " what CountedWindows gives from the raw windows",
            "a busy machine's figures are kept and labelled, never silently dropped or cleared: the flag must follow"
                    + " from the numbers a reader can see"),
    FINISHED(
            "finished",
            "every run record is of a run that finished: it has no 'unfinished' section",
            "a run killed or interrupted part-way keeps the results that finished first: a selection, not a run"),
    STAND_IN(
            "stand-in",
            "no result ran on a stand-in for absent hardware: a device recorded with the property standIn=true or a"
                    + " name starting 'joulebench stand-in' (the CUDA backend's stand-in driver)",
            "a stand-in executes kernels on the CPU so the host side is tested without the hardware: nothing timed"
                    + " on it is a measurement"),
    PLAUSIBILITY(
            "plausibility",
            "throughput under 1.05x the declared peak; joules above the measured time times a floor power; backend"
                    + " figures finite, with units",
            "boost clocks and rounding explain 5 % over a peak, not more; under 1 W a package or board is a unit"
                    + " error (mJ read as J) or a counter that did not count"),
    PROVENANCE(
            "provenance",
            "the harness's git revision is known and clean, its version current, the profile 'submission'; every"
                    + " backend figure names its source",
            "a reader must be able to rebuild what measured a figure"),
    DUPLICATE(
            "duplicate",
            "each runId once, and each measurement (identified by its raw windows and iterations) once, across"
                    + " all submissions and inside a record",
            "a copy of a run counted twice would weigh twice on the leaderboard"),
    DECLARATION(
            "declaration",
            "system.json's declared TDP, peaks and announcement date lie within what a chip of its kind can be, and"
                    + " near the reference datasheet where the chip is listed",
            "declared figures only tighten the bounds a result meets, and the site shows them beside the results"),
    DATES(
            "dates",
            "a run starts before it ends, not in the future of check's clock, not before its chip was announced",
            "the history's fitted doubling time rests on announcement dates and run dates"),
    POWER(
            "power",
            "each full-chip domain's average power lies between the chip's idle (or a floor for its kind) and its"
                    + " TDP times a headroom; a model estimate is what its own recorded inputs give",
            "joules scaled down to inflate efficiency show as a power the chip cannot run at"),
    DERIVED(
            "derived",
            "figures the site shows that derive from others (roofline fraction, attained rate) are what they derive"
                    + " from; a CPU result is not faster than the record's own calibrated peak",
            "a figure taken on trust is a figure anyone can type"),
    SWEEP(
            "sweep",
            "a size sweep (a record with a sweep section) names a catalogue kernel and dtype and 2 to 32 points whose"
                    + " working sets are at most 64 GiB; its results are that kernel and dtype on its device at the"
                    + " series' points, each once per implementation",
            "shapes outside the catalogue are accepted only as a sweep's bounded, recomputable points, ranked"
                    + " nowhere: a curve of one chip, not a figure to compare");

    private final String id;
    private final String description;
    private final String reason;

    Rule(String id, String description, String reason) {
        this.id = id;
        this.description = description;
        this.reason = reason;
    }

    /** The id a problem names and SCHEMAS.md lists ({@code energy-window}). */
    public String id() {
        return id;
    }

    /** What the rule checks. */
    public String description() {
        return description;
    }

    /** Why it is a rule. */
    public String reason() {
        return reason;
    }

    /** The rule of an id; the valid ids in the error. */
    public static Rule ofId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + id + "'; valid: "
                + Arrays.stream(values()).map(Rule::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
