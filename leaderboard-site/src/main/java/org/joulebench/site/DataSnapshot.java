package org.joulebench.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The data a figure or a site was made from, as a reader can cite and fetch it: the SHA-256 over the exact bytes
 * {@code check} accepted (every file of every accepted submission, in path order, each as its path, its length
 * and its bytes), how many submissions, the date of the newest accepted run (UTC; never the clock), the
 * joulebench version and the git commit of the results. The same accepted bytes give the same snapshot.
 *
 * @param sha256 hex SHA-256 of the accepted bytes, framed as {@link #files} lists them
 * @param submissions number of accepted submissions
 * @param date newest accepted run's end, UTC date (ISO), or {@code "undated"} with none
 * @param joulebenchVersion the site generator's version
 * @param resultsCommit git commit of the results folder, or {@code "not recorded"}
 */
public record DataSnapshot(
        String sha256, int submissions, String date, String joulebenchVersion, String resultsCommit) {

    /** Folder names inside a snapshot archive. */
    public static final String ARCHIVE_ROOT = "submissions";

    /** The archive's name on the site's downloads page (its hash is in CITATION.cff beside it). */
    public static final String ARCHIVE_NAME = "joulebench-snapshot.zip";

    public static DataSnapshot of(List<SiteSubmission> accepted, String resultsCommit) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (var f : files(accepted).entrySet()) {
            byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
            sha.update(name);
            sha.update((byte) 0);
            sha.update(Long.toString(f.getValue().length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(f.getValue());
        }
        Instant newest = accepted.stream()
                .flatMap(s -> s.runs().stream())
                .map(r -> r.record().endedAt() != null
                        ? r.record().endedAt()
                        : r.record().startedAt())
                .filter(i -> i != null)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return new DataSnapshot(
                HexFormat.of().formatHex(sha.digest()),
                accepted.size(),
                newest == null
                        ? "undated"
                        : newest.atZone(ZoneOffset.UTC).toLocalDate().toString(),
                SiteGenerator.version(),
                resultsCommit == null || resultsCommit.isBlank() ? "not recorded" : resultsCommit);
    }

    /** Every accepted file under its archive path ({@code submissions/<submitter>/<system>/...}), in path order. */
    static Map<String, byte[]> files(List<SiteSubmission> accepted) {
        Map<String, byte[]> out = new TreeMap<>();
        for (SiteSubmission s : accepted) {
            String dir = ARCHIVE_ROOT + "/" + s.relativePath() + "/";
            s.files().forEach((name, bytes) -> out.put(dir + name, bytes));
            for (SiteRun r : s.runs()) {
                out.put(dir + "runs/" + r.fileName(), r.raw() != null ? r.raw() : json(r));
            }
        }
        return out;
    }

    /** A record built in memory (tests, no raw bytes) as the site would publish it. */
    private static byte[] json(SiteRun r) {
        try {
            return SiteJson.MAPPER.writeValueAsBytes(r.record());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serialise run " + r.fileName(), e);
        }
    }

    public String shortHash() {
        return sha256.substring(0, 12);
    }

    /** The archive's description of the snapshot (its first entry): what a rebuild cites. */
    public static final String ARCHIVE_INFO = "snapshot.json";

    /**
     * The archive the site offers for download: {@value #ARCHIVE_INFO} (this snapshot) and the accepted files, with
     * fixed entry times, so its bytes are stable.
     */
    public byte[] archive(List<SiteSubmission> accepted) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try {
            entries.put(
                    ARCHIVE_INFO,
                    SiteJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot describe the snapshot", e);
        }
        entries.putAll(files(accepted));
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            for (var f : entries.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setTime(315532800000L); // 1980-01-01: zip's earliest time, not the clock
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    public String archiveName() {
        return ARCHIVE_NAME;
    }

    /** A one-line citation. */
    public String citeLine() {
        return "joulebench leaderboard data, snapshot " + date + " (" + submissions + " accepted submission"
                + (submissions == 1 ? "" : "s") + ", SHA-256 "
                + sha256 + "; joulebench " + joulebenchVersion + "; results commit " + resultsCommit + ")";
    }

    /** CITATION.cff (Citation File Format 1.2.0) for this data snapshot. */
    public String citationCff() {
        return "cff-version: 1.2.0\n"
                + "message: \"If you use these data, cite this snapshot; rebuild its figures with"
                + " `joulebench figure --snapshot " + sha256 + "`.\"\n"
                + "type: dataset\n"
                + "title: \"joulebench leaderboard data snapshot " + shortHash() + "\"\n"
                + "authors:\n  - name: \"joulebench contributors\"\n"
                + "version: \"" + joulebenchVersion + "\"\n"
                + "commit: \"" + resultsCommit + "\"\n"
                + "date-released: " + (date.equals("undated") ? "\"undated\"" : date) + "\n"
                + "identifiers:\n"
                + "  - type: other\n    value: \"sha256:" + sha256 + "\"\n"
                + "    description: \"SHA-256 over the accepted submission bytes (" + submissions + " submissions)\"\n"
                + "abstract: \"" + submissions + " accepted joulebench submission" + (submissions == 1 ? "" : "s")
                + ": energy per operation of AI kernels, each figure naming its source (hardware counter, external"
                + " meter, or a labelled ESTIMATE), each result verified against its reference before it was timed.\"\n";
    }

    /** A BibTeX {@code @misc} entry for this snapshot. */
    public String bibtex() {
        String year = date.length() >= 4 && !date.equals("undated") ? date.substring(0, 4) : "n.d.";
        return "@misc{joulebench-" + shortHash() + ",\n"
                + "  title        = {joulebench leaderboard data, snapshot " + shortHash() + "},\n"
                + "  author       = {{joulebench contributors}},\n"
                + "  year         = {" + year + "},\n"
                + "  date         = {" + date + "},\n"
                + "  version      = {" + joulebenchVersion + "},\n"
                + "  note         = {" + submissions + " accepted submissions; SHA-256 " + sha256
                + "; results commit " + resultsCommit + "},\n"
                + "  howpublished = {joulebench data snapshot archive " + archiveName()
                + ", SHA-256 of its accepted bytes "
                + sha256 + "}\n"
                + "}\n";
    }
}
