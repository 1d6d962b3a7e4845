package org.joulebench.results.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.submission.Manifest;
import org.joulebench.results.system.SystemDescription;
import org.joulebench.vocabulary.PowerSample;
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
    void aVersionOneRecordIsReadIntoTheCurrentModelWithWhatVersionOneMeant() {
        RunRecord v1 = SafeJsonReader.parseRunRecord("v1", Fixtures.bytes("run-v1-golden.json"));
        assertThat(v1.schemaVersion()).isEqualTo(1);
        var r = v1.results().getFirst();
        assertThat(r.implementation()).isEqualTo(ImplementationRecord.V1_DEFAULT);
        assertThat(r.deviceKind()).isEqualTo("CPU");
        assertThat(r.deviceHardwareId()).isNull();
        assertThat(r.overhead()).isNull();
        assertThat(r.jmh().batchSize()).isEqualTo(1);
        assertThat(r.jmh().javaExecutable()).isNull();
        assertThat(r.jmh().batchRule()).isEqualTo(RecordV1Upgrade.V1_BATCH_RULE);
        DomainEnergy d = r.energy().domains().getFirst();
        // the CPU package of a result that ran on the CPU is that device
        assertThat(d.scope()).isEqualTo(DomainEnergy.SCOPE_DEVICE);
        assertThat(d.scopeDevice()).isNull();
        assertThat(d.summedInstances()).isEmpty();
        assertThat(d.raw()).isNull();
        var device = v1.environment().backends().getFirst().devices().getFirst();
        assertThat(device.hardwareId()).isNull();
        assertThat(device.implementations()).isEmpty();
        // the figures themselves are read as written
        assertThat(d.joules()).isEqualTo(225.0);
        assertThat(d.unitsPerJoule()).isEqualTo(0.5965232355555555);
        // a version-1 file is checked against the version-1 schema
        assertThatThrownBy(() -> SafeJsonReader.parseRunRecord(
                        "v1",
                        Fixtures.text("run-v1-golden.json")
                                .replace("\"dims\"", "\"scope\" : \"HOST\", \"dims\"")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageStartingWith("v1: $.results[0].scope: property 'scope' is not defined in the schema")
                .hasMessageContaining("[schema run-record-v1.schema.json]");
    }

    @Test
    void versionOneScopesAreInferredFromTheDomainAndTheDevice() {
        assertThat(RecordV1Upgrade.scope("cpu-package", "COUNTER", "CPU")).hasToString("DEVICE");
        assertThat(RecordV1Upgrade.scope("dram", "COUNTER", "CPU")).hasToString("DEVICE");
        assertThat(RecordV1Upgrade.scope("cpu-package", "COUNTER", "GPU")).hasToString("HOST");
        assertThat(RecordV1Upgrade.scope("gpu-board", "COUNTER", "GPU")).hasToString("DEVICE");
        assertThat(RecordV1Upgrade.scope("node-wall", "EXTERNAL_METER", "CPU")).hasToString("NODE");
        assertThat(RecordV1Upgrade.scope("psys", "COUNTER", "CPU")).hasToString("HOST");
    }

    @Test
    void newerVersionsAreRefusedAndOnlyTheCurrentOneIsWritten() throws Exception {
        String v4 = Fixtures.text("run-golden.json").replace("\"schemaVersion\" : 3", "\"schemaVersion\" : 4");
        assertThatThrownBy(
                        () -> SafeJsonReader.parseRunRecord("r", v4.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessage("r: $.schemaVersion: schema version 4 is newer than this joulebench reads (1 to 3); update"
                        + " joulebench");
        RunRecord v1 = SafeJsonReader.parseRunRecord("v1", Fixtures.bytes("run-v1-golden.json"));
        Path f = dir.resolve("old.json");
        assertThatThrownBy(() -> Json.writeRunRecord(f, v1))
                .hasMessage(f + ": $.schemaVersion: records are written in schema version 3 only, not 1");
        assertThat(f).doesNotExist();
    }

    @Test
    void sampledPowerReadingsRoundTrip() {
        RunRecord run = SafeJsonReader.parseRunRecord("golden", Fixtures.bytes("run-golden.json"));
        DomainEnergy d = run.results().getFirst().energy().domains().getFirst();
        RawReadings sampled = new RawReadings(
                RawReadings.POWER_SAMPLES,
                5000,
                List.of(),
                List.of(new RawWindow(
                        2,
                        1,
                        64,
                        100,
                        1_000_000_100L,
                        null,
                        null,
                        List.of(new PowerSample(200, 301.5), new PowerSample(500_000_000, 310.25)),
                        null,
                        Map.of("temperatureC", 41.0, "smClockMHz", 1980.0),
                        Map.of("temperatureC", 63.0, "smClockMHz", 1755.0))));
        DomainEnergy withSamples = new DomainEnergy(
                d.domain(),
                d.sensor(),
                d.method(),
                d.tier(),
                d.estimated(),
                d.joules(),
                d.joulesPerOp(),
                d.joulesPerOpError(),
                d.joulesPerOpPerIteration(),
                d.picojoulesPerUnit(),
                d.unitsPerJoule(),
                d.averagePowerWatts(),
                d.idlePowerWatts(),
                d.dynamicJoulesPerOp(),
                d.details(),
                DomainEnergy.SCOPE_NODE,
                null,
                List.of("psu-1", "psu-2"),
                sampled);
        RunRecord again = SafeJsonReader.parseRunRecord("again", Json.toBytes(withDomain(run, withSamples)));
        assertThat(again.results().getFirst().energy().domains().getFirst()).isEqualTo(withSamples);
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
                                + " JSON numbers; write a finite number (or null where the field allows it) (line 136, column 23)");
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
