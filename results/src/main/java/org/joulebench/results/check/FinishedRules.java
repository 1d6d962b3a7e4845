package org.joulebench.results.check;

import org.joulebench.results.run.RunRecord;

/**
 * Rule {@code finished}: the record of a run that did not finish (killed, interrupted or crashed part-way; it
 * keeps the results that finished, marked {@code unfinished}) is never ranked. Which results finish first depends
 * on the order they ran in and on when the run stopped, so they are a selection, not a run.
 */
final class FinishedRules implements RunRules {
    private final RunRecord run;
    private final Findings f;

    FinishedRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.f = f;
    }

    @Override
    public void apply() {
        RunRecord.Unfinished u = run.unfinished();
        if (u != null) {
            f.reject(
                    Rule.FINISHED,
                    "$.unfinished",
                    "run " + run.runId() + " did not finish (" + run.results().size() + " of " + u.plannedResults()
                            + " planned results): " + u.reason(),
                    "submit only the record of a run that finished");
        }
    }
}
