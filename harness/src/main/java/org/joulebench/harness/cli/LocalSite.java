package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.site.SiteGenerator;
import org.joulebench.site.SiteInput;
import org.joulebench.site.SiteSubmission;

/**
 * Builds the leaderboard from the submissions {@code check} accepts, the reference data, and the user's
 * own unsubmitted runs (shown as "local, unchecked").
 */
final class LocalSite {
    private LocalSite() {}

    static Path submissionsRoot() {
        return BuildInfo.home().resolve(Checker.DEFAULT_ROOT);
    }

    static Path referenceDir() {
        return BuildInfo.home().resolve("results").resolve("reference");
    }

    static Path defaultOut() {
        return BuildInfo.home().resolve("local").resolve("site");
    }

    /** Loads what the site and figures are made of: only accepted submissions pass. */
    static SiteInput load(List<Path> localRuns, PrintWriter out) throws IOException {
        Path root = submissionsRoot();
        CheckReport report = new Checker().check(root);
        Set<Path> rejected = new HashSet<>();
        for (Problem p : report.rejections()) {
            Path folder = submissionFolder(root, p.file());
            if (folder != null) {
                rejected.add(folder);
            }
        }
        SiteInput all = SiteInput.load(root, referenceDir(), localRuns);
        List<SiteSubmission> accepted = all.submissions().stream()
                .filter(s -> !rejected.contains(s.folder().toAbsolutePath().normalize()))
                .toList();
        for (Path r : rejected) {
            out.println("site: left out " + r + ": rejected by check (run ./joulebench check to see why)");
        }
        return new SiteInput(accepted, all.localRuns(), all.reference());
    }

    static Path build(Path outDir, List<Path> localRuns, PrintWriter out) throws IOException {
        return SiteGenerator.generate(load(localRuns, out), outDir);
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
