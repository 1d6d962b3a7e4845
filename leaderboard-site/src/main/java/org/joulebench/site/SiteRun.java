package org.joulebench.site;

import org.joulebench.results.record.RunRecord;

/**
 * One run file as the site shows it.
 *
 * @param record the parsed run record
 * @param raw the bytes it was parsed from (published as the raw file: for a submission, the bytes {@code
 *     check} verified), or {@code null} for a record built in memory (then written as JSON)
 * @param fileName the name the raw copy gets
 */
public record SiteRun(RunRecord record, byte[] raw, String fileName) {}
