package org.joulebench.results.check;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;

/**
 * The run's dates (rule {@code dates}): it ends after it starts, lies no further in the future of {@code check}'s
 * clock than a small skew, and did not start before its chip was announced (the system's announcement date bounds
 * the history figure's fit, and the run date bounds the announcement). The announcement's own lower bound per chip
 * kind is {@link DeclarationRules}'.
 */
final class DateRules implements RunRules {
    /** Clock skew allowed between the measuring machine and the one that checks. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(10);

    private final RunRecord run;
    private final SystemDescription system;
    private final Findings f;

    DateRules(CheckedRun checked, Findings f) {
        this.run = checked.run();
        this.system = checked.system();
        this.f = f;
    }

    @Override
    public void apply() {
        Instant latest = Instant.now().plus(FUTURE_SKEW);
        if (!run.endedAt().isAfter(run.startedAt())) {
            f.reject(
                    Rule.DATES,
                    "$.endedAt",
                    "the run ends at " + run.endedAt() + ", not after it starts (" + run.startedAt() + ")",
                    null);
        }
        if (run.startedAt().isAfter(latest)) {
            f.reject(
                    Rule.DATES,
                    "$.startedAt",
                    "the run starts at " + run.startedAt() + ", in the future of this" + " check",
                    null);
        } else if (run.endedAt().isAfter(latest)) {
            f.reject(
                    Rule.DATES,
                    "$.endedAt",
                    "the run ends at " + run.endedAt() + ", in the future of this check",
                    null);
        }
        if (system != null
                && system.announced() != null
                && run.startedAt().atZone(ZoneOffset.UTC).toLocalDate().isBefore(system.announced())) {
            f.reject(
                    Rule.DATES,
                    "$.startedAt",
                    "the run started on "
                            + run.startedAt().atZone(ZoneOffset.UTC).toLocalDate() + ", before its chip was announced ("
                            + system.announced() + " in system.json)",
                    null);
        }
    }
}
