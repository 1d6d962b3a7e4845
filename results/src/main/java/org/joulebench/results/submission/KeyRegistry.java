package org.joulebench.results.submission;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.names.DisplayNames;

/**
 * The submitters' registered public keys: {@code results/keys/<submitter-slug>.pem} beside {@code
 * results/submissions/}, one Ed25519 key (X.509 PEM) per submitter. A key is registered once, in a change
 * reviewed like any other; a submission folder never brings its own key. A submitter with a registered key
 * can only submit signed by it; a signature from a submitter without one is refused.
 *
 * @param dir the registry folder
 * @param keys submitter slug to its key
 * @param pems submitter slug to the key file's bytes as read
 * @param problems file to what is wrong with it (entries that are not {@code <slug>.pem} files, keys that
 *     do not parse); a submitter whose key file is broken has no usable key
 * @param leftovers temp files of a key registration a crash interrupted ({@code .<slug>.pem.*.tmp}): never
 *     read; the next submit removes them
 */
public record KeyRegistry(
        Path dir,
        Map<String, PublicKey> keys,
        Map<String, byte[]> pems,
        Map<Path, String> problems,
        List<Path> leftovers) {
    /** The registry's folder name, beside the submissions folder. */
    public static final String DIR = "keys";

    /** Largest key file read, in bytes (an Ed25519 PEM is 113). */
    public static final long MAX_KEY_BYTES = 4096;

    public KeyRegistry {
        keys = Map.copyOf(keys);
        pems = Map.copyOf(pems);
        problems = Map.copyOf(problems);
        leftovers = List.copyOf(leftovers);
    }

    /** Whether a registry entry's name is a temp file of an interrupted registration. */
    public static boolean isLeftover(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** The registry folder that belongs to a submissions folder: {@code <root>/../keys}. */
    public static Path besides(Path submissionsRoot) {
        return submissionsRoot.toAbsolutePath().normalize().resolveSibling(DIR);
    }

    /** The file a submitter's key is registered in. */
    public static Path keyFile(Path dir, String submitterSlug) {
        return dir.resolve(submitterSlug + ".pem");
    }

    /** Whether the submitter has a usable registered key. */
    public boolean has(String submitterSlug) {
        return keys.containsKey(submitterSlug);
    }

    /** Whether the submitter has a key file at all, usable or not. */
    public boolean registered(String submitterSlug) {
        return keys.containsKey(submitterSlug) || problems.containsKey(keyFile(dir, submitterSlug));
    }

    /** Reads the registry (no links followed, each file bounded); an absent folder is an empty registry. */
    public static KeyRegistry load(Path dir) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        Map<String, byte[]> pems = new LinkedHashMap<>();
        Map<Path, String> problems = new LinkedHashMap<>();
        List<Path> leftovers = new ArrayList<>();
        SafeFiles.Kind kind = SafeFiles.kind(dir);
        if (kind == SafeFiles.Kind.MISSING) {
            return new KeyRegistry(dir, keys, pems, problems, leftovers);
        }
        List<SafeFiles.Entry> entries;
        try {
            entries = SafeFiles.list(dir);
        } catch (IOException e) {
            problems.put(
                    dir,
                    "the key registry is " + SafeFiles.describe(kind) + ", not a folder of keys: " + e.getMessage());
            return new KeyRegistry(dir, keys, pems, problems, leftovers);
        }
        for (SafeFiles.Entry e : entries) {
            if (e.name().equals(".gitkeep") || e.name().equals("README.md")) {
                continue;
            }
            if (e.kind() == SafeFiles.Kind.FILE && isLeftover(e.name())) {
                leftovers.add(e.path());
                continue;
            }
            String slug =
                    e.name().endsWith(".pem") ? e.name().substring(0, e.name().length() - 4) : "";
            if (e.kind() != SafeFiles.Kind.FILE || !DisplayNames.isSlug(slug)) {
                problems.put(
                        e.path(),
                        "is " + SafeFiles.describe(e.kind())
                                + "; the key registry holds only <submitter-slug>.pem files");
                continue;
            }
            try {
                byte[] pem = SafeFiles.read(e.path(), MAX_KEY_BYTES);
                keys.put(slug, Signing.parsePublicKey(e.path().toString(), pem));
                pems.put(slug, pem);
            } catch (IOException | GeneralSecurityException ex) {
                problems.put(e.path(), "not a readable Ed25519 public key (X.509 PEM): " + ex.getMessage());
            }
        }
        return new KeyRegistry(dir, keys, pems, problems, leftovers);
    }
}
