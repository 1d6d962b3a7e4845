package org.joulebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.results.files.SafeFiles;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.names.Printable;

/**
 * Fuzzes {@code check} on a whole submissions tree, not one file: each input is a small script that builds a
 * real tree in a temp folder — files (fuzzed bytes or the golden files), folders, symbolic links to anything
 * (outside, loops, the tree itself), manifests computed over what is there — and then checks it. Whatever the
 * tree, check must finish without an exception, and what it accepts must be exactly what is on disk: every
 * accepted file the bytes of a regular file reached without a link, its manifest hash right; no link, hidden
 * folder or leftover ever accepted; the rendered report free of control characters.
 *
 * <p>Script lines (UTF-8; unknown lines are skipped): {@code F <path> <content>} a file, where content is
 * {@code @run} (the golden run), {@code @system} (the golden system), {@code @secret}, or literal text with
 * {@code \n}; {@code D <path>} a folder; {@code L <path> <target>} a symbolic link; {@code M <folder>} a
 * correct manifest.json over the folder's files as they are now; {@code X <path>} delete it (a link itself,
 * never its target); {@code K <submitter-slug>} a registered key (a fixed one); {@code @base} in a link target
 * is the temp folder holding the tree. Paths are relative, at most 6 parts, no {@code ..}.
 *
 * <p>{@code mvn test} replays the saved inputs in {@code SubmissionTreeFuzzTestInputs/submissionTree/};
 * {@code JAZZER_FUZZ=1} fuzzes, bounded by {@code maxDuration}.
 */
class SubmissionTreeFuzzTest {
    private static final String KEY_PEM = "-----BEGIN PUBLIC KEY-----\n"
            + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";

    @FuzzTest(maxDuration = "120s")
    void submissionTree(byte[] input) throws Exception {
        Path base = Files.createTempDirectory("jb-tree-fuzz");
        try {
            Path root = base.resolve("results/submissions");
            Files.createDirectories(root);
            Files.writeString(base.resolve("secret.txt"), "SECRET-outside-the-tree");
            build(base, root, new String(input, StandardCharsets.UTF_8));
            CheckReport report = new Checker().check(root);
            for (AcceptedSubmission a : report.accepted()) {
                assertOnDisk(root, a);
            }
            String text = report.render();
            assertThat(text.codePoints()
                            .filter(c -> c != '\n' && Printable.unsafe(c))
                            .count())
                    .as("the report carries no control characters")
                    .isZero();
            for (Problem p : report.problems()) {
                assertThat(p.fix()).isNotBlank();
            }
        } finally {
            delete(base);
        }
    }

    /** An accepted submission is exactly what is on disk, reached without links. */
    private static void assertOnDisk(Path root, AcceptedSubmission a) throws IOException {
        Path folder = a.folder();
        Path rel = root.relativize(folder);
        assertThat(rel.getNameCount()).isEqualTo(2);
        Path p = root;
        for (Path part : rel) {
            p = p.resolve(part);
            assertThat(SafeFiles.kind(p)).as(p.toString()).isEqualTo(SafeFiles.Kind.DIRECTORY);
            assertThat(part.toString()).doesNotStartWith(".");
        }
        for (Map.Entry<String, byte[]> f : a.files().entrySet()) {
            if (f.getKey().equals("public-key.pem")) {
                continue; // comes from the key registry
            }
            assertThat(SafeFiles.kind(folder.resolve(f.getKey()))).isEqualTo(SafeFiles.Kind.FILE);
            assertThat(Files.readAllBytes(folder.resolve(f.getKey()))).isEqualTo(f.getValue());
        }
        assertThat(folder.resolve("public-key.pem")).doesNotExist();
        Map<String, String> listed = new TreeMap<>();
        for (AcceptedSubmission.Run r : a.runs()) {
            Path run = folder.resolve("runs").resolve(r.fileName());
            assertThat(SafeFiles.kind(folder.resolve("runs"))).isEqualTo(SafeFiles.Kind.DIRECTORY);
            assertThat(SafeFiles.kind(run)).isEqualTo(SafeFiles.Kind.FILE);
            assertThat(Files.readAllBytes(run)).isEqualTo(r.bytes());
            listed.put("runs/" + r.fileName(), DisplayNames.sha256Hex(r.bytes()));
        }
        listed.put("system.json", DisplayNames.sha256Hex(a.files().get("system.json")));
        var manifest =
                org.joulebench.results.submission.Manifest.parse("m", a.files().get("manifest.json"));
        assertThat(manifest.files()).isEqualTo(listed);
    }

    static void build(Path base, Path root, String script) throws IOException {
        int n = 0;
        for (String line : script.split("\n", 65)) {
            if (++n > 64) {
                break;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !safe(parts[1])) {
                continue;
            }
            Path p = root.resolve(parts[1]);
            try {
                switch (parts[0]) {
                    case "F" -> {
                        Files.createDirectories(p.getParent());
                        Files.write(p, content(parts.length > 2 ? parts[2] : ""));
                    }
                    case "D" -> Files.createDirectories(p);
                    case "L" -> {
                        Files.createDirectories(p.getParent());
                        String target = parts.length > 2 ? parts[2] : ".";
                        Files.createSymbolicLink(p, Path.of(target.replace("@base", base.toString())));
                    }
                    case "M" -> manifest(p);
                    case "X" -> Files.deleteIfExists(p);
                    case "K" -> {
                        Path keys = base.resolve("results/keys");
                        Files.createDirectories(keys);
                        Files.writeString(keys.resolve(parts[1] + ".pem"), KEY_PEM);
                    }
                    default -> {
                        // not an instruction
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // an impossible step (a file where a folder is, a name the file system refuses): skip it
            }
        }
    }

    private static boolean safe(String path) {
        if (path.isEmpty() || path.length() > 200 || path.startsWith("/") || path.contains("\0")) {
            return false;
        }
        String[] parts = path.split("/");
        if (parts.length > 6) {
            return false;
        }
        for (String s : parts) {
            if (s.isEmpty() || s.equals("..") || s.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static byte[] content(String spec) {
        return switch (spec) {
            case "@run" -> Fixtures.bytes("run-golden.json");
            case "@system" -> Fixtures.bytes("system-golden.json");
            case "@secret" -> "SECRET".getBytes(StandardCharsets.UTF_8);
            default -> spec.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A correct manifest over the regular files of a folder (no links followed), as submit writes it. */
    private static void manifest(Path folder) throws IOException {
        StringBuilder files = new StringBuilder();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.sorted().toList()) {
                String rel = folder.relativize(f).toString();
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !rel.equals("manifest.json")
                        && !rel.equals("manifest.sig")) {
                    if (files.length() > 0) {
                        files.append(',');
                    }
                    files.append(Json.mapper().writeValueAsString(rel))
                            .append(':')
                            .append('"')
                            .append(DisplayNames.sha256Hex(Files.readAllBytes(f)))
                            .append('"');
                }
            }
        }
        Files.writeString(
                folder.resolve("manifest.json"),
                "{\"manifestVersion\":1,\"algorithm\":\"SHA-256\",\"files\":{" + files + "}}");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The saved inputs mean what their names say: the valid tree is accepted, every hostile one is not. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "valid-golden, 1",
        "run-is-a-link-to-a-secret-outside, 0",
        "system-json-is-a-relative-link-outside, 0",
        "linked-submitter-system-and-loop, 1",
        "hidden-leftover-and-non-slug, 0",
        "registered-key-but-unsigned, 0",
        "null-manifest, 0",
        "nested-run-folder-own-key-and-signature, 0",
        "tampered-after-manifest, 0",
        "control-characters-in-a-file-name, 0"
    })
    void theSavedInputsMeanWhatTheirNamesSay(String seed, int accepted) throws Exception {
        byte[] script;
        try (var in = SubmissionTreeFuzzTest.class.getResourceAsStream(
                "SubmissionTreeFuzzTestInputs/submissionTree/" + seed)) {
            script = in.readAllBytes();
        }
        Path base = Files.createTempDirectory("jb-tree-seed");
        try {
            Path root = base.resolve("results/submissions");
            Files.createDirectories(root);
            Files.writeString(base.resolve("secret.txt"), "SECRET-outside-the-tree");
            build(base, root, new String(script, StandardCharsets.UTF_8));
            CheckReport report = new Checker().check(root);
            assertThat(report.accepted()).as(report.render()).hasSize(accepted);
            assertThat(report.problems().isEmpty()).as(report.render()).isEqualTo(seed.equals("valid-golden"));
            submissionTree(script); // and the fuzz target's own invariants hold
        } finally {
            delete(base);
        }
    }
}
