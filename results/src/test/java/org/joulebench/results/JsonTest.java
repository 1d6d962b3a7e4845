package org.joulebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.EnergyResult;
import org.joulebench.results.run.RunRecord;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.submission.SystemDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path dir;

    @Test
    void goldenRunRecordValidatesAndRoundTripsByteForByte() throws Exception {
        RunRecord run = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        assertThat(JsonSchemas.RUN_RECORD.validate(Json.mapper().readTree(Fixtures.bytes("run-golden.json"))))
                .isEmpty();
        byte[] written = Json.toBytes(run);
        // every model type inside a RunRecord survives write -> read unchanged
        assertThat(SafeJsonReader.parseRunRecord("again", written)).isEqualTo(run);
        assertThat(Json.toBytes(SafeJsonReader.parseRunRecord("again", written)))
                .isEqualTo(written);
        assertThat(run.results()
                        .getFirst()
                        .energy()
                        .domains()
                        .getFirst()
                        .details()
                        .zones())
                .containsExactly("intel-rapl:0");
    }

    @Test
    void systemDescriptionAndManifestRoundTrip() throws Exception {
        SystemDescription s = SafeJsonReader.parseSystemDescription("golden", Fixtures.bytes("system-golden.json"));
        assertThat(s.datasheetPeaks().flopsPerSecondByDtype()).containsEntry("fp32", 3.2768e12);
        assertThat(SafeJsonReader.parseSystemDescription("again", Json.toBytes(s)))
                .isEqualTo(s);
        Path f = dir.resolve("system.json");
        Json.writeSystemDescription(f, s);
        assertThat(Json.readSystemDescription(f)).isEqualTo(s);

        Manifest m = new Manifest(1, "SHA-256", Map.of("system.json", "a".repeat(64), "runs/r1.json", "b".repeat(64)));
        assertThat(Manifest.parse("m", m.toBytes())).isEqualTo(m);
    }

    @Test
    void handWrittenSystemMayLeaveOptionalFieldsOut() {
        String json =
                "{\"submitter\":\"Lab\",\"systemName\":\"Box\",\"chipVendor\":\"AMD\",\"chipModel\":\"EPYC\",\"chipKind\":\"CPU\"}";
        SystemDescription s = SafeJsonReader.parseSystemDescription("s", json.getBytes());
        assertThat(s.tdpWatts()).isNull();
        assertThat(s.datasheetPeaks()).isNull();
    }

    @Test
    void writeRunRecordIsAtomicAndReadable() throws Exception {
        RunRecord run = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        Path f = dir.resolve("runs/run.json");
        Json.writeRunRecord(f, run);
        assertThat(Json.readRunRecord(f)).isEqualTo(run);
        try (var files = Files.list(f.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("run.json");
        }
    }

    @Test
    void writeRefusesNonFiniteAndNegativeValuesAndKeepsTheOldFile() throws Exception {
        RunRecord run = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        Path f = dir.resolve("run.json");
        Json.writeRunRecord(f, run);
        byte[] before = Files.readAllBytes(f);

        var r = run.results().getFirst();
        DomainEnergy d = r.energy().domains().getFirst();
        DomainEnergy nan = new DomainEnergy(
                d.domain(),
                d.sensor(),
                d.method(),
                d.tier(),
                d.estimated(),
                Double.NaN,
                d.joulesPerOp(),
                d.joulesPerOpError(),
                d.joulesPerOpPerIteration(),
                d.picojoulesPerUnit(),
                d.unitsPerJoule(),
                d.averagePowerWatts(),
                d.idlePowerWatts(),
                d.dynamicJoulesPerOp(),
                d.details(),
                d.scope(),
                d.scopeDevice(),
                d.summedInstances(),
                d.raw());
        RunRecord bad = withDomain(run, nan);
        assertThatThrownBy(() -> Json.writeRunRecord(f, bad))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage(
                        f + ": $.results[0].energy.domains[0].joules: malformed JSON: NaN and Infinity are not"
                                + " JSON numbers; write a finite number (or null where the field allows it) (line 110, column 23)");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    static RunRecord withDomain(RunRecord run, DomainEnergy d) {
        var r = run.results().getFirst();
        var nr = r.toBuilder()
                .energy(
                        new EnergyResult(
                                r.energy().selection(), List.of(d), r.energy().warnings()),
                        null)
                .build();
        return new RunRecord(
                run.schemaVersion(),
                run.runId(),
                run.profile(),
                run.startedAt(),
                run.endedAt(),
                run.startMonotonicNanos(),
                run.endMonotonicNanos(),
                run.harness(),
                run.environment(),
                List.of(nr),
                run.warnings());
    }
}
