package org.joulebench.results.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.joulebench.results.fixtures.Fixtures;
import org.joulebench.results.json.Json;
import org.joulebench.results.submit.SubmissionException;
import org.joulebench.results.submit.SubmitRequest;
import org.joulebench.results.submit.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Rule {@code stand-in}: a result on a stand-in device (the CUDA stand-in driver) never becomes a record. */
class StandInRulesTest {
    @TempDir
    Path dir;

    private static ObjectNode device(ObjectNode run) {
        return (ObjectNode)
                run.get("environment").get("backends").get(0).get("devices").get(0);
    }

    private Path run(Consumer<ObjectNode> change) throws Exception {
        ObjectNode run = (ObjectNode) Json.mapper().readTree(Fixtures.text("run-golden.json"));
        change.accept(run);
        Path in = dir.resolve("in/run.json");
        Files.createDirectories(in.getParent());
        Files.write(in, Json.mapper().writeValueAsBytes(run));
        return in;
    }

    private CheckReport submitUnrefusedAndCheck(Path in) throws Exception {
        Path system = Fixtures.copy("system-golden.json", dir.resolve("in/system.json"), null, null);
        new Submitter(Submitter.FailureInjector.NONE, false)
                .submit(new SubmitRequest(List.of(in), system, null, dir.resolve("submissions")));
        return new Checker().check(dir.resolve("submissions"));
    }

    @Test
    void aResultOnADeviceMarkedStandInIsRejected() throws Exception {
        CheckReport report =
                submitUnrefusedAndCheck(run(r -> ((ObjectNode) device(r).get("properties")).put("standIn", "true")));
        assertThat(report.rejections()).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo(Rule.STAND_IN);
            assertThat(p.field()).isEqualTo("$.results[0].device");
            assertThat(p.message()).contains("nothing timed on it is a measurement");
        });
        assertThat(report.accepted()).isEmpty();
    }

    @Test
    void aDeviceNamedAsTheStandInIsRejectedEvenWithoutTheProperty() throws Exception {
        CheckReport report = submitUnrefusedAndCheck(
                run(r -> device(r).put("name", "joulebench stand-in CUDA device (kernels run on the CPU, not a GPU)")));
        assertThat(report.rejections()).anySatisfy(p -> assertThat(p.rule()).isEqualTo(Rule.STAND_IN));
    }

    @Test
    void submitRefusesIt() throws Exception {
        Path in = run(r -> ((ObjectNode) device(r).get("properties")).put("standIn", "true"));
        Path system = Fixtures.copy("system-golden.json", dir.resolve("in/system.json"), null, null);
        assertThatThrownBy(() -> new Submitter()
                        .submit(new SubmitRequest(List.of(in), system, null, dir.resolve("submissions"))))
                .isInstanceOf(SubmissionException.class)
                .hasMessageContaining("stand-in");
    }

    @Test
    void aCalibrationCarryingAStandInDevicesRoofsIsRejected() throws Exception {
        var standIn = new org.joulebench.results.record.DeviceCeilings(
                "cuda:0",
                "joulebench stand-in CUDA device (kernels run on the CPU, not a GPU)",
                "0000:5a:00.0",
                "cuda",
                true,
                List.of(new org.joulebench.results.record.BandwidthPoint(2L << 20, 4e9)),
                java.util.Map.of("fp32", 1e9),
                java.util.Map.of(),
                List.of());
        var calibration = new org.joulebench.results.record.Calibration(
                        "host-key",
                        "full",
                        java.time.Instant.parse("2026-12-01T00:00:00Z"),
                        1,
                        "cpu",
                        2,
                        2,
                        "v",
                        8,
                        1e11,
                        2e11,
                        1e10,
                        1L << 26,
                        null,
                        null,
                        "none",
                        List.of(),
                        List.of())
                .withDevices(List.of(standIn));
        CheckReport report = submitUnrefusedAndCheck(
                run(r -> r.set("calibration", Json.mapper().valueToTree(calibration))));
        assertThat(report.rejections()).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo(Rule.STAND_IN);
            assertThat(p.field()).isEqualTo("$.calibration.devices[0]");
            assertThat(p.message()).contains("measured on a stand-in");
        });
        assertThat(report.rejections())
                .as("the schema takes calibration.devices")
                .noneMatch(p -> p.rule() == Rule.SCHEMA);
    }

    @Test
    void theGoldenRecordIsNotAStandIn() throws Exception {
        assertThat(submitUnrefusedAndCheck(run(r -> {})).problems()).isEmpty();
    }
}
