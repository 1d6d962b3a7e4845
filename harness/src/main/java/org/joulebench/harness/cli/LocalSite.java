package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.results.names.Printable;
import org.joulebench.site.SiteGenerator;
import org.joulebench.site.SiteInput;

/**
 * Builds the leaderboard from the submissions {@code check} accepts, the reference data, and the user's
 * own unsubmitted runs (shown as "local, unchecked").
 */
final class LocalSite {
    private LocalSite() {}

    static Path submissionsRoot() {
        return BuildInfo.home().resolve(Checker.DEFAULT_ROOT);
    }

    /** The reference data folder, or {@code null} (no reference curves) where the installation has none. */
    static Path referenceDir() {
        Path dir = BuildInfo.home().resolve("results").resolve("reference");
        return java.nio.file.Files.isDirectory(dir) ? dir : null;
    }

    static Path defaultOut() {
        return BuildInfo.home().resolve("local").resolve("site");
    }

    /**
     * Loads what the site and figures are made of, through the one gate: {@code check} over the submissions
     * folder; exactly the submissions it accepts, from the bytes it read. Each left-out folder (or stray
     * entry) is named with its first reason; none stops the build.
     */
    static SiteInput load(List<Path> localRuns, PrintWriter out) throws IOException {
        Path root = submissionsRoot();
        CheckReport report = new Checker().check(root);
        Map<Path, List<Problem>> leftOut = new LinkedHashMap<>();
        for (Problem p : report.rejections()) {
            Path folder = submissionFolder(root, p.file());
            leftOut.computeIfAbsent(folder != null ? folder : p.file(), k -> new ArrayList<>())
                    .add(p);
        }
        leftOut.forEach((where, problems) -> out.println("site: left out " + Printable.of(where.toString()) + ": "
                + Printable.of(problems.getFirst().message())
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
                + "; run ./joulebench check for the fixes"));
        return SiteInput.fromCheck(report, referenceDir(), localRuns);
    }

    static Path build(Path outDir, List<Path> localRuns, PrintWriter out) throws IOException {
        return SiteGenerator.generate(load(localRuns, out), outDir, FigureCommand.resultsCommit());
    }

    /** The {@code <submitter>/<system>} folder a problem's file lies in, or {@code null}. */
    static Path submissionFolder(Path root, Path file) {
        if (file == null) {
            return null;
        }
        Path absRoot = root.toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(absRoot)) {
            return null;
        }
        Path rel = absRoot.relativize(abs);
        return rel.getNameCount() < 2 ? null : absRoot.resolve(rel.subpath(0, 2));
    }
}
