package org.joulebench.results.check;

import java.util.Set;
import org.joulebench.results.DisplayNames;

/**
 * The schema-1 run records committed before schema 2 (which added raw readings), by the SHA-256 of their bytes: the
 * only version-1 records {@code check} accepts. A version-1 record carries no raw readings to recompute its energy
 * from, so a new one, or a committed one edited, would be figures taken on trust; {@code submit} refuses version 1
 * too.
 */
final class LegacyRecords {
    /** From git history: results/submissions/joulebench-maintainers/2-vcpu-amd-epyc-zen-4-cloud-vm/runs/. */
    static final Set<String> COMMITTED_V1 = Set.of(
            "988d03677b1eedef880b4f19be54173a21d443ad1b505ddfc74afa233498ab8d", // 20261125T134519Z-df63f6.json
            "34269e457a05bdeb6106d86b59397e7ebcd4571521bc9a398b1ab3ad341a45ce"); // 20261125T142011Z-8e63c9.json

    private LegacyRecords() {}

    static boolean accepted(byte[] recordBytes) {
        return COMMITTED_V1.contains(DisplayNames.sha256Hex(recordBytes));
    }
}
