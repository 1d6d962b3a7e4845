package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.joulebench.results.Json;
import org.joulebench.results.reference.ReferenceData;
import org.joulebench.results.run.RunRecord;
import org.joulebench.results.submission.SystemDescription;

/**
 * Everything the site is built from.
 *
 * @param submissions checked submissions (the caller runs {@code check} first: only accepted ones belong
 *     here)
 * @param localRuns the user's own runs not submitted: shown marked "local, unchecked"
 * @param reference datasheet and history figures (context, not measurements)
 */
public record SiteInput(List<SiteSubmission> submissions, List<SiteRun> localRuns, ReferenceData reference) {
    public SiteInput {
        submissions = List.copyOf(submissions);
        localRuns = List.copyOf(localRuns);
        reference = reference == null ? new ReferenceData(List.of(), List.of(), List.of()) : reference;
    }

    /**
     * Reads {@code <submissionsRoot>/<submitter>/<system>/{system.json,runs/*.json,manifest.json}} (see
     * results/SUBMISSIONS.md), the reference CSVs and the given local run files. A file that does not
     * parse is an error naming the file.
     *
     * @param submissionsRoot may be {@code null} or absent (no submissions)
     * @param referenceDir may be {@code null} (no reference curves)
     */
    public static SiteInput load(Path submissionsRoot, Path referenceDir, List<Path> localRunFiles) {
        List<SiteSubmission> submissions = new ArrayList<>();
        if (submissionsRoot != null && Files.isDirectory(submissionsRoot)) {
            for (Path submitter : list(submissionsRoot)) {
                if (!Files.isDirectory(submitter)) {
                    continue;
                }
                for (Path system : list(submitter)) {
                    if (Files.isRegularFile(system.resolve("system.json"))) {
                        submissions.add(loadSubmission(submissionsRoot, system));
                    }
                }
            }
        }
        List<SiteRun> local = new ArrayList<>();
        for (Path f : localRunFiles == null ? List.<Path>of() : localRunFiles) {
            local.add(new SiteRun(readRun(f), f, f.getFileName().toString()));
        }
        return new SiteInput(submissions, local, loadReference(referenceDir));
    }

    private static ReferenceData loadReference(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return ReferenceData.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference data in " + dir, e);
        }
    }

    static SiteSubmission loadSubmission(Path root, Path folder) {
        SystemDescription system;
        try {
            system = Json.readSystemDescription(folder.resolve("system.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve("system.json"), e);
        }
        List<SiteRun> runs = new ArrayList<>();
        Path runsDir = folder.resolve("runs");
        if (Files.isDirectory(runsDir)) {
            for (Path f : list(runsDir)) {
                if (f.getFileName().toString().endsWith(".json")) {
                    runs.add(new SiteRun(readRun(f), f, f.getFileName().toString()));
                }
            }
        }
        Path manifest = folder.resolve("manifest.json");
        String sha = Files.isRegularFile(manifest) ? sha256(manifest) : null;
        String rel = root.relativize(folder).toString().replace('\\', '/');
        return new SiteSubmission(system, runs, sha, rel, folder);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Reads and validates a run record (schema and bounds): a bad file is an error naming it. */
    private static RunRecord readRun(Path file) {
        try {
            return Json.readRunRecord(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
