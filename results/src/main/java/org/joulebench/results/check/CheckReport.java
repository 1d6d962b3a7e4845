package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.names.Printable;

/**
 * The checker's findings.
 *
 * @param root what was checked
 * @param submissionsChecked system folders checked
 * @param filesChecked files read
 * @param problems every finding, in the order found (folders and files sorted)
 * @param accepted the submission folders with no REJECT, with the bytes that were checked: the only input
 *     the site, {@code figure} and the downloads may publish
 */
public record CheckReport(
        Path root,
        int submissionsChecked,
        int filesChecked,
        List<Problem> problems,
        List<AcceptedSubmission> accepted) {
    public CheckReport {
        problems = List.copyOf(problems);
        accepted = List.copyOf(accepted);
    }

    public CheckReport(Path root, int submissionsChecked, int filesChecked, List<Problem> problems) {
        this(root, submissionsChecked, filesChecked, problems, List.of());
    }

    /** The REJECTs about anything inside {@code folder} (the reasons a submission was left out). */
    public List<Problem> rejectionsUnder(Path folder) {
        return rejections().stream().filter(p -> p.file().startsWith(folder)).toList();
    }

    /** Whether anything is rejected (the CLI then exits non-zero). */
    public boolean rejected() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.REJECT);
    }

    public List<Problem> rejections() {
        return problems.stream().filter(p -> p.severity() == Severity.REJECT).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARN).toList();
    }

    /** Findings about one file. */
    public List<Problem> problemsFor(Path file) {
        return problems.stream().filter(p -> p.file().equals(file)).toList();
    }

    /** Plain text: each file, then its problems with field and fix; a summary line last. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        Map<Path, List<Problem>> byFile = new LinkedHashMap<>();
        for (Problem p : problems) {
            byFile.computeIfAbsent(p.file(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Path, List<Problem>> e : byFile.entrySet()) {
            sb.append(Printable.of(e.getKey().toString())).append('\n');
            for (Problem p : e.getValue()) {
                sb.append("  ")
                        .append(p.severity())
                        .append(" [")
                        .append(p.ruleId())
                        .append("] ")
                        .append(Printable.of(p.field()))
                        .append(": ")
                        .append(Printable.of(p.message()))
                        .append('\n');
                if (p.fix() != null) { // a rejection of a forged figure carries no advice on how to pass
                    sb.append("    fix: ").append(Printable.of(p.fix())).append('\n');
                }
            }
        }
        sb.append(String.format(
                "%d submission(s), %d file(s) checked: %d rejected, %d warning(s) -> %s%n",
                submissionsChecked,
                filesChecked,
                rejections().size(),
                warnings().size(),
                rejected() ? "REJECTED" : "OK"));
        return sb.toString();
    }
}
