package org.joulebench.results;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.joulebench.results.json.InvalidJsonException;
import org.joulebench.results.json.SafeJsonReader;
import org.joulebench.results.submission.Manifest;

/**
 * Fuzzes the run-record, system-description and manifest parsers: whatever the bytes, the only
 * exception that may escape is the documented {@link InvalidJsonException}. Anything else is a crash
 * Jazzer saves; keep it under {@code ParserFuzzTestInputs/<method>/} as a regression input.
 *
 * <p>{@code mvn test} replays the saved inputs only; {@code JAZZER_FUZZ=1} fuzzes, bounded by
 * {@code maxDuration}.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void runRecord(byte[] input) {
        try {
            SafeJsonReader.parseRunRecord("fuzz", input);
        } catch (InvalidJsonException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "60s")
    void systemDescription(byte[] input) {
        try {
            SafeJsonReader.parseSystemDescription("fuzz", input);
        } catch (InvalidJsonException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] input) {
        try {
            Manifest.parse("fuzz", input);
        } catch (InvalidJsonException expected) {
            // documented
        }
    }
}
