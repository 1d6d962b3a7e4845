package org.joulebench.results.check;

import java.util.Set;
import java.util.function.BiFunction;

/**
 * The rules one class decides about one run record: one interface for every such class, as JMH's {@code
 * Profiler}, and {@link StandardRunRules} lists them with the rules each reports, as {@code ProfilerFactory}
 * does. A rule about a record has one home: the class whose {@link Factory} declares it is the only one that
 * may report it ({@link Findings} refuses the others).
 */
interface RunRules {

    /** Checks the record this instance was made for; findings go where it was told. */
    void apply();

    /**
     * How one such class is made for a record.
     *
     * @param type the class
     * @param rules the rules it reports
     * @param create its constructor: the record under check and where its findings go
     */
    record Factory(Class<? extends RunRules> type, Set<Rule> rules, BiFunction<CheckedRun, Findings, RunRules> create) {
        public Factory {
            rules = Set.copyOf(rules);
        }
    }
}
