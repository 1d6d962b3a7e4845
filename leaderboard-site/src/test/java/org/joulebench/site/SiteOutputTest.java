package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site rebuilt into the same folder holds exactly what the last build published: the pages and raw
 * files of a submission that no longer passes {@code check} are gone; a folder holding anything but a
 * previous site is never replaced.
 */
class SiteOutputTest {
    @TempDir
    Path tmp;

    @Test
    void aRebuildHoldsExactlyWhatTheLastBuildPublished() throws Exception {
        Path root = tmp.resolve("submissions");
        copyTree(SiteGateTest.COMMITTED, root);
        Path site = tmp.resolve("site");
        CheckReport before = new Checker().check(root);
        assertThat(before.accepted()).isNotEmpty();
        SiteGenerator.generate(SiteInput.fromCheck(before, null, List.of()), site);
        // the page of the submission about to stop passing (another committed one keeps passing)
        String id = SiteModel.of(SiteInput.fromCheck(before, null, List.of())).systems().stream()
                .filter(s -> s.name().contains("Emerald Rapids"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(site.resolve("systems/" + id + ".html")).exists();
        assertThat(site.resolve("raw/" + id)).isDirectory();

        // the submission stops passing check (a byte of its system.json changed after the manifest)
        Path system = root.resolve(SiteGateTest.GOOD).resolve("system.json");
        Files.writeString(system, Files.readString(system).replace("\"submitter\"", " \"submitter\""));
        CheckReport after = new Checker().check(root);
        assertThat(after.accepted())
                .extracting(AcceptedSubmission::relativePath)
                .doesNotContain(SiteGateTest.GOOD)
                .hasSize(before.accepted().size() - 1);
        SiteInput now = SiteInput.fromCheck(after, null, List.of());
        SiteGenerator.generate(now, site);
        Path fresh = tmp.resolve("fresh");
        SiteGenerator.generate(now, fresh);

        assertThat(site.resolve("systems/" + id + ".html")).doesNotExist();
        assertThat(site.resolve("raw/" + id)).doesNotExist();
        assertThat(files(site)).isEqualTo(files(fresh));
        try (Stream<Path> beside = Files.list(tmp)) {
            assertThat(beside.map(p -> p.getFileName().toString()))
                    .as("no staging or old folder is left beside --out")
                    .containsExactlyInAnyOrder("submissions", "site", "fresh");
        }
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndUntouched() throws Exception {
        Path mine = tmp.resolve("my-documents");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.tex"), "keep me");
        CheckReport report = new Checker().check(SiteGateTest.COMMITTED);
        assertThatThrownBy(() -> SiteGenerator.generate(SiteInput.fromCheck(report, null, List.of()), mine))
                .hasMessageContaining(mine.toString())
                .hasMessageContaining("not a site joulebench built");
        assertThat(files(mine)).containsExactly("thesis.tex");
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            Set<String> out = new TreeSet<>();
            walk.filter(Files::isRegularFile)
                    .forEach(p -> out.add(dir.relativize(p).toString()));
            return out;
        }
    }

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
}
