package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.check.Checker;
import org.joulebench.site.DataSnapshot;
import org.joulebench.site.FigureExporter;
import org.joulebench.site.FigureRequest;
import org.joulebench.site.Metric;
import org.joulebench.site.SiteInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code joulebench figure} on the committed submissions: the kinds, the snapshot it refuses, the rebuild. */
class FigureCommandTest {
    @TempDir
    Path tmp;

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    String savedHome;

    @BeforeEach
    void home() {
        savedHome = System.getProperty(BuildInfo.HOME_PROPERTY);
        System.setProperty(BuildInfo.HOME_PROPERTY, ROOT.toString());
    }

    @AfterEach
    void restore() {
        if (savedHome == null) {
            System.clearProperty(BuildInfo.HOME_PROPERTY);
        } else {
            System.setProperty(BuildInfo.HOME_PROPERTY, savedHome);
        }
    }

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aFigureRebuiltFromTheSnapshotArchiveIsTheSameBytesAndAnotherSnapshotIsRefused() throws Exception {
        SiteInput input = SiteInput.fromCheck(
                new Checker().check(ROOT.resolve("results/submissions")), ROOT.resolve("results/reference"), List.of());
        DataSnapshot snapshot = DataSnapshot.of(input.submissions(), "feedface");
        Path zip = tmp.resolve("joulebench-snapshot.zip");
        Files.write(zip, snapshot.archive(input.submissions()));
        FigureRequest request = new FigureRequest(
                "gemm", "fp32", Metric.EFFICIENCY, "estimated", null, null, null, null, null, null, null, null);
        var expected = new FigureExporter(input, "feedface").export(request, tmp.resolve("expected"));

        Outcome o = run(
                "figure",
                "--kernel=gemm",
                "--dtype=fp32",
                "--tier=estimated",
                "--snapshot-archive=" + zip,
                "--snapshot=" + snapshot.sha256(),
                "--out=" + tmp.resolve("rebuilt"));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("SHA-256 " + snapshot.sha256()).contains("results commit feedface");
        for (Path p : expected.files()) {
            assertThat(tmp.resolve("rebuilt").resolve(p.getFileName()))
                    .as(p.getFileName().toString())
                    .hasSameBinaryContentAs(p);
        }

        Outcome wrong = run(
                "figure",
                "--kernel=gemm",
                "--tier=estimated",
                "--snapshot=" + "0".repeat(64),
                "--out=" + tmp.resolve("wrong"));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err())
                .contains("--snapshot " + "0".repeat(64))
                .contains("the accepted submissions here are snapshot " + snapshot.sha256());
        assertThat(tmp.resolve("wrong")).doesNotExist();
    }

    @Test
    void everyKindRunsOnTheCommittedDataAndABadKindIsAUsageError() {
        String system = "joulebench-maintainers-2-vcpu-intel-xeon-emerald-rapids-cloud-vm";
        for (String[] args : List.of(
                new String[] {"--kind=roofline", "--systems=" + system},
                new String[] {"--kind=compare", "--tier=estimated"},
                new String[] {"--kind=grid", "--tier=estimated", "--panels=gemm:fp32,softmax:fp32"},
                new String[] {"--kind=reference"})) {
            String[] all = new String[args.length + 2];
            all[0] = "figure";
            System.arraycopy(args, 0, all, 1, args.length);
            all[all.length - 1] = "--out=" + tmp.resolve("kinds");
            Outcome o = run(all);
            assertThat(o.code()).as(String.join(" ", all) + "\n" + o.err()).isZero();
            assertThat(o.out()).contains("13 files").contains("Caption: ");
        }
        Outcome bad = run("figure", "--kind=pie");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--kind: unknown figure kind 'pie'; valid: history, grid, compare, roofline");
        Outcome noSystem = run("figure", "--kind=roofline", "--systems=nope", "--out=" + tmp.resolve("x"));
        assertThat(noSystem.code()).isEqualTo(1);
        assertThat(noSystem.err()).contains("no system 'nope'");
    }
}
