package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.List;

/** Where the rules about one file put what they find. */
record Findings(Path file, List<Problem> out) {
    void reject(String rule, String field, String message, String fix) {
        out.add(new Problem(Severity.REJECT, rule, file, field, message, fix));
    }

    void warn(String rule, String field, String message, String fix) {
        out.add(new Problem(Severity.WARN, rule, file, field, message, fix));
    }
}
