package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.reference.ReferenceData;
import org.joulebench.results.submission.Manifest;

/**
 * Everything the site is built from.
 *
 * @param submissions checked submissions: only what {@code check} accepted, with the bytes it verified
 *     ({@link #fromCheck})
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
     * The site's input from a check report: exactly the submissions it accepted, from the bytes it verified
     * (nothing is read from the submissions folder again), the reference CSVs, and the given local run files.
     *
     * @param referenceDir may be {@code null} (no reference curves)
     * @throws InvalidJsonException a local run file that does not validate (the message names it)
     */
    public static SiteInput fromCheck(CheckReport report, Path referenceDir, List<Path> localRunFiles) {
        List<SiteSubmission> submissions = new ArrayList<>();
        for (AcceptedSubmission a : report.accepted()) {
            List<SiteRun> runs = new ArrayList<>();
            for (AcceptedSubmission.Run r : a.runs()) {
                runs.add(new SiteRun(r.record(), r.bytes(), r.fileName()));
            }
            byte[] manifest = a.files().get(Manifest.FILE);
            submissions.add(new SiteSubmission(
                    a.system(),
                    runs,
                    manifest == null ? null : DisplayNames.sha256Hex(manifest),
                    a.relativePath(),
                    a.files()));
        }
        List<SiteRun> local = new ArrayList<>();
        for (Path f : localRunFiles == null ? List.<Path>of() : localRunFiles) {
            local.add(localRun(f));
        }
        return new SiteInput(submissions, local, loadReference(referenceDir));
    }

    /** Reads and validates a local run file once (bounded); the site publishes those bytes. */
    public static SiteRun localRun(Path file) {
        try {
            byte[] bytes = SafeJsonReader.readBounded(file);
            RunRecord record = SafeJsonReader.parseRunRecord(file.toString(), bytes);
            return new SiteRun(record, bytes, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ReferenceData loadReference(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return ReferenceData.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference data in " + dir, e);
        }
    }
}
