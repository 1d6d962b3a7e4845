package org.joulebench.results.check;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.Json;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.submission.KeyRegistry;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submission.Signing;
import org.joulebench.results.submission.SubmissionsLayout;
import org.joulebench.results.system.SystemDescription;

/**
 * Checks submissions before the leaderboard shows them (in the spirit of MLPerf's submission checker).
 * Every rule is a {@link Rule}; this class decides the tree's ({@code layout}, {@code schema}, {@code manifest},
 * {@code signature}, {@code duplicate}), {@link NameRules} the names across folders, and the classes {@link
 * StandardRunRules} lists everything about a run record. See {@code results/SCHEMAS.md}.
 *
 * <p>Every file is read once, bounded, without following a link ({@link SafeFiles}); the manifest hashes,
 * the signature and the parsers all see those same bytes, and {@link CheckReport#accepted()} hands them on
 * so that what is published is exactly what was checked. Anything in the tree that is not part of a
 * submission — hidden entries, links, special files, folders that are not slugs — is reported, never
 * read through.
 */
public final class Checker {

    /** The default submissions folder, relative to the repository root. */
    public static final Path DEFAULT_ROOT = Path.of("results", "submissions");

    /** Largest signature file read, in bytes (a base64 Ed25519 signature is 89). */
    static final long MAX_SIGNATURE_BYTES = 4096;

    /** A checker's state across folders: duplicates are found across all submissions checked. */
    private final Map<String, Path> runIds = new HashMap<>();

    /** Every measurement seen, by {@link Measurements#identity}: a copy anywhere in the tree is a replay. */
    private final Map<String, Measurements.Seen> measurements = new HashMap<>();

    private final List<Problem> problems = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<NameRules.Use> names = new ArrayList<>();
    private KeyRegistry keys;
    private int files;
    private int submissions;

    /** A folder read in full: accepted at the end when nothing under it is rejected. */
    private record Pending(
            Path folder,
            String relativePath,
            SystemDescription system,
            Map<String, byte[]> files,
            List<AcceptedSubmission.Run> runs) {}

    /** The bytes of one submission folder, read once. */
    private static final class Snapshot {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        /** relative paths of every regular file seen (read or not) */
        final List<String> present = new ArrayList<>();
    }

    /** Checks every {@code <submitter>/<system>} folder under {@code root}. */
    public CheckReport check(Path root) throws IOException {
        return new Checker().walk(root, null, null, null);
    }

    /**
     * Checks the tree under {@code root} as it would be with {@code candidate} in place of {@code
     * <root>/<submitterSlug>/<systemSlug>} (what {@code submit} is about to publish): every rule across
     * folders (duplicates, look-alike names, keys) sees it. Findings about the candidate name files under
     * {@code candidate}.
     */
    public CheckReport checkCandidate(Path root, String submitterSlug, String systemSlug, Path candidate)
            throws IOException {
        return new Checker().walk(root, submitterSlug, systemSlug, candidate);
    }

    /** Full check of one system folder (as {@link #check} would), with the slugs it must have. */
    public CheckReport checkSystemFolder(Path folder, String submitterSlug, String systemSlug) throws IOException {
        Checker c = new Checker();
        c.keys = KeyRegistry.load(KeyRegistry.besides(rootOf(folder)));
        c.folder(folder, submitterSlug, systemSlug, true);
        return c.report(folder);
    }

    /** Only the manifest and signature of one {@code <root>/<submitter>/<system>} folder: are its files as submitted? */
    public CheckReport checkIntegrity(Path folder) throws IOException {
        Checker c = new Checker();
        c.keys = KeyRegistry.load(KeyRegistry.besides(rootOf(folder)));
        c.folder(folder, folder.toAbsolutePath().getParent().getFileName().toString(), null, false);
        return c.report(folder);
    }

    private static Path rootOf(Path systemFolder) {
        return systemFolder.toAbsolutePath().normalize().getParent().getParent();
    }

    private CheckReport walk(Path root, String candidateSubmitter, String candidateSystem, Path candidate)
            throws IOException {
        SafeFiles.Kind rootKind = SafeFiles.kind(root);
        if (rootKind == SafeFiles.Kind.LINK) {
            layout(
                    root,
                    "the submissions folder is a symbolic link; links are never followed",
                    "replace the link by the folder itself");
            return report(root);
        }
        if (rootKind != SafeFiles.Kind.DIRECTORY) {
            layout(
                    root,
                    rootKind == SafeFiles.Kind.MISSING
                            ? "the submissions folder does not exist"
                            : "the submissions folder is " + SafeFiles.describe(rootKind) + ", not a folder",
                    "pass the folder holding <submitter>/<system> submissions");
            return report(root);
        }
        keys = KeyRegistry.load(KeyRegistry.besides(root));
        keys.problems()
                .forEach((file, message) -> reject(
                        Rule.SIGNATURE,
                        file,
                        "$",
                        message,
                        "the key registry holds one <submitter-slug>.pem (Ed25519 public key) per submitter;"
                                + " fix or remove this entry"));
        for (Path leftover : keys.leftovers()) {
            problems.add(new Problem(
                    Severity.WARN,
                    Rule.SIGNATURE,
                    leftover,
                    "$",
                    "an interrupted key registration left this temp file behind; it is not read",
                    "the next submit removes it; or remove it by hand"));
        }
        for (SafeFiles.Entry submitter : list(root)) {
            String name = submitter.name();
            if (submitter.kind() == SafeFiles.Kind.FILE && SubmissionsLayout.isHousekeepingFile(name)) {
                continue; // git's placeholder and submit's lock: known, never published
            }
            if (!known(submitter, "<submitter-slug>")) {
                continue;
            }
            for (SafeFiles.Entry system : list(submitter.path())) {
                String sys = system.name();
                if (candidate != null && name.equals(candidateSubmitter)) {
                    if (system.path().equals(candidate) || sys.equals(candidateSystem)) {
                        continue; // the candidate stands in for it, and is checked last
                    }
                }
                if (SubmissionsLayout.isLeftover(sys)) {
                    problems.add(new Problem(
                            Severity.WARN,
                            Rule.LAYOUT,
                            system.path(),
                            "$",
                            "an interrupted submit left this folder behind; it is not published",
                            "the next submit of that system restores or removes it; or compare and remove it by hand"));
                    continue;
                }
                if (known(system, "<system-slug>")) {
                    folder(system.path(), name, sys, true);
                }
            }
        }
        if (candidate != null) {
            folder(candidate, candidateSubmitter, candidateSystem, true);
        }
        new NameRules(names, keys, problems).apply();
        return report(root);
    }

    /** Whether a tree entry is a real folder with a slug name; anything else is rejected here. */
    private boolean known(SafeFiles.Entry e, String what) {
        if (e.name().startsWith(".")) {
            layout(
                    e.path(),
                    "is a hidden entry: check does not read it and the site never publishes it",
                    "remove it (submissions live in <submitter-slug>/<system-slug> folders)");
            return false;
        }
        if (e.kind() != SafeFiles.Kind.DIRECTORY) {
            layout(
                    e.path(),
                    "is " + SafeFiles.describe(e.kind()) + ", not a " + what
                            + " folder; it is neither read nor published",
                    "remove it; submit with `joulebench submit` (links are never followed)");
            return false;
        }
        if (!DisplayNames.isSlug(e.name())) {
            layout(e.path(), "is not a " + what + " folder", "remove it; submit with `joulebench submit`");
            return false;
        }
        return true;
    }

    /** The entries of {@code dir}; a folder that cannot be listed is rejected and counts as empty. */
    private List<SafeFiles.Entry> list(Path dir) {
        try {
            return SafeFiles.list(dir);
        } catch (IOException e) {
            layout(dir, "cannot be listed: " + e.getMessage(), "make it a readable folder of submissions");
            return List.of();
        }
    }

    private CheckReport report(Path root) {
        List<AcceptedSubmission> accepted = new ArrayList<>();
        // each rejection marks the folders above its file once: linear in problems + folders, not their product
        java.util.Set<Path> rejectedPaths = new java.util.HashSet<>();
        for (Problem x : problems) {
            if (x.severity() == Severity.REJECT) {
                for (Path f = x.file(); f != null; f = f.getParent()) {
                    if (!rejectedPaths.add(f)) {
                        break;
                    }
                }
            }
        }
        for (Pending p : pending) {
            boolean rejected = rejectedPaths.contains(p.folder());
            if (!rejected) {
                accepted.add(new AcceptedSubmission(p.folder(), p.relativePath(), p.system(), p.files(), p.runs()));
            }
        }
        return new CheckReport(root, submissions, files, problems, accepted);
    }

    private void layout(Path p, String message, String fix) {
        problems.add(new Problem(Severity.REJECT, Rule.LAYOUT, p, "$", message, fix));
    }

    private void reject(Rule rule, Path file, String field, String message, String fix) {
        problems.add(new Problem(Severity.REJECT, rule, file, field, message, fix));
    }

    /** Most run files one submission holds: a system's runs, not a data dump (each file is bounded too). */
    static final int MAX_RUNS_PER_SUBMISSION = 1000;

    /** Most bytes of run files one submission holds (four run files at their size limit). */
    static final long MAX_SUBMISSION_BYTES = 4 * Json.MAX_FILE_BYTES;

    /** Whether the folder's run files are within the bounds; rejects it, unread, when they are not. */
    private boolean withinBounds(Path folder) {
        Path runsDir = folder.resolve(Manifest.RUNS_DIR);
        if (SafeFiles.kind(runsDir) != SafeFiles.Kind.DIRECTORY) {
            return true;
        }
        List<SafeFiles.Entry> runs = list(runsDir);
        long bytes = runs.stream().mapToLong(SafeFiles.Entry::sizeBytes).sum();
        if (runs.size() > MAX_RUNS_PER_SUBMISSION || bytes > MAX_SUBMISSION_BYTES) {
            layout(
                    runsDir,
                    "the submission holds " + runs.size() + " run files of " + bytes + " bytes, more than the limit of "
                            + MAX_RUNS_PER_SUBMISSION + " files or " + MAX_SUBMISSION_BYTES + " bytes; nothing of it"
                            + " was read",
                    "split it into systems, or submit fewer runs");
            return false;
        }
        return true;
    }

    private void folder(Path folder, String submitterSlug, String systemSlug, boolean content) throws IOException {
        submissions++;
        if (!withinBounds(folder)) {
            return;
        }
        Snapshot snap = snapshot(folder);
        boolean intact = integrity(folder, snap, submitterSlug);
        if (!content || !intact && !snap.files.containsKey(Manifest.SYSTEM_FILE)) {
            return;
        }
        Path systemFile = folder.resolve(Manifest.SYSTEM_FILE);
        SystemDescription system = null;
        byte[] systemBytes = snap.files.get(Manifest.SYSTEM_FILE);
        if (systemBytes != null) {
            files++;
            try {
                system = SafeJsonReader.parseSystemDescription(systemFile.toString(), systemBytes);
            } catch (InvalidJsonException e) {
                schema(systemFile, e);
            }
        } else if (!snap.present.contains(Manifest.SYSTEM_FILE)) {
            reject(Rule.LAYOUT, systemFile, "$", "system.json is missing", "submit with a system description");
        }
        if (system != null && submitterSlug != null) {
            String wantSubmitter = DisplayNames.slug(system.submitter());
            String wantSystem = DisplayNames.slug(system.systemName());
            if (!wantSubmitter.equals(submitterSlug) || !wantSystem.equals(systemSlug)) {
                reject(
                        Rule.LAYOUT,
                        systemFile,
                        "$.submitter",
                        "the folder is " + submitterSlug + "/" + systemSlug + " but system.json names " + wantSubmitter
                                + "/" + wantSystem,
                        "move the folder to " + wantSubmitter + "/" + wantSystem + " (slugs of the display names)");
            }
            names.add(new NameRules.Use(folder, systemFile, submitterSlug, system.submitter(), system.systemName()));
        }
        if (system != null) {
            DeclarationRules.check(systemFile, system, problems, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        }
        if (SafeFiles.kind(folder.resolve(Manifest.RUNS_DIR)) != SafeFiles.Kind.DIRECTORY) {
            reject(
                    Rule.LAYOUT,
                    folder.resolve(Manifest.RUNS_DIR),
                    "$",
                    "the runs folder is missing",
                    "submit at least one run record");
            return;
        }
        List<AcceptedSubmission.Run> runs = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : snap.files.entrySet()) {
            if (!f.getKey().startsWith(Manifest.RUNS_DIR + "/")) {
                continue;
            }
            Path runFile = folder.resolve(f.getKey());
            files++;
            RunRecord run;
            try {
                run = SafeJsonReader.parseRunRecord(runFile.toString(), f.getValue());
            } catch (InvalidJsonException e) {
                schema(runFile, e);
                continue;
            }
            if (!runFile.getFileName().toString().equals(run.runId() + ".json")) {
                reject(
                        Rule.LAYOUT,
                        runFile,
                        "$.runId",
                        "file name does not match runId " + run.runId(),
                        "name the file runs/" + run.runId() + ".json");
            }
            duplicates(runFile, run);
            StandardRunRules.apply(runFile, run, f.getValue(), system, problems);
            runs.add(new AcceptedSubmission.Run(runFile.getFileName().toString(), f.getValue(), run));
        }
        if (system != null) {
            Map<String, byte[]> published = new LinkedHashMap<>();
            for (String name : List.of(Manifest.SYSTEM_FILE, Manifest.FILE, Manifest.SIGNATURE_FILE)) {
                if (snap.files.containsKey(name)) {
                    published.put(name, snap.files.get(name));
                }
            }
            if (published.containsKey(Manifest.SIGNATURE_FILE) && keys.pems().containsKey(submitterSlug)) {
                published.put(Manifest.PUBLIC_KEY_FILE, keys.pems().get(submitterSlug));
            }
            pending.add(new Pending(folder, submitterSlug + "/" + systemSlug, system, published, runs));
        }
    }

    /**
     * Reads the folder's files once: {@code system.json}, {@code manifest.json}, {@code manifest.sig} and
     * {@code runs/<run-id>.json}, each bounded and never through a link. Anything else is rejected here (a
     * plain file that is not part of the layout is left to the manifest rule, which names it as not listed).
     */
    private Snapshot snapshot(Path folder) {
        Snapshot snap = new Snapshot();
        for (SafeFiles.Entry e : list(folder)) {
            String name = e.name();
            if (name.equals(Manifest.PUBLIC_KEY_FILE)) {
                reject(
                        Rule.SIGNATURE,
                        e.path(),
                        "$",
                        "a submission cannot bring its own key: the key that verifies a submitter's signatures is"
                                + " the one registered in results/keys/<submitter-slug>.pem",
                        "remove public-key.pem; register the key once as results/keys/<submitter-slug>.pem in a"
                                + " reviewed change (`joulebench submit --key K --register-key` writes it)");
                continue;
            }
            if (name.equals(Manifest.RUNS_DIR) && e.kind() == SafeFiles.Kind.DIRECTORY) {
                for (SafeFiles.Entry r : list(e.path())) {
                    String rel = Manifest.RUNS_DIR + "/" + r.name();
                    if (r.kind() == SafeFiles.Kind.FILE && rel.matches(Manifest.LISTED_PATH)) {
                        read(snap, r, rel, Json.MAX_FILE_BYTES);
                    } else {
                        unexpected(snap, r, rel);
                    }
                }
                continue;
            }
            boolean own = name.equals(Manifest.SYSTEM_FILE) || name.equals(Manifest.FILE);
            if (own && e.kind() == SafeFiles.Kind.FILE) {
                read(snap, e, name, Json.MAX_FILE_BYTES);
            } else if (name.equals(Manifest.SIGNATURE_FILE) && e.kind() == SafeFiles.Kind.FILE) {
                read(snap, e, name, MAX_SIGNATURE_BYTES);
            } else {
                unexpected(snap, e, name);
            }
        }
        return snap;
    }

    private void read(Snapshot snap, SafeFiles.Entry e, String rel, long limit) {
        snap.present.add(rel);
        try {
            snap.files.put(rel, SafeFiles.read(e.path(), limit));
        } catch (SafeFiles.TooLargeException ex) {
            reject(
                    rel.equals(Manifest.SIGNATURE_FILE) ? Rule.SIGNATURE : Rule.SCHEMA,
                    e.path(),
                    "$",
                    "the file is " + e.sizeBytes() + " bytes, larger than the limit of " + limit
                            + " bytes; it was not read",
                    "a run record that large is not a benchmark result: split it into runs");
        } catch (IOException ex) {
            reject(Rule.LAYOUT, e.path(), "$", "cannot be read: " + ex.getMessage(), "make it a readable file");
        }
    }

    private void unexpected(Snapshot snap, SafeFiles.Entry e, String rel) {
        switch (e.kind()) {
            case FILE -> snap.present.add(rel); // the manifest rule names it
            case LINK ->
                reject(
                        Rule.MANIFEST,
                        e.path(),
                        "$",
                        "is a symbolic link",
                        "replace it by the file itself (links are never followed)");
            default ->
                layout(
                        e.path(),
                        "is " + SafeFiles.describe(e.kind()) + ", which a submission folder does not hold; it is"
                                + " neither read nor published",
                        "remove it: a submission folder holds system.json, manifest.json, manifest.sig and"
                                + " runs/<run-id>.json files only");
        }
    }

    private void schema(Path file, InvalidJsonException e) {
        reject(
                Rule.SCHEMA,
                file,
                e.jsonPath(),
                e.problem(),
                "correct the field so the file validates against the schema (results/SCHEMAS.md)");
    }

    private void duplicates(Path file, RunRecord run) {
        Path other = runIds.putIfAbsent(run.runId(), file);
        if (other != null) {
            reject(
                    Rule.DUPLICATE,
                    file,
                    "$.runId",
                    "runId " + run.runId() + " is also submitted in " + other,
                    "submit each run once");
        }
        // the measurements themselves: a copy under a new runId, reordered, or with any other field re-typed is
        // still the same measurement, identified by what cannot be re-typed without re-measuring
        Map<String, String> inRecord = new HashMap<>();
        for (int i = 0; i < run.results().size(); i++) {
            String path = "$.results[" + i + "]";
            for (String id : Measurements.identities(run.results().get(i))) {
                String twin = inRecord.putIfAbsent(id, path);
                if (twin != null && !twin.equals(path)) {
                    reject(
                            Rule.DUPLICATE,
                            file,
                            path,
                            run.results().get(i).key() + ": the same measurement as " + twin + " of this record",
                            null);
                    break;
                }
                Measurements.Seen seen = measurements.putIfAbsent(id, new Measurements.Seen(file, path));
                if (seen != null && other == null && !seen.file().equals(file)) {
                    reject(
                            Rule.DUPLICATE,
                            file,
                            path,
                            run.results().get(i).key() + ": the same measurement as " + seen.path() + " in "
                                    + seen.file(),
                            null);
                    break;
                }
            }
        }
    }

    /** Manifest and signature, over the snapshot's bytes; true when both hold. */
    private boolean integrity(Path folder, Snapshot snap, String submitterSlug) {
        Path manifestFile = folder.resolve(Manifest.FILE);
        byte[] manifestBytes = snap.files.get(Manifest.FILE);
        if (manifestBytes == null) {
            if (!snap.present.contains(Manifest.FILE)) {
                reject(
                        Rule.MANIFEST,
                        manifestFile,
                        "$",
                        "manifest.json is missing",
                        "publish submissions with `joulebench submit`, which writes the manifest");
            }
            return false;
        }
        files++;
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestFile.toString(), manifestBytes);
        } catch (InvalidJsonException e) {
            reject(Rule.MANIFEST, manifestFile, e.jsonPath(), e.problem(), "resubmit; do not edit manifest.json");
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path f = folder.resolve(e.getKey());
            byte[] bytes = snap.files.get(e.getKey());
            if (bytes == null) {
                if (!snap.present.contains(e.getKey())) {
                    reject(
                            Rule.MANIFEST,
                            f,
                            "$",
                            "listed in manifest.json but missing",
                            "restore the file as submitted (git checkout) or resubmit");
                }
                ok = false;
            } else if (!DisplayNames.sha256Hex(bytes).equals(e.getValue())) {
                reject(
                        Rule.MANIFEST,
                        f,
                        "$",
                        "SHA-256 differs from manifest.json: the file was changed after it was submitted",
                        "restore the file as submitted; a changed result must be a new run");
                ok = false;
            }
        }
        for (String rel : snap.present) {
            if (!Manifest.isManifestFile(rel) && !manifest.files().containsKey(rel)) {
                reject(
                        Rule.MANIFEST,
                        folder.resolve(rel),
                        "$",
                        "not listed in manifest.json",
                        "remove it, or add it with `joulebench submit` (which rewrites the manifest)");
                ok = false;
            }
        }
        // only what the manifest lists is ever read on: drop the rest from the snapshot
        snap.files
                .keySet()
                .removeIf(rel ->
                        !Manifest.isManifestFile(rel) && !manifest.files().containsKey(rel));
        return signature(folder, snap, manifestBytes, submitterSlug) && ok;
    }

    /**
     * The signature against the submitter's registered key: a submitter with a registered key must sign; a
     * signature without a registered key, or that does not verify with it, is rejected.
     */
    private boolean signature(Path folder, Snapshot snap, byte[] manifestBytes, String submitterSlug) {
        Path sig = folder.resolve(Manifest.SIGNATURE_FILE);
        Path keyFile = KeyRegistry.keyFile(keys.dir(), String.valueOf(submitterSlug));
        byte[] signature = snap.files.get(Manifest.SIGNATURE_FILE);
        boolean registered = submitterSlug != null && keys.registered(submitterSlug);
        if (signature == null) {
            if (registered) {
                reject(
                        Rule.SIGNATURE,
                        sig,
                        "$",
                        "submitter " + submitterSlug + " has a registered key (" + keyFile
                                + "): its submissions must be signed with it, and this one is not",
                        "resubmit with --key and the private key registered for " + submitterSlug);
                return false;
            }
            return true; // unsigned submissions of submitters without a key are allowed
        }
        files++;
        if (!registered) {
            reject(
                    Rule.SIGNATURE,
                    sig,
                    "$",
                    "signed, but no key is registered for submitter " + submitterSlug + " (" + keyFile
                            + "); a submission cannot bring its own key",
                    "register the public key as " + keyFile + " in a reviewed change (`joulebench submit --key K"
                            + " --register-key` writes it), or remove manifest.sig");
            return false;
        }
        if (!keys.has(submitterSlug)) {
            reject(
                    Rule.SIGNATURE,
                    sig,
                    "$",
                    "the registered key " + keyFile + " is not usable, so the signature cannot be verified",
                    "fix " + keyFile + " (an Ed25519 public key, X.509 PEM)");
            return false;
        }
        try {
            if (!Signing.verify(keys.keys().get(submitterSlug), manifestBytes, signature)) {
                reject(
                        Rule.SIGNATURE,
                        sig,
                        "$",
                        "the signature does not verify with the registered key " + keyFile + ": manifest.json was"
                                + " changed after signing, or it was signed with another key",
                        "resubmit signed with the private key registered for " + submitterSlug);
                return false;
            }
        } catch (GeneralSecurityException e) {
            reject(
                    Rule.SIGNATURE,
                    sig,
                    "$",
                    "the signature cannot be verified: " + e.getMessage(),
                    "resubmit with --key");
            return false;
        }
        return true;
    }
}
