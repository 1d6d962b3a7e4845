package org.joulebench.site;

import java.util.List;
import org.joulebench.results.submission.SystemDescription;

/**
 * One checked submission folder.
 *
 * @param system its {@code system.json}
 * @param runs its {@code runs/*.json}
 * @param manifestSha256 SHA-256 (hex) of its {@code manifest.json} bytes, {@code null} when it has none
 * @param relativePath {@code <submitter-slug>/<system-slug>} under the submissions root
 * @param folder the submission folder (system.json, manifest.json and signature are copied from here), or
 *     {@code null} for submissions built in memory
 */
public record SiteSubmission(
        SystemDescription system,
        List<SiteRun> runs,
        String manifestSha256,
        String relativePath,
        java.nio.file.Path folder) {
    public SiteSubmission {
        runs = List.copyOf(runs);
    }
}
