package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A size sweep as its own unranked kind, on real files: the golden record (gemm fp32 at 256³, accepted as it is)
 * made into the first point of a 2-point sweep from 256³ to 512³ and submitted, then forged; the whole tree
 * checked each time.
 */
class SweepRulesTest {
    @TempDir
    Path dir;

    static final String SWEEP =
            "\"sweep\" : {\"kernel\":\"gemm\",\"dtype\":\"fp32\",\"backend\":\"cpu\",\"device\":\"cpu0\","
                    + "\"from\":{\"M\":256,\"N\":256,\"K\":256},\"to\":{\"M\":512,\"N\":512,\"K\":512},\"points\":2,"
                    + "\"cacheBytes\":{\"L1d\":49152,\"L2\":1310720,\"L3\":50331648}},\n  \"warnings\" : [ ]\n}";

    private Path root() {
        return dir.resolve("submissions");
    }

    /** The golden run with the replacements (pairs), as its own measurement, submitted without the submit check. */
    private List<Problem> submitAndCheck(String runId, String... replacements) throws Exception {
        String run = Fixtures.remeasured(Fixtures.text("run-golden.json"), runId.hashCode() % 1000)
                .replace("20261125T120000Z-a1b2c3", runId);
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(run).contains(replacements[i]);
            run = run.replace(replacements[i], replacements[i + 1]);
        }
        Path in = dir.resolve("in/" + runId + ".json");
        Files.createDirectories(in.getParent());
        Files.writeString(in, run);
        Path system = Fixtures.copy("system-golden.json", dir.resolve("in/system-" + runId + ".json"), null, null);
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(in), system, null, root()));
        return new Checker()
                .check(root()).problems().stream()
                        .filter(p -> p.file().getFileName().toString().equals(runId + ".json"))
                        .toList();
    }

    /** The golden result as the sweep's first point: a custom shape labelled by its dims in the kernel's order. */
    private static String[] asSweepPoint(String dims) {
        return new String[] {
            "\"size\" : \"S\",",
            "\"size\" : \"custom\",",
            "\"shapeLabel\" : \"square-256\",",
            "\"shapeLabel\" : \"" + dims + "\",",
            "\"warnings\" : [ ]\n}",
            SWEEP
        };
    }

    @Test
    void anHonestSweepPointOutsideTheCatalogueIsAccepted() throws Exception {
        List<Problem> problems = submitAndCheck("sweep-honest", asSweepPoint("M=256,N=256,K=256"));
        assertThat(problems).filteredOn(p -> p.severity() == Severity.REJECT).isEmpty();
    }

    @Test
    void aSweepPointWhoseWorkCountsAreNotItsDimsIsRejected() throws Exception {
        // claims the 512³ point (8x the FLOPs per invocation) with the 256³ point's work and time: 8x the GFLOP/s
        String[] forged = asSweepPoint("M=512,N=512,K=512");
        List<Problem> problems = submitAndCheck(
                "sweep-forged",
                forged[0],
                forged[1],
                forged[2],
                forged[3],
                forged[4],
                forged[5],
                "\"K\" : 256,\n      \"M\" : 256,\n      \"N\" : 256",
                "\"K\" : 512,\n      \"M\" : 512,\n      \"N\" : 512");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("$.results[0].work.operations"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.ruleId()).isEqualTo("catalogue");
                    assertThat(p.severity()).isEqualTo(Severity.REJECT);
                    assertThat(p.message()).contains("33554432").contains("268435456");
                });
    }

    @Test
    void aShapeOutsideTheSweepsSeriesIsRejected() throws Exception {
        String[] off = asSweepPoint("M=256,N=256,K=256");
        off[5] = SWEEP.replace("\"M\":512,\"N\":512,\"K\":512", "\"M\":1024,\"N\":1024,\"K\":1024")
                .replace("\"points\":2", "\"points\":3");
        // series 256³, 512³, 1024³ would include it; from 300³ it does not
        off[5] = off[5].replace("\"from\":{\"M\":256,\"N\":256,\"K\":256}", "\"from\":{\"M\":300,\"N\":300,\"K\":300}");
        List<Problem> problems = submitAndCheck("sweep-off", off);
        assertThat(problems)
                .filteredOn(p -> p.ruleId().equals("sweep"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.results[0].dims");
                    assertThat(p.message()).contains("not a point of the sweep's series");
                });
    }

    @Test
    void aSweepBeyondItsBoundsIsRejected() throws Exception {
        String[] huge = asSweepPoint("M=256,N=256,K=256");
        huge[5] = SWEEP.replace("\"M\":512,\"N\":512,\"K\":512", "\"M\":2000000,\"N\":2000000,\"K\":2000000");
        List<Problem> problems = submitAndCheck("sweep-huge", huge);
        assertThat(problems)
                .filteredOn(p -> p.ruleId().equals("sweep"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.sweep");
                    // a point no device could hold: the kernel refuses it (each tensor one Java array), before its 64
                    // GiB bound
                    assertThat(p.message()).contains("point 2 of the series").contains("not a shape of gemm");
                });
    }

    @Test
    void aShapeOutsideTheCatalogueInARecordThatIsNotASweepIsStillRejected() throws Exception {
        List<Problem> problems = submitAndCheck(
                "not-a-sweep",
                "\"size\" : \"S\",",
                "\"size\" : \"custom\",",
                "\"shapeLabel\" : \"square-256\",",
                "\"shapeLabel\" : \"M=256,N=256,K=256\",");
        assertThat(problems)
                .filteredOn(p -> p.severity() == Severity.REJECT)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.ruleId()).isEqualTo("catalogue"))
                .anySatisfy(p -> assertThat(p.message()).contains("custom"));
    }
}
