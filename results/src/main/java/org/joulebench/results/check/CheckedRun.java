package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;

/**
 * One run record under check.
 *
 * @param file where it was read
 * @param run the record
 * @param bytes the record's exact bytes, as read
 * @param system its submission's system description; {@code null} when that did not parse
 */
record CheckedRun(Path file, RunRecord run, byte[] bytes, SystemDescription system) {

    /**
     * Each result whose status is OK and whose verification passed, with its JSON path ({@code
     * $.results[i]}): the only ones figures are checked on (the others are rejected by rule {@code verification}).
     */
    void forEachVerified(BiConsumer<String, BenchmarkResult> action) {
        for (int i = 0; i < run.results().size(); i++) {
            BenchmarkResult r = run.results().get(i);
            if (verified(r)) {
                action.accept("$.results[" + i + "]", r);
            }
        }
    }

    static boolean verified(BenchmarkResult r) {
        return r.status() == ResultStatus.OK
                && r.verification() != null
                && r.verification().passed();
    }
}
