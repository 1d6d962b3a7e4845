package org.joulebench.results.submit;

import java.nio.file.Path;
import java.util.List;

/**
 * What to submit.
 *
 * @param runRecords run record files (at least one)
 * @param systemDescription the system.json to submit them under
 * @param privateKeyPem optional Ed25519 private key (PKCS#8 PEM) to sign the manifest, else {@code null}
 * @param submissionsRoot the submissions folder, normally {@code results/submissions}
 * @param registerKey register the public key of {@code privateKeyPem} for the submitter (which has none
 *     registered yet) in the key registry beside the submissions folder; the file is committed with the
 *     submission and reviewed
 */
public record SubmitRequest(
        List<Path> runRecords, Path systemDescription, Path privateKeyPem, Path submissionsRoot, boolean registerKey) {

    public SubmitRequest(List<Path> runRecords, Path systemDescription, Path privateKeyPem, Path submissionsRoot) {
        this(runRecords, systemDescription, privateKeyPem, submissionsRoot, false);
    }

    public SubmitRequest {
        runRecords = List.copyOf(runRecords);
        if (runRecords.isEmpty()) {
            throw new IllegalArgumentException("at least one run record is needed");
        }
        java.util.Objects.requireNonNull(systemDescription, "systemDescription");
        java.util.Objects.requireNonNull(submissionsRoot, "submissionsRoot");
        if (registerKey && privateKeyPem == null) {
            throw new IllegalArgumentException("registering a key needs the private key (--key) to sign with");
        }
    }
}
