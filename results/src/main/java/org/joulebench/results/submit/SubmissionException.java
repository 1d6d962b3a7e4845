package org.joulebench.results.submit;

import org.joulebench.results.check.CheckReport;

/** A submit that was refused; nothing was changed. {@link #report()} holds the checker's findings when it refused. */
public final class SubmissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CheckReport report;

    public SubmissionException(String message) {
        this(message, null, null);
    }

    public SubmissionException(String message, CheckReport report, Throwable cause) {
        super(message, cause);
        this.report = report;
    }

    /** The check report that made the submit refuse, else {@code null}. */
    public CheckReport report() {
        return report;
    }
}
