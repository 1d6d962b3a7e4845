package org.joulebench.results.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters are refused in every shown field of the committed files' kinds (run record, system
 * description), each rejection naming the field; free text keeps its line breaks; the committed files
 * themselves read clean.
 */
class ShownTextTest {
    static final Path COMMITTED =
            Path.of("submissions/joulebench-maintainers/2-vcpu-intel-xeon-emerald-rapids-cloud-vm");

    @TempDir
    Path tmp;

    private static Path committedRun() throws Exception {
        try (Stream<Path> s = Files.list(COMMITTED.resolve("runs"))) {
            return s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    private Path edited(Path from, String find, String replace) throws Exception {
        String text = Files.readString(from);
        assertThat(text).contains(find);
        Path f = tmp.resolve(from.getFileName());
        Files.writeString(
                f,
                text.replaceFirst(
                        java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace)),
                StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void everyShownFieldRefusesControlCharactersAndNamesTheField() throws Exception {
        Path run = committedRun();
        Path sys = COMMITTED.resolve("system.json");
        assertThatThrownBy(() -> SafeJsonReader.readRunRecord(
                        edited(run, "\"deviceName\" : \"Intel(R)", "\"deviceName\" : \"\\t=cmd() Intel(R)")))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("$.results[0].deviceName")
                .hasMessageContaining("U+0009");
        assertThatThrownBy(() -> SafeJsonReader.readRunRecord(
                        edited(run, "\"hostname\" : \"vm\"", "\"hostname\" : \"v\\u001b[31mm\"")))
                .hasMessageContaining("$.environment.hostname")
                .hasMessageContaining("U+001B");
        assertThatThrownBy(() -> SafeJsonReader.readRunRecord(edited(run, "\"vectorApi\"", "\"vector\\u0085Api\"")))
                .hasMessageContaining("$.environment.backends[0].devices[0].properties: a key contains")
                .hasMessageContaining("U+0085");
        assertThatThrownBy(() -> SafeJsonReader.readSystemDescription(
                        edited(sys, "\"chipVendor\" : \"Intel\"", "\"chipVendor\" : \"Intel\\r=1+1\"")))
                .hasMessageContaining("$.chipVendor")
                .hasMessageContaining("U+000D");
        assertThatThrownBy(() -> SafeJsonReader.readSystemDescription(
                        edited(sys, "\"memory\" : \"24", "\"memory\" : \"\\u202e24")))
                .hasMessageContaining("$.memory")
                .hasMessageContaining("U+202E");
        // free text keeps a line break, nothing else of the kind
        assertThat(SafeJsonReader.readRunRecord(
                                edited(run, "\"warnings\" : [ \"backend", "\"warnings\" : [ \"two\\nlines: backend"))
                        .warnings()
                        .getFirst())
                .startsWith("two\nlines");
        assertThatThrownBy(() -> SafeJsonReader.readRunRecord(
                        edited(run, "\"warnings\" : [ \"backend", "\"warnings\" : [ \"\\u0007backend")))
                .hasMessageContaining("$.warnings[0]");
    }

    @Test
    void theCommittedFilesReadClean() throws Exception {
        assertThat(SafeJsonReader.readRunRecord(committedRun()).results()).isNotEmpty();
        assertThat(SafeJsonReader.readSystemDescription(COMMITTED.resolve("system.json"))
                        .submitter())
                .isEqualTo("joulebench maintainers");
    }
}
