package org.joulebench.site;

import java.util.List;
import java.util.Map;
import org.joulebench.results.system.SystemDescription;

/**
 * One checked submission folder.
 *
 * @param system its {@code system.json}
 * @param runs its {@code runs/*.json}
 * @param manifestSha256 SHA-256 (hex) of its {@code manifest.json} bytes, {@code null} when it has none
 * @param relativePath {@code <submitter-slug>/<system-slug>} under the submissions root
 * @param files the folder's own files to publish beside the runs ({@code system.json}, {@code manifest.json},
 *     {@code manifest.sig}, the registered {@code public-key.pem}), as {@code check} read them; empty for
 *     submissions built in memory
 */
public record SiteSubmission(
        SystemDescription system,
        List<SiteRun> runs,
        String manifestSha256,
        String relativePath,
        Map<String, byte[]> files) {
    public SiteSubmission {
        runs = List.copyOf(runs);
        files = files == null ? Map.of() : Map.copyOf(files);
    }
}
