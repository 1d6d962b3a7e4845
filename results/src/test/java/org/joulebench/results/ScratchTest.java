package org.joulebench.results;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void show() {
        String[][] cases = {
            {"\"schemaVersion\" : 1,", "\"schemaVersion\" : 1, \"bogus\": 3,"},
            {"\"profile\" : \"submission\",", ""},
            {"\"joules\" : 225.0", "\"joules\" : -225.0"},
            {"\"joules\" : 225.0", "\"joules\" : 1e400"},
            {"\"joules\" : 225.0", "\"joules\" : NaN"},
            {"\"forks\" : 1,", "\"forks\" : \"one\","},
            {"\"startedAt\" : \"2026-11-25T12:00:00Z\"", "\"startedAt\" : \"yesterday\""},
            {"\"energyUnavailableReason\" : null", "\"energyUnavailableReason\" : \"x\""},
            {"\"seed\" : 42,", "\"seed\" : 4200000000000000000000000,"},
            {"\"estimated\" : false,", "\"estimated\" : true,"},
        };
        for (String[] c : cases) {
            try {
                SafeJsonReader.parseRunRecord("f.json", Fixtures.text("run-golden.json").replace(c[0], c[1]).getBytes());
                System.out.println("OK?? " + c[1]);
            } catch (InvalidJsonException e) {
                System.out.println(e.getMessage());
            }
        }
        System.out.println(SafeJsonReader.parseRunRecord("f", Fixtures.bytes("run-golden.json")));
    }
}
