package org.joulebench.results.check;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.InvalidJsonException;
import org.joulebench.results.Json;
import org.joulebench.results.Names;
import org.joulebench.results.SafeJsonReader;
import org.joulebench.results.run.RunRecord;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submission.Signing;
import org.joulebench.results.submission.SystemDescription;

/**
 * Checks submissions before the leaderboard shows them (in the spirit of MLPerf's submission checker).
 * Rules, each with its id as {@link Problem#rule()}: {@code layout}, {@code schema}, {@code manifest},
 * {@code signature}, {@code verification}, {@code energy-window}, {@code tier}, {@code plausibility},
 * {@code provenance}, {@code duplicate}. See {@code results/SCHEMAS.md}.
 */
public final class Checker {

    /** The default submissions folder, relative to the repository root. */
    public static final Path DEFAULT_ROOT = Path.of("results", "submissions");

    /** A checker's state across folders: duplicates are found across all submissions checked. */
    private final Map<String, Path> runIds = new HashMap<>();

    private final Map<String, Path> contents = new HashMap<>();
    private final Map<String, Path> submitterKeys = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int files;
    private int submissions;

    /** Checks every {@code <submitter>/<system>} folder under {@code root}. */
    public CheckReport check(Path root) throws IOException {
        Checker c = new Checker();
        if (!Files.isDirectory(root)) {
            c.problems.add(new Problem(
                    Severity.REJECT,
                    "layout",
                    root,
                    "$",
                    "the submissions folder does not exist",
                    "pass the folder holding <submitter>/<system> submissions"));
            return c.report(root);
        }
        for (Path submitter : sorted(root)) {
            String name = submitter.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!Files.isDirectory(submitter, LinkOption.NOFOLLOW_LINKS) || !Names.isSlug(name)) {
                c.layout(submitter, "is not a <submitter-slug> folder", "remove it; submit with `joulebench submit`");
                continue;
            }
            for (Path system : sorted(submitter)) {
                String sys = system.getFileName().toString();
                if (sys.startsWith(".")) {
                    c.problems.add(new Problem(
                            Severity.WARN,
                            "layout",
                            system,
                            "$",
                            "an interrupted submit left this folder behind",
                            "the next submit of that system restores or removes it; or compare and remove it by hand"));
                    continue;
                }
                if (!Files.isDirectory(system, LinkOption.NOFOLLOW_LINKS) || !Names.isSlug(sys)) {
                    c.layout(system, "is not a <system-slug> folder", "remove it; submit with `joulebench submit`");
                    continue;
                }
                c.folder(system, name, sys, true);
            }
        }
        return c.report(root);
    }

    /** Full check of one system folder (as {@link #check} would), with the slugs it must have. */
    public CheckReport checkSystemFolder(Path folder, String submitterSlug, String systemSlug) throws IOException {
        Checker c = new Checker();
        c.folder(folder, submitterSlug, systemSlug, true);
        return c.report(folder);
    }

    /** Only the manifest and signature of one folder: are its files as submitted? */
    public CheckReport checkIntegrity(Path folder) throws IOException {
        Checker c = new Checker();
        c.folder(folder, null, null, false);
        return c.report(folder);
    }

    private CheckReport report(Path root) {
        return new CheckReport(root, submissions, files, problems);
    }

    private void layout(Path p, String message, String fix) {
        problems.add(new Problem(Severity.REJECT, "layout", p, "$", message, fix));
    }

    private void reject(String rule, Path file, String field, String message, String fix) {
        problems.add(new Problem(Severity.REJECT, rule, file, field, message, fix));
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private void folder(Path folder, String submitterSlug, String systemSlug, boolean content) throws IOException {
        submissions++;
        boolean intact = integrity(folder, submitterSlug);
        if (!content || !intact && !Files.exists(folder.resolve(Manifest.SYSTEM_FILE))) {
            return;
        }
        Path systemFile = folder.resolve(Manifest.SYSTEM_FILE);
        SystemDescription system = null;
        if (Files.isRegularFile(systemFile, LinkOption.NOFOLLOW_LINKS)) {
            files++;
            try {
                system = SafeJsonReader.readSystemDescription(systemFile);
            } catch (InvalidJsonException e) {
                schema(systemFile, e);
            }
        } else {
            reject("layout", systemFile, "$", "system.json is missing", "submit with a system description");
        }
        if (system != null && submitterSlug != null) {
            String wantSubmitter = Names.slug(system.submitter());
            String wantSystem = Names.slug(system.systemName());
            if (!wantSubmitter.equals(submitterSlug) || !wantSystem.equals(systemSlug)) {
                reject(
                        "layout",
                        systemFile,
                        "$.submitter",
                        "the folder is " + submitterSlug + "/" + systemSlug + " but system.json names " + wantSubmitter
                                + "/" + wantSystem,
                        "move the folder to " + wantSubmitter + "/" + wantSystem + " (slugs of the display names)");
            }
        }
        Path runsDir = folder.resolve(Manifest.RUNS_DIR);
        if (!Files.isDirectory(runsDir, LinkOption.NOFOLLOW_LINKS)) {
            reject("layout", runsDir, "$", "the runs folder is missing", "submit at least one run record");
            return;
        }
        for (Path runFile : sorted(runsDir)) {
            if (!Files.isRegularFile(runFile, LinkOption.NOFOLLOW_LINKS)) {
                continue; // reported by the manifest rule
            }
            files++;
            RunRecord run;
            try {
                run = SafeJsonReader.readRunRecord(runFile);
            } catch (InvalidJsonException e) {
                schema(runFile, e);
                continue;
            }
            if (!runFile.getFileName().toString().equals(run.runId() + ".json")) {
                reject(
                        "layout",
                        runFile,
                        "$.runId",
                        "file name does not match runId " + run.runId(),
                        "name the file runs/" + run.runId() + ".json");
            }
            duplicates(runFile, run);
            new ResultRules(runFile, run, system, problems).apply();
            new RawReadingRules(runFile, run, problems).apply();
        }
    }

    private void schema(Path file, InvalidJsonException e) {
        reject(
                "schema",
                file,
                e.jsonPath(),
                e.problem(),
                "correct the field so the file validates against the schema (results/SCHEMAS.md)");
    }

    private void duplicates(Path file, RunRecord run) {
        Path other = runIds.putIfAbsent(run.runId(), file);
        if (other != null) {
            reject(
                    "duplicate",
                    file,
                    "$.runId",
                    "runId " + run.runId() + " is also submitted in " + other,
                    "submit each run once");
        }
        // the measurements themselves: a copy with a new runId or dates is still the same run
        String fingerprint = Names.sha256Hex(Json.toBytes(List.of(run.environment(), run.results())));
        Path same = contents.putIfAbsent(fingerprint, file);
        if (same != null && other == null) {
            reject(
                    "duplicate",
                    file,
                    "$.results",
                    "the results are identical to those in " + same,
                    "submit each measurement once; remove the copy");
        }
    }

    /** Manifest and signature; true when both hold. */
    private boolean integrity(Path folder, String submitterSlug) throws IOException {
        Path manifestFile = folder.resolve(Manifest.FILE);
        List<String> present = Manifest.listFiles(folder);
        for (String rel : present) {
            if (Files.isSymbolicLink(folder.resolve(rel))) {
                reject(
                        "manifest",
                        folder.resolve(rel),
                        "$",
                        "is a symbolic link",
                        "replace it by the file itself (links are never followed)");
            }
        }
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            reject(
                    "manifest",
                    manifestFile,
                    "$",
                    "manifest.json is missing",
                    "publish submissions with `joulebench submit`, which writes the manifest");
            return false;
        }
        files++;
        byte[] manifestBytes = SafeJsonReader.readBounded(manifestFile);
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestFile.toString(), manifestBytes);
        } catch (InvalidJsonException e) {
            reject("manifest", manifestFile, e.jsonPath(), e.problem(), "resubmit; do not edit manifest.json");
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path f = folder.resolve(e.getKey());
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                reject(
                        "manifest",
                        f,
                        "$",
                        "listed in manifest.json but missing",
                        "restore the file as submitted (git checkout) or resubmit");
                ok = false;
            } else if (!Names.sha256Hex(Files.readAllBytes(f)).equals(e.getValue())) {
                reject(
                        "manifest",
                        f,
                        "$",
                        "SHA-256 differs from manifest.json: the file was changed after it was submitted",
                        "restore the file as submitted; a changed result must be a new run");
                ok = false;
            }
        }
        for (String rel : present) {
            if (!Manifest.isManifestFile(rel) && !manifest.files().containsKey(rel)) {
                reject(
                        "manifest",
                        folder.resolve(rel),
                        "$",
                        "not listed in manifest.json",
                        "remove it, or add it with `joulebench submit` (which rewrites the manifest)");
                ok = false;
            }
        }
        return signature(folder, manifestBytes, submitterSlug) && ok;
    }

    private boolean signature(Path folder, byte[] manifestBytes, String submitterSlug) throws IOException {
        Path sig = folder.resolve(Manifest.SIGNATURE_FILE);
        Path key = folder.resolve(Manifest.PUBLIC_KEY_FILE);
        boolean hasSig = Files.isRegularFile(sig, LinkOption.NOFOLLOW_LINKS);
        boolean hasKey = Files.isRegularFile(key, LinkOption.NOFOLLOW_LINKS);
        if (!hasSig && !hasKey) {
            return true; // unsigned submissions are allowed
        }
        if (hasSig != hasKey) {
            Path missing = hasSig ? key : sig;
            reject(
                    "signature",
                    missing,
                    "$",
                    "manifest.sig and public-key.pem must come together; " + missing.getFileName() + " is missing",
                    "resubmit with --key, or remove both files for an unsigned submission");
            return false;
        }
        files += 2;
        byte[] pem = Files.readAllBytes(key);
        try {
            PublicKey publicKey = Signing.parsePublicKey(key.toString(), pem);
            if (!Signing.verify(publicKey, manifestBytes, Files.readAllBytes(sig))) {
                reject(
                        "signature",
                        sig,
                        "$",
                        "the signature does not verify with public-key.pem: manifest.json was changed after"
                                + " signing, or it was signed with another key",
                        "resubmit signed with the private key matching public-key.pem");
                return false;
            }
        } catch (GeneralSecurityException e) {
            reject(
                    "signature",
                    key,
                    "$",
                    "not an Ed25519 public key: " + e.getMessage(),
                    "write the submitter's Ed25519 public key (X.509 PEM)");
            return false;
        }
        if (submitterSlug != null) {
            Path first = submitterKeys.putIfAbsent(submitterSlug, key);
            if (first != null && !Arrays.equals(Files.readAllBytes(first), pem)) {
                problems.add(new Problem(
                        Severity.WARN,
                        "signature",
                        key,
                        "$",
                        "this submitter signs with a different key than in " + first,
                        "sign all of a submitter's systems with one key, or explain the key change"));
            }
        }
        return true;
    }
}
