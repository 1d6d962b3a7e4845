package org.joulebench.results.check;

import java.nio.file.Path;

/**
 * One finding of the checker.
 *
 * @param severity REJECT or WARN
 * @param rule the rule's id (e.g. {@code manifest}, {@code energy-window}); see CHECKS in SCHEMAS.md
 * @param file the file concerned
 * @param field JSON path of the field ({@code $} for the whole file)
 * @param message what is wrong
 * @param fix what to do about it
 */
public record Problem(Severity severity, String rule, Path file, String field, String message, String fix) {}
