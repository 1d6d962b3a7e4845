package org.joulebench.site;

import java.nio.file.Path;
import org.joulebench.results.run.RunRecord;

/**
 * One run file as the site shows it.
 *
 * @param record the parsed run record
 * @param sourceFile where it was read from (copied into the site as the raw file)
 * @param fileName the name the raw copy gets
 */
public record SiteRun(RunRecord record, Path sourceFile, String fileName) {}
