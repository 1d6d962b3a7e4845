package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where the rules about one file put what they find. A {@link RunRules} class may report only the rules it
 * declares: a finding under another rule's id is a programming error, caught here, so that each rule keeps
 * one home.
 */
final class Findings {
    private final Path file;
    private final List<Problem> out;
    private final Set<Rule> allowed;

    /** Findings about {@code file} under the given rules only. */
    Findings(Path file, List<Problem> out, Set<Rule> allowed) {
        this.file = file;
        this.out = out;
        this.allowed = Set.copyOf(allowed);
    }

    void reject(Rule rule, String field, String message, String fix) {
        add(Severity.REJECT, rule, field, message, fix);
    }

    void warn(Rule rule, String field, String message, String fix) {
        add(Severity.WARN, rule, field, message, fix);
    }

    private void add(Severity severity, Rule rule, String field, String message, String fix) {
        if (!allowed.contains(rule)) {
            throw new IllegalStateException(
                    "rule " + rule + " is not one of " + allowed + ": report it from the" + " class that declares it");
        }
        out.add(new Problem(severity, rule, file, field, message, fix));
    }
}
