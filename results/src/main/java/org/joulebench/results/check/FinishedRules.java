package org.joulebench.results.check;

import org.joulebench.results.record.RunRecord;

/**
 * Rule {@code finished}: the record of a run that did not finish (killed, interrupted or crashed part-way; it
 * keeps the results that finished, marked {@code unfinished}) is never ranked. Which results finish first depends
 * on the order they ran in and on when the run stopped, so they are a selection, not a run.
 */
record FinishedRules(CheckedRun checked, Findings f) implements RunRules {
    @Override
    public void apply() {
        RunRecord run = checked.run();
        if (!run.finished()) {
            f.reject(
                    Rule.FINISHED,
                    "$.unfinished",
                    "run " + run.runId() + " did not finish (" + run.results().size() + " of "
                            + run.unfinished().plannedResults() + " planned results): "
                            + run.unfinished().reason(),
                    "submit only the record of a run that finished");
        }
    }
}
