package org.joulebench.results.submit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.results.check.Severity;
import org.joulebench.results.files.SafeFiles;
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
 * Publishes run records under a system into {@code <root>/<submitter-slug>/<system-slug>/}.
 *
 * <p>Atomic: the complete new folder (old runs + new runs + manifest + signature) is built in a hidden
 * temp folder beside the target, checked together with the rest of the tree (so a run already under another
 * system or a look-alike name is refused here, not found later by {@code check}), then renamed into place.
 * For a first submit that is one rename. When the system folder exists, the old folder is renamed aside, the
 * new one renamed in, and the old one removed only after that (every old file is in the new folder, byte
 * for byte); if the second rename fails the old folder is renamed back. An existing run or a changed
 * system.json is never overwritten: such a submit is refused.
 *
 * <p>Submits to one submissions folder are serialised by {@link SubmitLock} (an OS lock, released when the
 * process ends however it ends). A crash at any point leaves a state the next submit repairs before doing
 * anything else: an {@code .old-*} folder without its system folder is renamed back, one whose files are all
 * in the system folder is removed, {@code .tmp-*} folders and key-registration temp files are removed.
 *
 * <p>Nothing is written through a symbolic link: a submissions, submitter or system folder that is a link is
 * refused (its target could be anywhere).
 */
public final class Submitter {

    /** How long a submit waits for another one to finish. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    /** Points where a test can make the submit fail. */
    public enum Stage {
        /** system.json and runs written into the temp folder. */
        FILES_WRITTEN,
        /** manifest (and signature) written into the temp folder. */
        MANIFEST_WRITTEN,
        /** just before the temp folder is renamed into place. */
        BEFORE_SWAP,
        /** an existing folder has been renamed aside; the new one is not yet in place. */
        OLD_MOVED_ASIDE,
        /** the new folder is in place; the old one, renamed aside, is not yet removed. */
        NEW_IN_PLACE
    }

    /** Called at each {@link Stage}; throwing aborts the submit there. */
    @FunctionalInterface
    public interface FailureInjector {
        FailureInjector NONE = stage -> {};

        void at(Stage stage) throws IOException;
    }

    private final FailureInjector failures;
    private final boolean refuseRejected;
    private final Duration lockWait;

    /** A submitter that refuses submissions the {@link Checker} rejects. */
    public Submitter() {
        this(FailureInjector.NONE, true);
    }

    /**
     * @param failures test hook ({@link FailureInjector#NONE} in production)
     * @param refuseRejected whether to run the checker on the built folder and refuse on REJECT
     */
    public Submitter(FailureInjector failures, boolean refuseRejected) {
        this(failures, refuseRejected, LOCK_WAIT);
    }

    /**
     * @param lockWait how long to wait for another submit to the same submissions folder to finish
     */
    public Submitter(FailureInjector failures, boolean refuseRejected, Duration lockWait) {
        this.failures = failures;
        this.refuseRejected = refuseRejected;
        this.lockWait = lockWait;
    }

    /**
     * Validates and publishes.
     *
     * @throws org.joulebench.results.json.InvalidJsonException an input file is malformed (message names file
     *     and field)
     * @throws SubmissionException the submit is refused (duplicate run, changed system, checker REJECT,
     *     wrong or unregistered key, a link in the way, another submit holding the lock); nothing was changed
     * @throws IOException reading or writing failed; nothing was changed
     */
    public SubmitResult submit(SubmitRequest request) throws IOException {
        SystemDescription system = Json.readSystemDescription(request.systemDescription());
        byte[] systemBytes = Json.toBytes(system);
        List<RunRecord> runs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path p : request.runRecords()) {
            RunRecord r = Json.readRunRecord(p);
            if (r.schemaVersion() != RunRecord.CURRENT_SCHEMA_VERSION) {
                throw new SubmissionException(p + " is a schema-version-" + r.schemaVersion() + " record: submit takes"
                        + " version " + RunRecord.CURRENT_SCHEMA_VERSION
                        + " (with raw sensor readings and per-fork batch data); rerun with"
                        + " this joulebench");
            }
            if (r.unfinished() != null) {
                throw new SubmissionException(p + ": run " + r.runId() + " did not finish (it holds "
                        + r.results().size()
                        + " of " + r.unfinished().plannedResults() + " planned results); submit takes only a finished"
                        + " run's record");
            }
            if (!ids.add(r.runId())) {
                throw new SubmissionException("run " + r.runId() + " is given twice (" + p + ")");
            }
            runs.add(r);
        }
        PrivateKey key = null;
        PublicKey publicKey = null;
        if (request.privateKeyPem() != null) {
            try {
                key = Signing.readPrivateKey(request.privateKeyPem());
                publicKey = Signing.publicKeyOf(key);
            } catch (GeneralSecurityException e) {
                throw new SubmissionException(
                        request.privateKeyPem() + ": not an Ed25519 PKCS#8 private key: " + e.getMessage(), null, e);
            }
        }

        String submitterSlug = DisplayNames.slug(system.submitter());
        String systemSlug = DisplayNames.slug(system.systemName());
        Path root = request.submissionsRoot();
        realFolder(root, "the submissions folder");
        Files.createDirectories(root);
        try (SubmitLock lock = SubmitLock.acquire(root, lockWait)) {
            Path submitterDir = root.resolve(submitterSlug);
            realFolder(submitterDir, "the submitter folder");
            boolean newSubmitter = SafeFiles.kind(submitterDir) == SafeFiles.Kind.MISSING;
            Files.createDirectories(submitterDir);
            boolean published = false;
            try {
                SubmitResult result = publish(
                        request, systemBytes, runs, key, publicKey, root, submitterDir, submitterSlug, systemSlug);
                published = true;
                return result;
            } finally {
                if (newSubmitter && !published) {
                    removeIfEmpty(submitterDir); // a refused first submit of a submitter leaves no folder of it
                }
            }
        }
    }

    /** The part of {@link #submit} under the lock, in the (existing or just created) submitter folder. */
    private SubmitResult publish(
            SubmitRequest request,
            byte[] systemBytes,
            List<RunRecord> runs,
            PrivateKey key,
            PublicKey publicKey,
            Path root,
            Path submitterDir,
            String submitterSlug,
            String systemSlug)
            throws IOException {
        Path target = submitterDir.resolve(systemSlug);
        realFolder(target, "the system folder");
        if (!submitterDir.toRealPath().startsWith(root.toRealPath())) {
            throw new SubmissionException(submitterDir + " resolves outside " + root + "; nothing was written");
        }
        Path keysDir = KeyRegistry.besides(root);
        recoverInterrupted(submitterDir, systemSlug);
        removeKeyLeftovers(keysDir);
        Path registered = registration(request, keysDir, submitterSlug, publicKey);
        if (registered != null) {
            unsignedSiblings(submitterDir, systemSlug, keysDir);
        }
        Path tmp = Files.createTempDirectory(submitterDir, SubmissionsLayout.tempPrefix(systemSlug));
        boolean done = false;
        try {
            List<String> kept = new ArrayList<>();
            boolean exists = Files.isDirectory(target);
            if (exists) {
                kept = copyExisting(target, tmp, systemBytes, runs);
            }
            Files.write(tmp.resolve(Manifest.SYSTEM_FILE), systemBytes);
            Path runsDir = Files.createDirectories(tmp.resolve(Manifest.RUNS_DIR));
            for (RunRecord r : runs) {
                Files.write(runsDir.resolve(r.runId() + ".json"), Json.toBytes(r));
            }
            failures.at(Stage.FILES_WRITTEN);
            byte[] manifest = Manifest.of(tmp).toBytes();
            Files.write(tmp.resolve(Manifest.FILE), manifest);
            if (key != null) {
                try {
                    Files.write(tmp.resolve(Manifest.SIGNATURE_FILE), Signing.sign(key, manifest));
                } catch (GeneralSecurityException e) {
                    throw new SubmissionException("signing failed: " + e.getMessage(), null, e);
                }
            }
            if (registered != null) {
                Json.writeAtomically(registered, Signing.publicKeyPem(publicKey));
            }
            failures.at(Stage.MANIFEST_WRITTEN);
            if (refuseRejected) {
                refuseWhatCheckRejects(root, submitterSlug, systemSlug, tmp);
            }
            failures.at(Stage.BEFORE_SWAP);
            if (exists) {
                swap(tmp, target, submitterDir, systemSlug);
            } else {
                move(tmp, target);
            }
            done = true;
            List<String> added = runs.stream().map(RunRecord::runId).toList();
            return new SubmitResult(target, added, kept, key != null, registered);
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
            if (!done && registered != null) {
                Files.deleteIfExists(registered); // a registration that published nothing is undone
            }
        }
    }

    /** Removes a folder that holds nothing; one that holds anything (another submit's work) stays as it is. */
    private static void removeIfEmpty(Path folder) throws IOException {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            // not ours to remove
        }
    }

    /** Refuses a path that exists but is not a real folder (a link could point anywhere). */
    private static void realFolder(Path p, String what) {
        SafeFiles.Kind kind = SafeFiles.kind(p);
        if (kind != SafeFiles.Kind.DIRECTORY && kind != SafeFiles.Kind.MISSING) {
            throw new SubmissionException(what + " " + p + " is " + SafeFiles.describe(kind)
                    + "; submit writes only into real folders (a link could resolve outside the submissions"
                    + " folder): replace it by a folder, or remove it");
        }
    }

    /**
     * The key rules of a submit, before anything is written: a submitter with a registered key signs with it;
     * one without a key signs only when registering one ({@code registerKey}). Returns the key file to write,
     * else {@code null}.
     */
    private static Path registration(SubmitRequest request, Path keysDir, String submitterSlug, PublicKey publicKey)
            throws IOException {
        KeyRegistry keys = KeyRegistry.load(keysDir);
        Path keyFile = KeyRegistry.keyFile(keysDir, submitterSlug);
        if (keys.registered(submitterSlug)) {
            if (!keys.has(submitterSlug)) {
                throw new SubmissionException("the registered key " + keyFile + " of submitter " + submitterSlug
                        + " is not usable (" + keys.problems().get(keyFile) + "); fix it first");
            }
            if (publicKey == null) {
                throw new SubmissionException("submitter " + submitterSlug + " has a registered key (" + keyFile
                        + "): every submission of it must be signed with that key; add --key with its private key");
            }
            if (!keys.keys().get(submitterSlug).equals(publicKey)) {
                throw new SubmissionException("--key " + request.privateKeyPem() + " is not the key registered for"
                        + " submitter " + submitterSlug + " (" + keyFile + "); sign with the registered key (a key"
                        + " change is a reviewed edit of " + keyFile + ")");
            }
            return null;
        }
        if (publicKey != null && !request.registerKey()) {
            throw new SubmissionException("submitter " + submitterSlug + " has no registered key, and a submission"
                    + " cannot bring its own: add --register-key to register this key as " + keyFile
                    + " (commit that file with the submission; reviewers see the registration), or submit unsigned"
                    + " without --key");
        }
        if (request.registerKey() && publicKey != null) {
            for (var e : keys.keys().entrySet()) {
                if (e.getValue().equals(publicKey)) {
                    throw new SubmissionException("this key is already registered for submitter " + e.getKey()
                            + "; one key, one submitter: nothing was written");
                }
            }
        }
        return request.registerKey() ? keyFile : null;
    }

    /**
     * Refuses to register a key while other systems of the submitter are unsigned: with a key, every
     * submission of the submitter must be signed, so they would be rejected.
     */
    private static void unsignedSiblings(Path submitterDir, String systemSlug, Path keysDir) throws IOException {
        List<String> unsigned = new ArrayList<>();
        for (SafeFiles.Entry e : SafeFiles.list(submitterDir)) {
            if (e.kind() == SafeFiles.Kind.DIRECTORY
                    && !e.name().startsWith(".")
                    && !e.name().equals(systemSlug)
                    && SafeFiles.kind(e.path().resolve(Manifest.SIGNATURE_FILE)) != SafeFiles.Kind.FILE) {
                unsigned.add(e.name());
            }
        }
        if (!unsigned.isEmpty()) {
            throw new SubmissionException("registering a key for " + submitterDir.getFileName() + " would leave its"
                    + " unsigned systems " + unsigned + " rejected (every submission of a submitter with a registered"
                    + " key must be signed); to sign them, remove their folders and submit their runs again with --key"
                    + " in the same change, or keep submitting unsigned; nothing was written (" + keysDir + ")");
        }
    }

    /**
     * Checks the whole tree as it will be with {@code tmp} in place: refuses when anything about the new
     * folder is rejected (its own rules, and those across folders: duplicates, names, keys).
     */
    private static void refuseWhatCheckRejects(Path root, String submitterSlug, String systemSlug, Path tmp)
            throws IOException {
        CheckReport full = new Checker().checkCandidate(root, submitterSlug, systemSlug, tmp);
        List<Problem> mine =
                full.problems().stream().filter(p -> p.file().startsWith(tmp)).toList();
        if (mine.stream().anyMatch(p -> p.severity() == Severity.REJECT)) {
            CheckReport report = new CheckReport(tmp, 1, full.filesChecked(), mine);
            throw new SubmissionException(
                    "the checker rejects this submission; nothing was published:\n(the paths below are in the"
                            + " folder being built, " + tmp.getFileName() + ")\n" + report.render(),
                    report,
                    null);
        }
    }

    /** Copies the existing folder's data files into {@code tmp}, refusing anything that would overwrite. */
    private static List<String> copyExisting(Path target, Path tmp, byte[] systemBytes, List<RunRecord> runs)
            throws IOException {
        CheckReport existing = new Checker().checkIntegrity(target);
        if (existing.rejected()) {
            throw new SubmissionException(
                    "the existing submission " + target + " fails its integrity check; repair it first:\n"
                            + existing.render(),
                    existing,
                    null);
        }
        byte[] oldSystem = SafeFiles.read(target.resolve(Manifest.SYSTEM_FILE), Json.MAX_FILE_BYTES);
        if (!Arrays.equals(
                Json.toBytes(SafeJsonReader.parseSystemDescription("existing system.json", oldSystem)), systemBytes)) {
            throw new SubmissionException("system.json differs from the one already in " + target
                    + "; a changed system is a new system: give it another systemName");
        }
        List<String> kept = new ArrayList<>();
        for (String rel : Manifest.listFiles(target)) {
            if (Manifest.isManifestFile(rel) || rel.equals(Manifest.SYSTEM_FILE)) {
                continue;
            }
            for (RunRecord r : runs) {
                if (rel.equals(Manifest.RUNS_DIR + "/" + r.runId() + ".json")) {
                    throw new SubmissionException("run " + r.runId() + " is already submitted in " + target
                            + "; a submitted run is never replaced");
                }
            }
            byte[] bytes = SafeFiles.read(target.resolve(rel), Json.MAX_FILE_BYTES);
            Path dest = tmp.resolve(rel);
            Files.createDirectories(dest.getParent());
            Files.write(dest, bytes);
            kept.add(rel.substring(rel.indexOf('/') + 1, rel.length() - ".json".length()));
        }
        return kept;
    }

    private void swap(Path tmp, Path target, Path submitterDir, String systemSlug) throws IOException {
        Path aside = Files.createTempDirectory(submitterDir, SubmissionsLayout.asidePrefix(systemSlug));
        Files.delete(aside); // only the unique name is wanted
        move(target, aside);
        try {
            failures.at(Stage.OLD_MOVED_ASIDE);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                if (!Files.exists(target)) {
                    move(aside, target);
                }
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        failures.at(Stage.NEW_IN_PLACE);
        deleteRecursively(aside); // every file of it is in the new folder
    }

    /**
     * Repairs what an interrupted submit of this system left: an aside folder without its system folder is
     * renamed back; an aside folder whose every file is in the system folder, byte for byte, is removed (the
     * swap completed); temp folders are removed (never published).
     */
    static void recoverInterrupted(Path submitterDir, String systemSlug) throws IOException {
        Path target = submitterDir.resolve(systemSlug);
        List<Path> aside = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(submitterDir, "." + systemSlug + ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(SubmissionsLayout.asidePrefix(systemSlug))) {
                    aside.add(p);
                } else if (n.startsWith(SubmissionsLayout.tempPrefix(systemSlug))) {
                    temps.add(p);
                }
            }
        }
        for (Path t : temps) {
            deleteRecursively(t); // never published: a temp folder is not a submission
        }
        if (!Files.exists(target) && aside.size() == 1) {
            move(aside.getFirst(), target);
            return;
        }
        for (Path a : aside) {
            if (Files.exists(target) && containedIn(a, target)) {
                deleteRecursively(a); // the swap completed before the crash
            } else {
                throw new SubmissionException("found the interrupted submit folder " + a + " beside " + target
                        + ", holding files that are not in it: compare the two, keep the right one as " + target
                        + " and remove the other; nothing was written");
            }
        }
    }

    /**
     * Whether every data file under {@code a} (system.json, runs) is in {@code b} with the same bytes; links
     * count as not. The manifest and signature differ by design (the new folder lists more runs).
     */
    private static boolean containedIn(Path a, Path b) throws IOException {
        for (String rel : Manifest.listFiles(a)) {
            if (Manifest.isManifestFile(rel)) {
                continue;
            }
            Path x = a.resolve(rel);
            Path y = b.resolve(rel);
            if (SafeFiles.kind(x) != SafeFiles.Kind.FILE || SafeFiles.kind(y) != SafeFiles.Kind.FILE) {
                return false;
            }
            if (!Arrays.equals(SafeFiles.read(x, Json.MAX_FILE_BYTES), SafeFiles.read(y, Json.MAX_FILE_BYTES))) {
                return false;
            }
        }
        return true;
    }

    /** Removes temp files of a key registration a crash interrupted. */
    private static void removeKeyLeftovers(Path keysDir) throws IOException {
        for (Path p : KeyRegistry.load(keysDir).leftovers()) {
            Files.deleteIfExists(p);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all =
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
