package org.joulebench.results.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.check.AcceptedSubmission;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.results.check.Problem;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submission.Signing;
import org.joulebench.results.submission.SubmissionsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubmitterTest {
    @TempDir
    Path dir;

    Path root() {
        return dir.resolve("submissions");
    }

    Path run(String name, String runId) throws IOException {
        return Fixtures.copy("run-golden.json", dir.resolve("in/" + name + ".json"), "20261125T120000Z-a1b2c3", runId);
    }

    Path runWithSeed(String runId, int seed) throws IOException {
        Path p = run(runId, runId);
        Files.writeString(p, Files.readString(p).replace("\"seed\" : 42,", "\"seed\" : " + seed + ","));
        return p;
    }

    Path system() throws IOException {
        return Fixtures.copy("system-golden.json", dir.resolve("in/system.json"), null, null);
    }

    Path folder() {
        return root().resolve("example-lab/xeon-gold-6338-test-box");
    }

    @Test
    void goldenSubmissionIsWrittenAndPassesTheChecker() throws Exception {
        SubmitResult result =
                new Submitter().submit(new SubmitRequest(List.of(run("r", "run-1")), system(), null, root()));
        assertThat(result.folder()).isEqualTo(folder());
        assertThat(result.addedRunIds()).containsExactly("run-1");
        assertThat(Manifest.listFiles(folder())).containsExactly("manifest.json", "runs/run-1.json", "system.json");
        Manifest m = Manifest.parse("m", Files.readAllBytes(folder().resolve("manifest.json")));
        assertThat(m.files()).containsOnlyKeys("runs/run-1.json", "system.json");
        CheckReport report = new Checker().check(root());
        assertThat(report.problems()).isEmpty();
        assertThat(report.rejected()).isFalse();
        assertThat(report.render())
                .isEqualTo(
                        "1 submission(s), 3 file(s) checked: 0 rejected, 0 warning(s) -> OK" + System.lineSeparator());
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("xeon-gold-6338-test-box");
        }
    }

    Path keyFile() {
        return dir.resolve("keys/example-lab.pem");
    }

    @Test
    void aVersionOneRecordIsNotSubmittedAnyMore() throws Exception {
        Path v1 = Fixtures.copy("run-v1-golden.json", dir.resolve("in/v1.json"), null, null);
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(v1), system(), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessage(v1
                        + " is a schema-version-1 record: submit takes version 3 (with raw sensor readings and per-fork batch data);"
                        + " rerun with this joulebench");
        assertThat(root().resolve("example-lab")).doesNotExist();
    }

    @Test
    void signedSubmissionVerifiesWithTheRegisteredKeyAndTamperingIsCaught() throws Exception {
        Path priv = dir.resolve("secret/me.pem");
        Path pub = dir.resolve("secret/me.pub.pem");
        Signing.generateKeyPair(priv, pub);
        // a first signed submit without registering is refused: a submission cannot bring its own key
        assertThatThrownBy(() ->
                        new Submitter().submit(new SubmitRequest(List.of(run("r", "run-1")), system(), priv, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining(
                        "has no registered key, and a submission cannot bring its own: add" + " --register-key");
        assertThat(keyFile()).doesNotExist();
        SubmitResult result =
                new Submitter().submit(new SubmitRequest(List.of(run("r", "run-1")), system(), priv, root(), true));
        assertThat(result.signed()).isTrue();
        assertThat(result.registeredKey()).isEqualTo(keyFile().toAbsolutePath());
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(Files.readAllBytes(pub));
        assertThat(folder().resolve("public-key.pem")).doesNotExist();
        assertThat(new Checker().check(root()).problems()).isEmpty();
        assertThat(new Checker().check(root()).accepted().getFirst().files())
                .containsKeys("manifest.sig", "public-key.pem");

        // a tampered run: its hash no longer matches
        Path runFile = folder().resolve("runs/run-1.json");
        byte[] original = Files.readAllBytes(runFile);
        Files.writeString(runFile, Files.readString(runFile).replace("\"seed\" : 42", "\"seed\" : 43"));
        List<Problem> problems = new Checker().check(root()).rejections();
        assertThat(problems)
                .extracting(Problem::ruleId, Problem::file, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "manifest",
                        runFile,
                        "SHA-256 differs from manifest.json: the file was changed after it was submitted"));
        Files.write(runFile, original);

        // the manifest re-hashed by someone without the key: the signature fails
        Path manifest = folder().resolve("manifest.json");
        byte[] manifestBytes = Files.readAllBytes(manifest);
        Files.writeString(manifest, Files.readString(manifest) + " ");
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::ruleId, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "signature",
                        "the signature does not verify with the registered key "
                                + keyFile().toAbsolutePath()
                                + ": manifest.json was changed after signing, or it was signed with another key"));
        Files.write(manifest, manifestBytes);

        // re-signed with another key: rejected, and bringing that key along changes nothing
        Path other = dir.resolve("secret/other.pem");
        Signing.generateKeyPair(other, dir.resolve("secret/other.pub.pem"));
        Path sig = folder().resolve("manifest.sig");
        byte[] goodSig = Files.readAllBytes(sig);
        Files.write(sig, Signing.sign(Signing.readPrivateKey(other), manifestBytes));
        Files.copy(dir.resolve("secret/other.pub.pem"), folder().resolve("public-key.pem"));
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::ruleId, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "signature",
                                "a submission cannot bring its own key: the key that verifies a submitter's"
                                        + " signatures is the one registered in results/keys/<submitter-slug>.pem"),
                        org.assertj.core.groups.Tuple.tuple(
                                "signature",
                                "the signature does not verify with the registered key "
                                        + keyFile().toAbsolutePath()
                                        + ": manifest.json was changed after signing, or it was signed with another"
                                        + " key"));
        Files.delete(folder().resolve("public-key.pem"));
        Files.write(sig, goodSig);

        // the signature stripped: a submitter with a registered key must sign
        Files.delete(sig);
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::ruleId, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "signature",
                        "submitter example-lab has a registered key ("
                                + keyFile().toAbsolutePath()
                                + "): its submissions must be signed with it, and this one is not"));
        Files.write(sig, goodSig);

        // submit refuses unsigned and wrongly signed runs for this submitter; nothing changes
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), system(), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("has a registered key");
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), system(), other, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("is not the key registered for submitter example-lab");
        assertThat(new Checker().check(root()).problems()).isEmpty();

        // an unsigned system added by hand under the signing submitter is rejected, not warned
        Path second = root().resolve("example-lab/second-box");
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(
                        List.of(runWithSeed("run-3", 6)),
                        Fixtures.copy(
                                "system-golden.json",
                                dir.resolve("in/second.json"),
                                "\"Xeon Gold 6338 test box\"",
                                "\"Second box\""),
                        priv,
                        dir.resolve("elsewhere"),
                        true));
        Files.move(dir.resolve("elsewhere/example-lab/second-box"), second);
        Files.delete(second.resolve("manifest.sig"));
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::file, Problem::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.resolve("manifest.sig"), "signature"));
    }

    @Test
    void aSignatureWithoutARegisteredKeyAndAnUnlistedFileAreRejected() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("r", "run-1")), system(), null, root()));
        Files.writeString(folder().resolve("runs/extra.json"), "{}");
        Files.writeString(folder().resolve("manifest.sig"), "AAAA\n");
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .extracting(Problem::ruleId, Problem::message)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("manifest", "not listed in manifest.json"),
                        org.assertj.core.groups.Tuple.tuple(
                                "signature",
                                "signed, but no key is registered for submitter example-lab ("
                                        + keyFile().toAbsolutePath() + "); a submission cannot bring its own key"));
        assertThat(report.accepted()).isEmpty();
        Files.delete(folder().resolve("runs/run-1.json"));
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::message)
                .contains("listed in manifest.json but missing");
    }

    @Test
    void addingRunsToAnExistingSystemKeepsTheOldOnes() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        byte[] first = Files.readAllBytes(folder().resolve("runs/run-1.json"));
        SubmitResult second =
                new Submitter().submit(new SubmitRequest(List.of(runWithSeed("run-2", 7)), system(), null, root()));
        assertThat(second.keptRunIds()).containsExactly("run-1");
        assertThat(second.addedRunIds()).containsExactly("run-2");
        assertThat(Files.readAllBytes(folder().resolve("runs/run-1.json"))).isEqualTo(first);
        assertThat(new Checker().check(root()).problems()).isEmpty();
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.toList()).hasSize(1); // no temp or aside folder left
        }
    }

    @Test
    void anExistingRunOrAChangedSystemIsNeverOverwritten() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        byte[] manifest = Files.readAllBytes(folder().resolve("manifest.json"));
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(runWithSeed("run-1", 9)), system(), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessage("run run-1 is already submitted in " + folder() + "; a submitted run is never replaced");
        Path changed = Fixtures.copy("system-golden.json", dir.resolve("in/system2.json"), "205.0", "250.0");
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(runWithSeed("run-2", 9)), changed, null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessage("system.json differs from the one already in " + folder()
                        + "; a changed system is a new system: give it another systemName");
        assertThat(Files.readAllBytes(folder().resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void aRejectedSubmissionIsRefusedAndNothingIsWritten() throws Exception {
        Path bad = run("bad", "run-1");
        Files.writeString(bad, Files.readString(bad).replace("\"passed\" : true", "\"passed\" : false"));
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(bad), system(), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageStartingWith("the checker rejects this submission; nothing was published:");
        assertThat(folder().getParent()).doesNotExist(); // a refused first submit creates no submitter folder
    }

    @Test
    void aRefusedFirstSubmitLeavesOnlyTheLockFileAndARefusalNeverRemovesAnExistingSubmitterFolder() throws Exception {
        Path bad = run("bad", "run-1");
        Files.writeString(bad, Files.readString(bad).replace("\"passed\" : true", "\"passed\" : false"));
        SubmitRequest refused = new SubmitRequest(List.of(bad), system(), null, root());
        assertThatThrownBy(() -> new Submitter().submit(refused)).isInstanceOf(SubmissionException.class);
        try (var s = Files.list(root())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly(SubmissionsLayout.LOCK_FILE);
        }

        // a submitter folder that was there before the refused submit (empty, or with another system) stays
        Files.createDirectories(folder().getParent());
        assertThatThrownBy(() -> new Submitter().submit(refused)).isInstanceOf(SubmissionException.class);
        assertThat(folder().getParent()).isDirectory();
        new Submitter().submit(new SubmitRequest(List.of(run("good", "run-2")), system(), null, root()));
        Path otherSystem = dir.resolve("in/other-system.json");
        Files.writeString(otherSystem, Files.readString(system()).replace("Xeon Gold 6338 test box", "Second box"));
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(bad), otherSystem, null, root())))
                .isInstanceOf(SubmissionException.class);
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("xeon-gold-6338-test-box");
        }
        assertThat(Manifest.listFiles(folder())).containsExactly("manifest.json", "runs/run-2.json", "system.json");
    }

    @Test
    void malformedInputNamesTheFile() throws Exception {
        Path bad = run("bad", "run-1");
        Files.writeString(bad, Files.readString(bad).replace("\"forks\" : 1,", "\"forks\" : -1,"));
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(bad), system(), null, root())))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage(bad
                        + ": $.results[0].jmh.forks: must have a minimum value of 0 [schema run-record.schema.json]");
        assertThat(root()).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Submitter.Stage.class)
    void aFailureAtAnyStageLeavesNoHalfWrittenFolderOnAFirstSubmit(Submitter.Stage stage) throws Exception {
        Submitter failing = new Submitter(
                s -> {
                    if (s == stage) throw new IOException("injected at " + s);
                },
                true);
        SubmitRequest request = new SubmitRequest(List.of(run("a", "run-1")), system(), null, root());
        if (stage == Submitter.Stage.OLD_MOVED_ASIDE || stage == Submitter.Stage.NEW_IN_PLACE) {
            assertThat(failing.submit(request).folder()).isEqualTo(folder()); // no old folder: never reached
            return;
        }
        assertThatThrownBy(() -> failing.submit(request))
                .isInstanceOf(IOException.class)
                .hasMessage("injected at " + stage);
        assertThat(folder().getParent()).doesNotExist(); // a refused first submit creates no submitter folder
    }

    @ParameterizedTest
    @EnumSource(value = Submitter.Stage.class, names = "NEW_IN_PLACE", mode = EnumSource.Mode.EXCLUDE)
    void aFailureAtAnyStageKeepsTheExistingSubmissionIntact(Submitter.Stage stage) throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        List<String> before = Manifest.listFiles(folder());
        byte[] manifest = Files.readAllBytes(folder().resolve("manifest.json"));
        Submitter failing = new Submitter(
                s -> {
                    if (s == stage) throw new IOException("injected at " + s);
                },
                true);
        assertThatThrownBy(() ->
                        failing.submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), system(), null, root())))
                .isInstanceOf(IOException.class)
                .hasMessage("injected at " + stage);
        assertThat(Manifest.listFiles(folder())).isEqualTo(before);
        assertThat(Files.readAllBytes(folder().resolve("manifest.json"))).isEqualTo(manifest);
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.toList()).containsExactly(folder()); // no temp or aside folder left
        }
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void aCrashBetweenTheTwoRenamesIsRecoveredByTheNextSubmit() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        // simulate the crash: the old folder renamed aside, the new one never renamed in
        Path aside = folder().resolveSibling(".xeon-gold-6338-test-box.old-123");
        Files.move(folder(), aside);
        Files.createDirectories(folder().resolveSibling(".xeon-gold-6338-test-box.tmp-456/runs"));
        assertThat(new Checker().check(root()).warnings())
                .extracting(Problem::message)
                .containsExactly(
                        "an interrupted submit left this folder behind; it is not published",
                        "an interrupted submit left this folder behind; it is not published");
        new Submitter().submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), system(), null, root()));
        assertThat(Manifest.listFiles(folder()))
                .containsExactly("manifest.json", "runs/run-1.json", "runs/run-2.json", "system.json");
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void aFailureAfterTheNewFolderIsInPlaceIsRepairedByTheNextSubmit() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        Submitter failing = new Submitter(
                s -> {
                    if (s == Submitter.Stage.NEW_IN_PLACE) throw new IOException("injected at " + s);
                },
                true);
        assertThatThrownBy(() ->
                        failing.submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), system(), null, root())))
                .hasMessage("injected at NEW_IN_PLACE");
        // the new folder is in place; the old one is still aside: check warns, nothing aside is published
        assertThat(Manifest.listFiles(folder()))
                .containsExactly("manifest.json", "runs/run-1.json", "runs/run-2.json", "system.json");
        CheckReport between = new Checker().check(root());
        assertThat(between.warnings()).extracting(Problem::ruleId).containsExactly("layout");
        assertThat(between.accepted())
                .extracting(AcceptedSubmission::relativePath)
                .containsExactly("example-lab/xeon-gold-6338-test-box");
        new Submitter().submit(new SubmitRequest(List.of(runWithSeed("run-3", 6)), system(), null, root()));
        try (var s = Files.list(folder().getParent())) {
            assertThat(s.toList()).containsExactly(folder()); // the aside folder is gone
        }
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void registeringAKeyWhileOtherSystemsOfTheSubmitterAreUnsignedIsRefused() throws Exception {
        new Submitter().submit(new SubmitRequest(List.of(run("a", "run-1")), system(), null, root()));
        Path priv = dir.resolve("secret/me.pem");
        Signing.generateKeyPair(priv, dir.resolve("secret/me.pub.pem"));
        Path second = Fixtures.copy(
                "system-golden.json", dir.resolve("in/second.json"), "\"Xeon Gold 6338 test box\"", "\"Second box\"");
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(runWithSeed("run-2", 5)), second, priv, root(), true)))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("would leave its unsigned systems [xeon-gold-6338-test-box] rejected")
                .hasMessageContaining("remove their folders and submit their runs again with --key");
        assertThat(keyFile()).doesNotExist();
        assertThat(root().resolve("example-lab/second-box")).doesNotExist();
        // registering while adding to the one unsigned system signs it as a whole: accepted
        new Submitter().submit(new SubmitRequest(List.of(runWithSeed("run-3", 6)), system(), priv, root(), true));
        assertThat(folder().resolve("manifest.sig")).isRegularFile();
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }
}
