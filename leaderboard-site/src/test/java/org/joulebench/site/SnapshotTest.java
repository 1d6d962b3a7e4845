package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.results.check.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data snapshot: its hash follows every accepted byte, and a figure rebuilt from its archive is identical. */
class SnapshotTest {
    @TempDir
    Path tmp;

    static final Path COMMITTED =
            Path.of("../results/submissions").toAbsolutePath().normalize();
    /** The committed submission is one CPU VM whose energy is an ESTIMATE (no counters in the VM). */
    static final FigureRequest COMMITTED_FIGURE = new FigureRequest(
            "gemm", "fp32", Metric.EFFICIENCY, "estimated", null, null, null, null, null, null, null, null);

    static final Path REFERENCE =
            Path.of("../results/reference").toAbsolutePath().normalize();

    @Test
    void theHashChangesWhenOneAcceptedByteChanges() throws Exception {
        SiteInput input = SiteInput.fromCheck(new Checker().check(COMMITTED), REFERENCE, List.of());
        assertThat(input.submissions()).isNotEmpty();
        DataSnapshot before = DataSnapshot.of(input.submissions(), "c0ffee");
        assertThat(DataSnapshot.of(input.submissions(), "c0ffee")).isEqualTo(before);
        assertThat(before.submissions()).isEqualTo(input.submissions().size());
        assertThat(before.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        // every accepted file, one byte flipped at a time in a run file and in system.json: a different hash
        SiteSubmission first = input.submissions().getFirst();
        byte[] run = first.runs().getFirst().raw().clone();
        run[run.length / 2] ^= 1;
        List<SiteRun> runs = new ArrayList<>(first.runs());
        runs.set(0, new SiteRun(runs.getFirst().record(), run, runs.getFirst().fileName()));
        assertThat(withFirst(
                        input,
                        new SiteSubmission(
                                first.system(), runs, first.manifestSha256(), first.relativePath(), first.files())))
                .isNotEqualTo(before.sha256());
        Map<String, byte[]> files = new HashMap<>(first.files());
        String name = files.keySet().stream().sorted().findFirst().orElseThrow();
        byte[] f = files.get(name).clone();
        f[0] ^= 1;
        files.put(name, f);
        assertThat(withFirst(
                        input,
                        new SiteSubmission(
                                first.system(), first.runs(), first.manifestSha256(), first.relativePath(), files)))
                .as(name)
                .isNotEqualTo(before.sha256());
        // a file moved to another name is another snapshot too
        assertThat(withFirst(
                        input,
                        new SiteSubmission(
                                first.system(),
                                first.runs(),
                                first.manifestSha256(),
                                first.relativePath() + "x",
                                first.files())))
                .isNotEqualTo(before.sha256());
    }

    private static String withFirst(SiteInput input, SiteSubmission changed) {
        List<SiteSubmission> subs = new ArrayList<>(input.submissions());
        subs.set(0, changed);
        return DataSnapshot.of(subs, "c0ffee").sha256();
    }

    @Test
    void aFigureRebuiltFromTheSnapshotArchiveIsByteIdentical() throws Exception {
        SiteInput input = SiteInput.fromCheck(new Checker().check(COMMITTED), REFERENCE, List.of());
        var exporter = new FigureExporter(input, "0123456789abcdef0123456789abcdef01234567");
        var figure = exporter.export(COMMITTED_FIGURE, tmp.resolve("a"));
        assertThat(figure.files()).hasSizeGreaterThanOrEqualTo(13);
        String cff = Files.readString(tmp.resolve("a/CITATION.cff"));
        assertThat(cff)
                .contains("cff-version: 1.2.0")
                .contains(exporter.snapshot().sha256())
                .contains("0123456789abcdef0123456789abcdef01234567")
                .contains("date-released: " + exporter.snapshot().date());
        assertThat(Files.readString(tmp.resolve("a/joulebench-data.bib")))
                .startsWith("@misc{joulebench-")
                .contains(exporter.snapshot().sha256());

        Path zip = tmp.resolve("snapshot.zip");
        Files.write(zip, exporter.snapshot().archive(input.submissions()));
        Files.write(tmp.resolve("again.zip"), exporter.snapshot().archive(input.submissions()));
        assertThat(tmp.resolve("again.zip")).hasSameBinaryContentAs(zip);

        var unpacked = SnapshotArchive.unpack(zip, tmp.resolve("unpacked"));
        assertThat(unpacked.claimed()).isEqualTo(exporter.snapshot());
        SiteInput again = SiteInput.fromCheck(new Checker().check(unpacked.submissionsRoot()), REFERENCE, List.of());
        var rebuilt = new FigureExporter(again, unpacked.claimed().resultsCommit());
        assertThat(rebuilt.snapshot()).isEqualTo(exporter.snapshot());
        rebuilt.export(COMMITTED_FIGURE, tmp.resolve("b"));
        for (Path p : figure.files()) {
            assertThat(tmp.resolve("b").resolve(p.getFileName()))
                    .as(p.getFileName().toString())
                    .hasSameBinaryContentAs(p);
        }
    }

    @Test
    void anArchiveEntryOutsideTheSubmissionsFolderIsRefused() throws Exception {
        Path zip = tmp.resolve("bad.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("submissions/../../evil.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThatThrownBy(() -> SnapshotArchive.unpack(zip, tmp.resolve("u")))
                .hasMessageContaining("outside submissions/");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }
}
