package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.results.check.Severity;
import org.joulebench.results.json.Json;
import org.joulebench.results.names.DisplayNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gate: the site publishes exactly what {@code check} accepts, from the bytes it read. A real
 * submissions tree holding the committed submission and every kind of thing that is not one — links at
 * every level (to a folder outside, to a secret file outside), hidden folders, an interrupted submit's
 * leftovers, a folder whose name is not a slug, a FIFO where system.json should be, an oversized run file,
 * a {@code null} manifest, a tampered copy — is checked, the site is built from the report, and: only the
 * committed submission is published, no byte of the secret reaches the site, every other entry is
 * reported, and nothing hangs.
 */
class SiteGateTest {
    static final Path COMMITTED =
            Path.of("../results/submissions").toAbsolutePath().normalize();
    static final String GOOD = "joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm";

    @TempDir
    Path tmp;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    /** A submission folder with the given system names and run bytes, and a correct manifest. */
    private static void folder(Path dir, String submitter, String system, byte[] runBytes, String runId)
            throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        String sys = Files.readString(COMMITTED.resolve(GOOD).resolve("system.json"))
                .replace("\"joulebench maintainers\"", Json.mapper().writeValueAsString(submitter))
                .replace(
                        "\"2-vCPU Intel Xeon Emerald Rapids cloud VM\"",
                        Json.mapper().writeValueAsString(system));
        Files.writeString(dir.resolve("system.json"), sys);
        Files.write(dir.resolve("runs/" + runId + ".json"), runBytes);
        String manifest = "{\"manifestVersion\":1,\"algorithm\":\"SHA-256\",\"files\":{\"runs/" + runId + ".json\":\""
                + DisplayNames.sha256Hex(runBytes) + "\",\"system.json\":\""
                + DisplayNames.sha256Hex(sys.getBytes(StandardCharsets.UTF_8)) + "\"}}";
        Files.writeString(dir.resolve("manifest.json"), manifest);
    }

    @Test
    void theSitePublishesExactlyWhatCheckAcceptsAndNothingReachedThroughALink() throws Exception {
        String secret = "TOP-SECRET-" + UUID.randomUUID();
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Path secretFile = outside.resolve("secret.json");
        Files.writeString(secretFile, "{\"secret\":\"" + secret + "\"}");
        copyTree(COMMITTED.resolve(GOOD), outside.resolve("copy"));

        Path root = tmp.resolve("results/submissions");
        copyTree(COMMITTED.resolve(GOOD), root.resolve(GOOD));
        byte[] goodRun;
        try (Stream<Path> s = Files.list(root.resolve(GOOD).resolve("runs"))) {
            goodRun = Files.readAllBytes(s.findFirst().orElseThrow());
        }
        List<Path> hostile = new ArrayList<>();
        // a submitter folder that is a link to a folder outside the tree
        hostile.add(Files.createSymbolicLink(root.resolve("linked-submitter"), outside));
        // a system folder that is a link
        Files.createDirectories(root.resolve("mallory"));
        hostile.add(Files.createSymbolicLink(root.resolve("mallory/linked-system"), outside.resolve("copy")));
        // a run file that is a link to the secret, listed in the manifest with the secret's hash
        Path linkedRun = root.resolve("mallory/linked-run");
        folder(linkedRun, "mallory", "linked run", Files.readAllBytes(secretFile), "r1");
        Files.delete(linkedRun.resolve("runs/r1.json"));
        hostile.add(Files.createSymbolicLink(linkedRun.resolve("runs/r1.json"), secretFile));
        // system.json a link to the secret
        Path linkedSystem = root.resolve("mallory/linked-system-json");
        folder(linkedSystem, "mallory", "linked system json", goodRun, "r2");
        Files.delete(linkedSystem.resolve("system.json"));
        hostile.add(Files.createSymbolicLink(linkedSystem.resolve("system.json"), secretFile));
        // a hidden folder holding a full copy, and an interrupted submit's leftover
        copyTree(COMMITTED.resolve(GOOD), root.resolve(".hidden/copy"));
        hostile.add(root.resolve(".hidden"));
        copyTree(
                COMMITTED.resolve(GOOD),
                root.resolve("joulebench-maintainers/.2-vcpu-intel-xeon-emerald-rapids-cloud-vm.tmp-1"));
        hostile.add(root.resolve("joulebench-maintainers/.2-vcpu-intel-xeon-emerald-rapids-cloud-vm.tmp-1"));
        // a folder whose name is not a slug
        copyTree(COMMITTED.resolve(GOOD), root.resolve("Not A Slug/x"));
        hostile.add(root.resolve("Not A Slug"));
        // an oversized run file (sparse: 17 MiB that are never read)
        Path big = root.resolve("mallory/big-run");
        folder(big, "mallory", "big run", goodRun, "r3");
        try (RandomAccessFile f =
                new RandomAccessFile(big.resolve("runs/r3.json").toFile(), "rw")) {
            f.setLength(17L * 1024 * 1024);
        }
        hostile.add(big.resolve("runs/r3.json"));
        // a null manifest, and a manifest that is a JSON array
        Path nullManifest = root.resolve("mallory/null-manifest");
        folder(nullManifest, "mallory", "null manifest", goodRun, "r4");
        Files.writeString(nullManifest.resolve("manifest.json"), "null");
        hostile.add(nullManifest.resolve("manifest.json"));
        // a tampered copy of the good run under another system (hash mismatch)
        Path tampered = root.resolve("mallory/tampered");
        folder(tampered, "mallory", "tampered", goodRun, "r5");
        Files.writeString(tampered.resolve("runs/r5.json"), secret);
        hostile.add(tampered.resolve("runs/r5.json"));
        // a FIFO where system.json should be: opening it would block forever
        Path fifoFolder = root.resolve("mallory/fifo");
        folder(fifoFolder, "mallory", "fifo", goodRun, "r6");
        Files.delete(fifoFolder.resolve("system.json"));
        boolean fifo =
                new ProcessBuilder("mkfifo", fifoFolder.resolve("system.json").toString())
                                .start()
                                .waitFor()
                        == 0;
        if (fifo) {
            hostile.add(fifoFolder.resolve("system.json"));
        }
        // a stray file and a FIFO at the top of the tree
        Files.writeString(root.resolve("README.txt"), secret);
        hostile.add(root.resolve("README.txt"));

        Path site = tmp.resolve("site");
        CheckReport report = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            CheckReport r = new Checker().check(root);
            SiteGenerator.generate(SiteInput.fromCheck(r, null, List.of()), site);
            return r;
        });

        assertThat(report.accepted())
                .extracting(AcceptedSubmission::relativePath)
                .containsExactly(GOOD);
        for (Path h : hostile) {
            assertThat(report.problems())
                    .as("reported: " + h + "\n" + report.render())
                    .anyMatch(p -> p.file().startsWith(h));
        }
        assertThat(report.problems())
                .filteredOn(p -> p.file().startsWith(root.resolve(GOOD)))
                .as("the committed submission itself is clean")
                .isEmpty();
        // the leftover is a warning (the next submit repairs it); everything else is rejected
        assertThat(report.problems())
                .filteredOn(p -> p.file().startsWith(root.resolve("joulebench-maintainers")))
                .extracting(Problem::severity)
                .containsOnly(Severity.WARN);

        // nothing of the secret, nothing but the accepted system in the site
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertThat(Files.isSymbolicLink(f)).as(f.toString()).isFalse();
                if (Files.isRegularFile(f)) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                            .as(f.toString())
                            .doesNotContain(secret)
                            .doesNotContain("mallory");
                }
            }
        }
        try (Stream<Path> raw = Files.list(site.resolve("raw"))) {
            assertThat(raw.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("joulebench-maintainers-2-vcpu-intel-xeon-emerald-rapids-cloud-vm");
        }
        // the published files are the committed bytes
        Path published = site.resolve("raw/joulebench-maintainers-2-vcpu-intel-xeon-emerald-rapids-cloud-vm");
        for (String f : List.of("system.json", "manifest.json")) {
            assertThat(published.resolve(f))
                    .hasSameBinaryContentAs(COMMITTED.resolve(GOOD).resolve(f));
        }

        // and in a real browser the leaderboard lists only that system
        try (Browser browser = Browser.start()) {
            browser.open(site.resolve("index.html"));
            browser.waitFor("document.documentElement.dataset.ready === '1'");
            assertThat(browser.texts("#lb tbody td:nth-child(2)"))
                    .isNotEmpty()
                    .allMatch(t -> t.contains("2-vCPU Intel Xeon"));
            assertThat(browser.driver.getPageSource()).doesNotContain(secret).doesNotContain("mallory");
        }
    }

    @Test
    void anExistingLinkInTheOutputFolderIsNeverWrittenThrough() throws Exception {
        Path outside = tmp.resolve("outside.json");
        Files.writeString(outside, "keep me");
        CheckReport report = new Checker().check(COMMITTED);
        Path site = tmp.resolve("site");
        Path raw = site.resolve("raw/joulebench-maintainers-2-vcpu-intel-xeon-emerald-rapids-cloud-vm");
        Files.createDirectories(raw);
        Files.createSymbolicLink(raw.resolve("system.json"), outside);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SiteGenerator.generate(SiteInput.fromCheck(report, null, List.of()), site))
                .hasMessageContaining(site.toString());
        assertThat(Files.readString(outside)).isEqualTo("keep me");
    }
}
