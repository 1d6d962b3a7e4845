package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;

/**
 * A submission folder that {@code check} accepted (no REJECT about anything in it), with the bytes it
 * verified: what the site, {@code figure} and the downloads publish, never read again from disk. The byte
 * arrays are the checker's own; do not modify them.
 *
 * @param folder where it was read
 * @param relativePath {@code <submitter-slug>/<system-slug>}
 * @param system its parsed {@code system.json}
 * @param files the folder's own files by name, as read: {@code system.json}, {@code manifest.json}, and
 *     {@code manifest.sig} when signed; a signed submission also carries its submitter's registered key as
 *     {@code public-key.pem} (read from the key registry)
 * @param runs its runs, sorted by file name
 */
public record AcceptedSubmission(
        Path folder, String relativePath, SystemDescription system, Map<String, byte[]> files, List<Run> runs) {

    public AcceptedSubmission {
        files = Map.copyOf(files);
        runs = List.copyOf(runs);
    }

    /**
     * One accepted run file.
     *
     * @param fileName its name under {@code runs/}
     * @param bytes its bytes as verified against the manifest
     * @param record those bytes parsed
     */
    public record Run(String fileName, byte[] bytes, RunRecord record) {}
}
