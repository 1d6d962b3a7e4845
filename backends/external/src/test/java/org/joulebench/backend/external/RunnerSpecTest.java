package org.joulebench.backend.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerSpecTest {
    @TempDir
    Path tmp;

    @Test
    void aCommandLineSplitsLikeAShellWithoutOne() {
        assertThat(RunnerSpec.words("python3  'my runner.py' --name \"a \\\"b\\\"\" c\\ d"))
                .containsExactly("python3", "my runner.py", "--name", "a \"b\"", "c d");
        assertThatThrownBy(() -> RunnerSpec.words("python3 'open")).hasMessageContaining("unclosed ' quote");
        assertThatThrownBy(() -> RunnerSpec.parse("   ")).hasMessageContaining("empty command");
    }

    @Test
    void aDescriptorResolvesItsCommandAgainstItsFolderAndRoundTripsToTheFork() throws Exception {
        Files.writeString(tmp.resolve("npu_runner.py"), "");
        Path d = tmp.resolve("npu.runner.json");
        Files.writeString(d, """
                {"name": "npu", "command": ["python3", "npu_runner.py", "--card", "0"],
                 "environment": {"NPU_VISIBLE_DEVICES": "0"}, "replyTimeoutSeconds": 2.5}""");
        RunnerSpec s = RunnerSpec.parse(d.toString());
        assertThat(s.command())
                .containsExactly("python3", tmp.resolve("npu_runner.py").toString(), "--card", "0");
        assertThat(s.environment()).containsEntry("NPU_VISIBLE_DEVICES", "0");
        assertThat(s.replyTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.forkText()).isEqualTo(d.toAbsolutePath().toString());
        RunnerSpec line = RunnerSpec.parse("python3 \"it's here.py\" x");
        assertThat(RunnerSpec.parse(line.forkText()).command()).isEqualTo(line.command());
    }

    @Test
    void aBadDescriptorIsNamed() throws Exception {
        Path d = tmp.resolve("bad.runner.json");
        Files.writeString(d, "{\"command\": []}");
        assertThatThrownBy(() -> RunnerSpec.parse(d.toString()))
                .hasMessageContaining("bad.runner.json: \"command\" must be a non-empty array");
        Files.writeString(d, "{not json");
        assertThatThrownBy(() -> RunnerSpec.parse(d.toString())).hasMessageContaining("runner descriptor");
    }
}
