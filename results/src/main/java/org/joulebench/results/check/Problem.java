package org.joulebench.results.check;

import java.nio.file.Path;

/**
 * One finding of the checker.
 *
 * @param severity REJECT or WARN
 * @param rule the rule (its id, e.g. {@code manifest}, {@code energy-window}, is what a report shows)
 * @param file the file concerned
 * @param field JSON path of the field ({@code $} for the whole file)
 * @param message what is wrong
 * @param fix what to do about it
 */
public record Problem(Severity severity, Rule rule, Path file, String field, String message, String fix) {

    /** The rule's id, as a report shows it. */
    public String ruleId() {
        return rule.id();
    }
}
