package org.joulebench.results.check;

/** How bad a problem is. */
public enum Severity {
    /** The file cannot be shown on the leaderboard until fixed; {@code check} exits non-zero. */
    REJECT,
    /** Shown, with the warning next to it. */
    WARN
}
