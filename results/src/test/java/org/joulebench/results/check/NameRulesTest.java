package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.Json;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.names.LookAlikes;
import org.joulebench.results.submission.Signing;
import org.joulebench.results.submit.SubmissionException;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that only look alike, on real submission trees: refused with advice that is true. */
class NameRulesTest {
    @TempDir
    Path dir;

    private int seed = 100;

    private Path root() {
        return dir.resolve("submissions");
    }

    private Path system(String submitter) throws Exception {
        return Fixtures.copy(
                "system-golden.json",
                dir.resolve("in/system-" + seed + ".json"),
                "\"Example Lab\"",
                Json.mapper().writeValueAsString(submitter));
    }

    private Path run() throws Exception {
        seed++;
        String text = Fixtures.text("run-golden.json")
                .replace("20261125T120000Z-a1b2c3", "run-" + seed)
                .replace("\"seed\" : 42", "\"seed\" : " + seed);
        text = Fixtures.remeasured(text, seed); // each run its own measurement, not a replay
        Path p = dir.resolve("in/run-" + seed + ".json");
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** Writes a submission without the submit-time check (as a hand-made pull request would). */
    private void write(String submitter) throws Exception {
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(run()), system(submitter), null, root()));
    }

    @Test
    void skeletonsOfLookAlikesAreEqualAndOfDifferentNamesDiffer() {
        String nvidia = LookAlikes.skeleton("NVIDIA");
        assertThat(LookAlikes.skeleton("Nvidia")).isEqualTo(nvidia);
        assertThat(LookAlikes.skeleton("NVIDlA")).isEqualTo(nvidia); // lower-case L for I
        assertThat(LookAlikes.skeleton("NV1DIA")).isEqualTo(nvidia);
        assertThat(LookAlikes.skeleton("ＮＶＩＤＩＡ")).isEqualTo(nvidia); // full-width
        assertThat(LookAlikes.skeleton("NVI\u200BDIA")).isEqualTo(nvidia); // zero-width space
        assertThat(LookAlikes.skeleton("NVІDІA")).isEqualTo(nvidia); // Cyrillic І
        assertThat(LookAlikes.skeleton("НР")).isEqualTo(LookAlikes.skeleton("HP")); // all Cyrillic
        assertThat(LookAlikes.skeleton("Intel Corp.")).isEqualTo(LookAlikes.skeleton("intel-corp"));
        assertThat(LookAlikes.skeleton("AMD")).isNotEqualTo(LookAlikes.skeleton("ARM"));
        assertThat(LookAlikes.skeleton("Example Lab")).isNotEqualTo(LookAlikes.skeleton("Example Labs"));
    }

    @Test
    void invisibleCharactersAndMixedScriptsAreRefusedWithTheirOwnAdvice() {
        assertThat(DisplayNames.displayNameProblem("NVI\u200BDIA"))
                .hasValue("contains the invisible character U+200B ZERO WIDTH SPACE at index 3; remove it (an"
                        + " invisible character makes a name look like another one)");
        assertThat(DisplayNames.displayNameProblem("NVІDIA")) // Cyrillic І (U+0406) among Latin letters
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("mixes scripts in the word 'NVІDIA' ([Latin, Cyrillic]; U+0406 CYRILLIC CAPITAL"
                                + " LETTER BYELORUSSIAN-UKRAINIAN I is Cyrillic); write each word in one script"));
        assertThat(DisplayNames.displayNameProblem("東京エレクトロン Tokyo")).isEmpty(); // Han + Katakana, Latin word
        assertThat(DisplayNames.displayNameProblem("Café Müller GmbH")).isEmpty();
        assertThat(DisplayNames.displayNameProblem("Лаборатория Иванова")).isEmpty(); // one script per word
        // and through the reader, as check and submit see it
        assertThatThrownBy(() -> write("NVI\u200BDIA"))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("$.submitter: the name contains the invisible character U+200B");
    }

    @Test
    void aLookAlikeOfASubmitterWithARegisteredKeyIsRefusedAndTheKeyHolderIsKept() throws Exception {
        Path priv = dir.resolve("secret/nvidia.pem");
        Signing.generateKeyPair(priv, dir.resolve("secret/nvidia.pub.pem"));
        new Submitter().submit(new SubmitRequest(List.of(run()), system("NVIDIA"), priv, root(), true));
        write("NVIDlA"); // lower-case L: another slug, looks the same
        write("НР Labs"); // unrelated, and all Cyrillic: fine on its own
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("names");
            assertThat(p.file()).isEqualTo(root().resolve("nvidla/xeon-gold-6338-test-box/system.json"));
            assertThat(p.message())
                    .isEqualTo("the submitter name 'NVIDlA' looks like 'NVIDIA' (" + root().resolve("nvidia")
                            + "): names that differ only in case, accents, invisible characters or look-alike"
                            + " letters are refused");
            assertThat(p.fix())
                    .isEqualTo("if you are 'NVIDIA', submit under exactly that name, signed with its registered"
                            + " key; otherwise choose a name that cannot be mistaken for it");
        });
        assertThat(report.accepted())
                .extracting(AcceptedSubmission::relativePath)
                .containsExactly("labs/xeon-gold-6338-test-box", "nvidia/xeon-gold-6338-test-box");
    }

    @Test
    void lookAlikesWithoutARegisteredKeyAreAllRefusedAndSubmitRefusesTheNewOne() throws Exception {
        write("HP");
        write("НР"); // Cyrillic En and Er: a different slug, the same look
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections()).extracting(Problem::ruleId).containsExactly("names", "names");
        assertThat(report.accepted()).isEmpty();
        assertThat(report.rejections().getFirst().fix())
                .startsWith("choose a submitter name that cannot be mistaken for");
        // submit refuses to add a look-alike: the whole tree is checked with the new folder in it
        Files.walk(root().resolve(DisplayNames.slug("НР")))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(run()), system("Ηp"), null, root())))
                .isInstanceOf(InvalidJsonException.class) // Greek Eta + Latin p: mixed scripts in one word
                .hasMessageContaining("mixes scripts");
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(run()), system("ΗΡ"), null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("looks like 'HP'");
        assertThat(new Checker().check(root()).problems()).isEmpty();
    }

    @Test
    void oneSubmitterFolderCarriesOneNameExactly() throws Exception {
        write("NVIDIA");
        Path other =
                Fixtures.copy("system-golden.json", dir.resolve("in/second.json"), "\"Example Lab\"", "\"Nvidia\"");
        Files.writeString(other, Files.readString(other).replace("\"Xeon Gold 6338 test box\"", "\"Second box\""));
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(run()), other, null, root()));
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .extracting(Problem::ruleId, Problem::file, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "names",
                        root().resolve("nvidia/xeon-gold-6338-test-box/system.json"),
                        "the submitter is named 'NVIDIA' here but 'Nvidia' in "
                                + root().resolve("nvidia/second-box/system.json")
                                + "; one submitter folder carries one name"));
        // submit refuses the same
        Path third = Fixtures.copy("system-golden.json", dir.resolve("in/third.json"), "\"Example Lab\"", "\"nVidia\"");
        Files.writeString(third, Files.readString(third).replace("\"Xeon Gold 6338 test box\"", "\"Third box\""));
        assertThatThrownBy(() -> new Submitter().submit(new SubmitRequest(List.of(run()), third, null, root())))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("one submitter folder carries one name");
    }

    /**
     * A key proves the continuity of one submitter, never the right to a look-alike name: a look-alike that
     * registers its own key is refused by submit (its key is not left behind) and by check, and one key registered
     * for two submitters proves neither.
     */
    @Test
    void aLookAlikeWithItsOwnKeyIsRefusedAndOneKeySpeaksForOneSubmitter() throws Exception {
        Path nvidiaKey = dir.resolve("secret/nvidia.pem");
        Signing.generateKeyPair(nvidiaKey, dir.resolve("secret/nvidia.pub.pem"));
        new Submitter().submit(new SubmitRequest(List.of(run()), system("NVIDIA"), nvidiaKey, root(), true));
        Path forgerKey = dir.resolve("secret/forger.pem");
        Signing.generateKeyPair(forgerKey, dir.resolve("secret/forger.pub.pem"));
        Path keys = dir.resolve("keys");
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(run()), system("NVIDlA"), forgerKey, root(), true)))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("looks like 'NVIDIA'");
        assertThat(keys.resolve("nvidla.pem"))
                .as("the look-alike's key is not registered")
                .doesNotExist();

        // the same, as a hand-made pull request that brings the look-alike's key: check refuses the look-alike
        Files.copy(dir.resolve("secret/forger.pub.pem"), keys.resolve("nvidla.pem"));
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(run()), system("NVIDlA"), forgerKey, root(), false));
        CheckReport report = new Checker().check(root());
        assertThat(report.rejections())
                .filteredOn(p -> p.file().startsWith(root().resolve("nvidla")))
                .extracting(Problem::ruleId, Problem::field)
                .contains(org.assertj.core.groups.Tuple.tuple("names", "$.submitter"));
        assertThat(report.accepted())
                .extracting(AcceptedSubmission::relativePath)
                .doesNotContain("nvidla/xeon-gold-6338-test-box");

        // one key registered for two submitters (neither a look-alike): both are refused
        Files.delete(keys.resolve("nvidla.pem"));
        Files.walk(root().resolve("nvidla"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(run()), system("Other Lab"), nvidiaKey, root(), true)))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("one key, one submitter");
        Files.copy(dir.resolve("secret/nvidia.pub.pem"), keys.resolve("other-lab.pem"));
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(run()), system("Other Lab"), nvidiaKey, root(), false));
        assertThat(new Checker().check(root()).rejections())
                .extracting(Problem::ruleId, Problem::message)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "signature",
                                "the key registered for nvidia is also registered for [other-lab]: one key, one"
                                        + " submitter"),
                        org.assertj.core.groups.Tuple.tuple(
                                "signature",
                                "the key registered for other-lab is also registered for [nvidia]: one key, one"
                                        + " submitter"));
    }
}
