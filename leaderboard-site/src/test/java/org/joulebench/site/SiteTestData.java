package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.names.DisplayNames;

/** Reference CSVs in the real format (rows from the shared reference data) and file checks. */
final class SiteTestData {
    private SiteTestData() {}

    /** The project's reference data (results/reference, with sources); the argument is ignored. */
    static Path referenceDir(Path ignored) {
        Path dir = Path.of("../results/reference").toAbsolutePath().normalize();
        assertThat(dir.resolve("bitcoin-asic-history.csv")).exists();
        return dir;
    }

    /**
     * Synthetic submissions as the site would show them if check accepted them, read straight from the
     * folder layout (test data only: the CLI builds the site from {@link SiteInput#fromCheck}, and synthetic
     * figures are not meant to pass the checker's physics).
     */
    static SiteInput unchecked(Path submissionsRoot, Path referenceDir, List<Path> localRunFiles) {
        try {
            List<SiteSubmission> submissions = new ArrayList<>();
            if (submissionsRoot != null && Files.isDirectory(submissionsRoot)) {
                for (Path submitter : sortedList(submissionsRoot)) {
                    if (!Files.isDirectory(submitter)) {
                        continue;
                    }
                    for (Path system : sortedList(submitter)) {
                        if (Files.isRegularFile(system.resolve("system.json"))) {
                            submissions.add(submission(submissionsRoot, system));
                        }
                    }
                }
            }
            List<SiteRun> local = new ArrayList<>();
            for (Path f : localRunFiles) {
                local.add(SiteInput.localRun(f));
            }
            return new SiteInput(submissions, local, SiteInput.loadReference(referenceDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SiteSubmission submission(Path root, Path folder) throws IOException {
        byte[] systemBytes = Files.readAllBytes(folder.resolve("system.json"));
        var system = SafeJsonReader.parseSystemDescription(
                folder.resolve("system.json").toString(), systemBytes);
        List<SiteRun> runs = new ArrayList<>();
        Path runsDir = folder.resolve("runs");
        if (Files.isDirectory(runsDir)) {
            for (Path f : sortedList(runsDir)) {
                if (f.getFileName().toString().endsWith(".json")) {
                    runs.add(SiteInput.localRun(f));
                }
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("system.json", systemBytes);
        String sha = null;
        if (Files.isRegularFile(folder.resolve("manifest.json"))) {
            byte[] manifest = Files.readAllBytes(folder.resolve("manifest.json"));
            files.put("manifest.json", manifest);
            sha = DisplayNames.sha256Hex(manifest);
        }
        String rel = root.relativize(folder).toString().replace('\\', '/');
        return new SiteSubmission(system, runs, sha, rel, files);
    }

    private static List<Path> sortedList(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A parser that never fetches a DTD (the SVG DOCTYPE names one on the network). */
    static javax.xml.parsers.DocumentBuilder xmlParser() throws Exception {
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder();
    }

    static void assertPdf(Path pdf) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }
}
