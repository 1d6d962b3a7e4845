package org.joulebench.results.submission;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.joulebench.results.Json;
import org.joulebench.results.Names;
import org.joulebench.results.SafeJsonReader;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.run.RunRecord;

/**
 * Publishes run records under a system into {@code <root>/<submitter-slug>/<system-slug>/}.
 *
 * <p>Atomic: the complete new folder (old runs + new runs + manifest + signature) is built in a hidden
 * temp folder beside the target, checked, then renamed into place. For a first submit that is one
 * rename. When the system folder exists, the old folder is renamed aside, the new one renamed in, and
 * the old one removed only after that (every old file is in the new folder, byte for byte); if the
 * second rename fails the old folder is renamed back. A crash between the two renames leaves the old
 * folder as {@code .<system-slug>.old-*}, which the next submit restores before doing anything else. An
 * existing run or a changed system.json is never overwritten: such a submit is refused.
 *
 * <p>One submit at a time per system folder (the harness CLI is the only writer).
 */
public final class Submitter {

    /** Points where a test can make the submit fail. */
    public enum Stage {
        /** system.json and runs written into the temp folder. */
        FILES_WRITTEN,
        /** manifest (and signature) written into the temp folder. */
        MANIFEST_WRITTEN,
        /** just before the temp folder is renamed into place. */
        BEFORE_SWAP,
        /** an existing folder has been renamed aside; the new one is not yet in place. */
        OLD_MOVED_ASIDE
    }

    /** Called at each {@link Stage}; throwing aborts the submit there. */
    @FunctionalInterface
    public interface FailureInjector {
        FailureInjector NONE = stage -> {};

        void at(Stage stage) throws IOException;
    }

    private final FailureInjector failures;
    private final boolean refuseRejected;

    /** A submitter that refuses submissions the {@link Checker} rejects. */
    public Submitter() {
        this(FailureInjector.NONE, true);
    }

    /**
     * @param failures test hook ({@link FailureInjector#NONE} in production)
     * @param refuseRejected whether to run the checker on the built folder and refuse on REJECT
     */
    public Submitter(FailureInjector failures, boolean refuseRejected) {
        this.failures = failures;
        this.refuseRejected = refuseRejected;
    }

    /**
     * Validates and publishes.
     *
     * @throws org.joulebench.results.InvalidJsonException an input file is malformed (message names file
     *     and field)
     * @throws SubmissionException the submit is refused (duplicate run, changed system, checker REJECT,
     *     wrong key); nothing was changed
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
                        + " version " + RunRecord.CURRENT_SCHEMA_VERSION + " (with raw sensor readings); rerun with"
                        + " this joulebench");
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

        String submitterSlug = Names.slug(system.submitter());
        String systemSlug = Names.slug(system.systemName());
        Path submitterDir = request.submissionsRoot().resolve(submitterSlug);
        Files.createDirectories(submitterDir);
        Path target = submitterDir.resolve(systemSlug);
        recoverInterrupted(submitterDir, systemSlug);

        Path tmp = Files.createTempDirectory(submitterDir, "." + systemSlug + ".tmp-");
        try {
            List<String> kept = new ArrayList<>();
            boolean exists = Files.isDirectory(target);
            if (exists) {
                kept = copyExisting(target, tmp, systemBytes, runs, publicKey);
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
                Files.write(tmp.resolve(Manifest.PUBLIC_KEY_FILE), Signing.publicKeyPem(publicKey));
            }
            failures.at(Stage.MANIFEST_WRITTEN);
            if (refuseRejected) {
                CheckReport report = new Checker().checkSystemFolder(tmp, submitterSlug, systemSlug);
                if (report.rejected()) {
                    throw new SubmissionException(
                            "the checker rejects this submission; nothing was published:\n" + report.render(),
                            report,
                            null);
                }
            }
            failures.at(Stage.BEFORE_SWAP);
            if (exists) {
                swap(tmp, target, submitterDir, systemSlug);
            } else {
                move(tmp, target);
            }
            List<String> added = runs.stream().map(RunRecord::runId).toList();
            return new SubmitResult(target, added, kept, key != null);
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /** Copies the existing folder's data files into {@code tmp}, refusing anything that would overwrite. */
    private static List<String> copyExisting(
            Path target, Path tmp, byte[] systemBytes, List<RunRecord> runs, PublicKey publicKey) throws IOException {
        CheckReport existing = new Checker().checkIntegrity(target);
        if (existing.rejected()) {
            throw new SubmissionException(
                    "the existing submission " + target + " fails its integrity check; repair it first:\n"
                            + existing.render(),
                    existing,
                    null);
        }
        byte[] oldSystem = SafeJsonReader.readBounded(target.resolve(Manifest.SYSTEM_FILE));
        if (!Arrays.equals(
                Json.toBytes(SafeJsonReader.parseSystemDescription("existing system.json", oldSystem)), systemBytes)) {
            throw new SubmissionException("system.json differs from the one already in " + target
                    + "; a changed system is a new system: give it another systemName");
        }
        Path oldKey = target.resolve(Manifest.PUBLIC_KEY_FILE);
        if (Files.exists(oldKey)) {
            byte[] oldPem = Files.readAllBytes(oldKey);
            if (publicKey == null || !Arrays.equals(oldPem, Signing.publicKeyPem(publicKey))) {
                throw new SubmissionException(target + " is signed: sign new runs with the same private key");
            }
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
            Path dest = tmp.resolve(rel);
            Files.createDirectories(dest.getParent());
            Files.copy(target.resolve(rel), dest, StandardCopyOption.COPY_ATTRIBUTES);
            if (!Arrays.equals(Files.readAllBytes(dest), Files.readAllBytes(target.resolve(rel)))) {
                throw new IOException("copy of " + rel + " differs from the original");
            }
            kept.add(rel.substring(rel.indexOf('/') + 1, rel.length() - ".json".length()));
        }
        return kept;
    }

    private void swap(Path tmp, Path target, Path submitterDir, String systemSlug) throws IOException {
        Path aside = Files.createTempDirectory(submitterDir, "." + systemSlug + ".old-");
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
        deleteRecursively(aside); // every file of it is in the new folder
    }

    /** Undoes a crash between the two renames of a swap; removes abandoned temp folders of this system. */
    static void recoverInterrupted(Path submitterDir, String systemSlug) throws IOException {
        Path target = submitterDir.resolve(systemSlug);
        List<Path> aside = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(submitterDir, "." + systemSlug + ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + systemSlug + ".old-")) {
                    aside.add(p);
                } else if (n.startsWith("." + systemSlug + ".tmp-")) {
                    temps.add(p);
                }
            }
        }
        if (!Files.exists(target) && aside.size() == 1) {
            move(aside.getFirst(), target);
        } else if (!aside.isEmpty()) {
            throw new SubmissionException("found interrupted submit folders " + aside + " beside " + target
                    + "; compare them with the folder and remove the stale one by hand");
        }
        for (Path t : temps) {
            deleteRecursively(t); // never published: a temp folder is not a submission
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
