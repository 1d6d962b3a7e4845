package org.joulebench.results.check;

import org.joulebench.results.record.BenchmarkResult;

/** Rules that look at each verified result of a record on its own (the others are rule {@code verification}'s). */
abstract class PerResultRules implements RunRules {
    /** Where the findings go. */
    final Findings f;

    private final CheckedRun run;

    PerResultRules(CheckedRun run, Findings f) {
        this.run = run;
        this.f = f;
    }

    @Override
    public final void apply() {
        run.forEachVerified(this::result);
    }

    /** Checks one verified result; {@code path} is its JSON path ({@code $.results[i]}). */
    abstract void result(String path, BenchmarkResult r);
}
