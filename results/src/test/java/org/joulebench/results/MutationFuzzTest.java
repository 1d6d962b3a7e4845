package org.joulebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.submission.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded fuzzing in every normal test run (Jazzer's {@link ParserFuzzTest} replays its saved inputs
 * unless {@code JAZZER_FUZZ=1}): structure-aware mutations of the golden files — byte flips,
 * truncation, duplicated and deleted spans, hostile tokens spliced in — fed to the parsers. Whatever the
 * bytes, only the documented {@link InvalidJsonException} may escape. Seeded, so a failure reproduces;
 * the seed and the input are in the failure message.
 */
class MutationFuzzTest {
    private static final int ITERATIONS = 2_000;
    private static final String[] TOKENS = {
        "NaN",
        "-Infinity",
        "1e400",
        "-1",
        "null",
        "\"\"",
        "{}",
        "[]",
        "[[[[[[[[",
        "}}}}",
        "\"../../etc\"",
        "\"<script>alert(1)</script>\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "9223372036854775808",
        "true",
        ",",
        ":",
        "\""
    };

    @ParameterizedTest
    @ValueSource(strings = {"run-golden.json", "run-v1-golden.json", "system-golden.json", "manifest"})
    void parsersOnlyThrowTheDocumentedException(String fixture) throws Exception {
        byte[] golden = fixture.equals("manifest")
                ? "{\"files\":{\"system.json\":\"00\",\"runs/a.json\":\"ff\"}}".getBytes(StandardCharsets.UTF_8)
                : Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(20261125L ^ fixture.hashCode());
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(golden, random);
            try {
                switch (fixture) {
                    case "run-golden.json", "run-v1-golden.json" -> SafeJsonReader.parseRunRecord("fuzz", input);
                    case "system-golden.json" -> SafeJsonReader.parseSystemDescription("fuzz", input);
                    default -> Manifest.parse("fuzz", input);
                }
            } catch (InvalidJsonException expected) {
                rejected++;
                assertThat(expected.getMessage()).startsWith("fuzz: ");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(
                        "iteration " + i + " of " + fixture + " escaped with " + e + " on input:\n"
                                + new String(input, StandardCharsets.UTF_8),
                        e);
            }
        }
        // the mutations must actually break things, or this test tests nothing
        assertThat(rejected).isGreaterThan(ITERATIONS / 2);
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] out = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            if (out.length == 0) {
                return out;
            }
            int at = r.nextInt(out.length);
            switch (r.nextInt(5)) {
                case 0 -> out[at] = (byte) r.nextInt(256); // any byte, invalid UTF-8 included
                case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                case 2 -> { // delete a span
                    int len = Math.min(out.length - at, 1 + r.nextInt(40));
                    byte[] cut = new byte[out.length - len];
                    System.arraycopy(out, 0, cut, 0, at);
                    System.arraycopy(out, at + len, cut, at, out.length - at - len);
                    out = cut;
                }
                case 3 -> out = splice(out, at, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                default -> { // duplicate a span
                    int len = Math.min(out.length - at, 1 + r.nextInt(80));
                    byte[] span = java.util.Arrays.copyOfRange(out, at, at + len);
                    out = splice(out, at, span);
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, byte[] insert) {
        byte[] out = new byte[in.length + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at, out, at + insert.length, in.length - at);
        return out;
    }
}
