package org.joulebench.results.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.system.SystemDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeJsonReaderTest {
    @TempDir
    Path dir;

    private static String golden() {
        return Fixtures.text("run-golden.json");
    }

    private static InvalidJsonException runError(String json) {
        try {
            SafeJsonReader.parseRunRecord("run.json", json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidJsonException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    private static InvalidJsonException systemError(String json) {
        try {
            SafeJsonReader.parseSystemDescription("system.json", json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidJsonException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void truncated() {
        var e = runError(golden().substring(0, 2000));
        assertThat(e.jsonPath()).isEqualTo("$.results[0].implementation.kind");
        assertThat(e.problem()).startsWith("malformed JSON: Unexpected end-of-input");
    }

    @Test
    void wrongType() {
        var e = runError(golden().replace("\"forks\" : 1,", "\"forks\" : \"one\","));
        assertThat(e.getMessage())
                .isEqualTo(
                        "run.json: $.results[0].jmh.forks: string found, integer expected [schema run-record.schema.json]");
    }

    @Test
    void floatWhereIntegerExpected() {
        var e = runError(golden().replace("\"forks\" : 1,", "\"forks\" : 1.5,"));
        assertThat(e.jsonPath()).isEqualTo("$.results[0].jmh.forks");
    }

    @Test
    void unknownField() {
        var e = runError(golden().replace("\"schemaVersion\" : 3,", "\"schemaVersion\" : 3, \"bogus\" : 3,"));
        assertThat(e.getMessage())
                .isEqualTo("run.json: $.bogus: property 'bogus' is not defined in the schema and the schema does not"
                        + " allow additional properties [schema run-record.schema.json]");
    }

    @Test
    void missingRequired() {
        var e = runError(golden().replace("\"profile\" : \"submission\",", ""));
        assertThat(e.getMessage())
                .isEqualTo(
                        "run.json: $.profile: required property 'profile' not found [schema run-record.schema.json]");
    }

    @Test
    void nanAndInfinity() {
        var e = runError(golden().replace("\"joules\" : 225.0", "\"joules\" : NaN"));
        assertThat(e.getMessage())
                .isEqualTo(
                        "run.json: $.results[0].energy.domains[0].joules: malformed JSON: NaN and Infinity are not"
                                + " JSON numbers; write a finite number (or null where the field allows it) (line 136, column 23)");
        var inf = runError(golden().replace("\"joules\" : 225.0", "\"joules\" : 1e400"));
        assertThat(inf.getMessage())
                .isEqualTo("run.json: $.results[0].energy.domains[0].joules: number out of range (not finite); write a"
                        + " finite number");
    }

    @Test
    void negativeEnergy() {
        var e = runError(golden().replace("\"joules\" : 225.0", "\"joules\" : -225.0"));
        assertThat(e.getMessage())
                .isEqualTo("run.json: $.results[0].energy.domains[0].joules: must have a minimum value of 0 [schema"
                        + " run-record.schema.json]");
    }

    @Test
    void absurdNumbers() {
        var e = runError(golden().replace("\"averagePowerWatts\" : 45.0", "\"averagePowerWatts\" : 4.5E9"));
        assertThat(e.getMessage())
                .isEqualTo("run.json: $.results[0].energy.domains[0].averagePowerWatts: must have a maximum value of"
                        + " 1000000.0 [schema run-record.schema.json]");
        var big = runError(golden().replace("\"seed\" : 42,", "\"seed\" : 4200000000000000000000000,"));
        assertThat(big.jsonPath()).isEqualTo("$.results[0].verification.seed");
        assertThat(big.problem()).contains("out of range of `long`");
    }

    @Test
    void energyNullNeedsAReason() {
        String noEnergy =
                golden().replaceAll("(?s)\"energy\" : \\{.*?\"warnings\" : \\[ \\]\n    \\}", "\"energy\" : null");
        var e = runError(noEnergy);
        assertThat(e.getMessage())
                .isEqualTo("run.json: $.results[0].energyUnavailableReason: null found, string expected [schema"
                        + " run-record.schema.json]");
        var ok = SafeJsonReader.parseRunRecord(
                "run.json",
                noEnergy.replace("\"energyUnavailableReason\" : null", "\"energyUnavailableReason\" : \"no RAPL\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.results().getFirst().energy()).isNull();
    }

    @Test
    void fileTooLarge() throws Exception {
        Path f = dir.resolve("huge.json");
        Files.write(f, new byte[(int) Json.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> SafeJsonReader.readRunRecord(f))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage(f + ": $: the file is larger than 16 MiB; a run record that large is not a benchmark"
                        + " result (split it into runs)");
    }

    @Test
    void nestingTooDeep() {
        String deep = "{\"warnings\":" + "[".repeat(100) + "]".repeat(100) + "}";
        var e = runError(deep);
        assertThat(e.problem()).startsWith("malformed JSON: Document nesting depth (33) exceeds the maximum allowed");
    }

    @Test
    void notUtf8() {
        byte[] bytes = golden().replace("bench-01", "bench-\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SafeJsonReader.parseRunRecord("run.json", bytes))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage("run.json: $: not valid UTF-8 near byte offset 452; save the file as UTF-8");
    }

    @Test
    void duplicateKeysAndTrailingData() {
        assertThat(runError(golden().replace("\"schemaVersion\" : 3,", "\"schemaVersion\" : 3, \"schemaVersion\" : 3,"))
                        .problem())
                .startsWith("malformed JSON: Duplicate Object property \"schemaVersion\"");
        assertThat(runError(golden() + "{}").problem()).startsWith("malformed JSON: Trailing token");
    }

    @Test
    void emptyFile() {
        assertThat(runError("").getMessage()).isEqualTo("run.json: $: the file is empty; expected a JSON object");
    }

    private static String system(String submitter) {
        return Fixtures.text("system-golden.json").replace("\"Example Lab\"", submitter);
    }

    @Test
    void namesWithPathSyntaxOrControlCharactersAreRejected() {
        assertThat(systemError(system("\"../../etc\"")).getMessage())
                .isEqualTo(
                        "system.json: $.submitter: the name contains '..' (path syntax is not allowed in names); write"
                                + " it without '..'");
        assertThat(systemError(system("\"Lab/Team\"")).getMessage())
                .isEqualTo("system.json: $.submitter: the name contains a slash (path syntax is not allowed in names);"
                        + " write it without '/' and '\\'");
        assertThat(systemError(system("\"Lab\\\\Team\"")).problem())
                .isEqualTo("the name contains a slash (path syntax is not allowed in names); write it without '/' and"
                        + " '\\'");
        assertThat(systemError(system("\"Lab\\u0007\"")).getMessage())
                .isEqualTo("system.json: $.submitter: the name contains the control character U+0007 at index 3; remove"
                        + " it (control, line-separator and text-direction characters change how a name is shown)");
        assertThat(systemError(system("\"Lab\\u202Eevil\"")).problem())
                .startsWith("the name contains the control character U+202E at index 3");
        assertThat(systemError(Fixtures.text("system-golden.json").replace("\"Xeon Gold 6338 test box\"", "\"box\\n\""))
                        .jsonPath())
                .isEqualTo("$.systemName");
    }

    @Test
    void markupInNamesIsTextAndSlugsSafely() {
        SystemDescription s = SafeJsonReader.parseSystemDescription(
                "system.json", system("\"<script>alert('x')<script> Lab & Co\"").getBytes(StandardCharsets.UTF_8));
        assertThat(s.submitter()).isEqualTo("<script>alert('x')<script> Lab & Co");
        assertThat(DisplayNames.slug(s.submitter())).isEqualTo("script-alert-x-script-lab-co");
        // a closing tag has a slash: names with slashes are refused (path syntax)
        assertThat(systemError(system("\"<script>x</script>\"")).jsonPath()).isEqualTo("$.submitter");
        assertThat(DisplayNames.slug("Café Müller GmbH")).isEqualTo("cafe-muller-gmbh");
        assertThat(DisplayNames.slug("日本電気")).matches("x-[0-9a-f]{12}").isNotEqualTo(DisplayNames.slug("東芝"));
        assertThat(DisplayNames.slug("...")).matches("x-[0-9a-f]{12}");
        assertThat(DisplayNames.slug("a".repeat(100))).hasSize(DisplayNames.MAX_SLUG_LENGTH);
        assertThat(DisplayNames.isSlug(DisplayNames.slug("-- x --"))).isTrue();
    }
}
