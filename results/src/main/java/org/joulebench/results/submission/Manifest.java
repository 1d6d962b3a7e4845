package org.joulebench.results.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.Json;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.names.DisplayNames;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code manifest.json}: the SHA-256 of every file of a submission folder except the manifest itself,
 * its signature and the public key. Paths are relative, with {@code /}, sorted.
 *
 * @param manifestVersion {@value #VERSION}
 * @param algorithm always {@code SHA-256}
 * @param files relative path to lower-case hex SHA-256
 */
public record Manifest(int manifestVersion, String algorithm, Map<String, String> files) {
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE_FILE = "manifest.sig";
    public static final String PUBLIC_KEY_FILE = "public-key.pem";
    public static final String SYSTEM_FILE = "system.json";
    public static final String RUNS_DIR = "runs";

    /** What a manifest may list: system.json and runs/<run-id>.json. */
    public static final String LISTED_PATH = "system\\.json|runs/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.json";

    public Manifest {
        files = files == null ? null : new TreeMap<>(files);
    }

    /** Whether {@code relativePath} is one of the manifest's own files (never listed in it). */
    public static boolean isManifestFile(String relativePath) {
        return relativePath.equals(FILE) || relativePath.equals(SIGNATURE_FILE) || relativePath.equals(PUBLIC_KEY_FILE);
    }

    /** Hashes every file under {@code folder} except the manifest's own files. */
    public static Manifest of(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String rel : listFiles(folder)) {
            if (!isManifestFile(rel)) {
                files.put(rel, DisplayNames.sha256Hex(Files.readAllBytes(folder.resolve(rel))));
            }
        }
        return new Manifest(VERSION, "SHA-256", files);
    }

    /** Relative paths ({@code /}-separated, sorted) of the regular files under {@code folder}. */
    public static List<String> listFiles(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.equals(folder) && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(folder.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        out.sort(null);
        return out;
    }

    public byte[] toBytes() {
        return Json.toBytes(this);
    }

    /** Parses and checks a manifest: known fields only, safe relative paths, 64-hex hashes. */
    public static Manifest parse(String source, byte[] bytes) {
        JsonNode tree = SafeJsonReader.parseTree(source, bytes);
        if (!tree.isObject()) {
            throw new InvalidJsonException(
                    source,
                    "$",
                    "a manifest is a JSON object, not "
                            + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + "; resubmit with `joulebench submit`");
        }
        Manifest m;
        try {
            m = Json.mapper().treeToValue(tree, Manifest.class);
        } catch (JacksonException e) {
            throw new InvalidJsonException(source, "$", "not a manifest: " + e.getOriginalMessage(), e);
        }
        if (m.manifestVersion() != VERSION) {
            throw new InvalidJsonException(source, "$.manifestVersion", "must be " + VERSION);
        }
        if (!"SHA-256".equals(m.algorithm())) {
            throw new InvalidJsonException(source, "$.algorithm", "must be SHA-256");
        }
        if (m.files() == null) {
            throw new InvalidJsonException(source, "$.files", "is missing");
        }
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            if (!e.getKey().matches(LISTED_PATH)) {
                throw new InvalidJsonException(
                        source,
                        "$.files",
                        "lists '" + e.getKey() + "', which is not system.json or runs/<run-id>.json");
            }
            if (e.getValue() == null || !e.getValue().matches("[0-9a-f]{64}")) {
                throw new InvalidJsonException(source, "$.files." + e.getKey(), "is not a lower-case hex SHA-256");
            }
        }
        return m;
    }
}
