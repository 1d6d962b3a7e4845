package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceStackTest {
    @Test
    void releasesInReverseOrderOnce() {
        List<String> log = new ArrayList<>();
        ResourceStack s = new ResourceStack();
        s.push("context", () -> log.add("context"));
        s.push("module", () -> log.add("module"));
        s.push("buffer", () -> log.add("buffer"));

        s.close();
        s.close();

        assertThat(log).containsExactly("buffer", "module", "context");
        assertThat(s.size()).isZero();
    }

    @Test
    void aFailingReleaseDoesNotStopTheOthersAndIsReportedFirstWithTheRestSuppressed() {
        List<String> log = new ArrayList<>();
        ResourceStack s = new ResourceStack();
        s.push("stream", () -> log.add("stream"));
        s.push("buffer A", () -> {
            throw new RuntimeException("CUDA_ERROR_ILLEGAL_ADDRESS");
        });
        s.push("module", () -> {
            throw new RuntimeException("CUDA_ERROR_LAUNCH_FAILED");
        });
        s.push("buffer B", () -> log.add("buffer B"));

        assertThatThrownBy(s::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("failed to release module: CUDA_ERROR_LAUNCH_FAILED")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .satisfies(x -> assertThat(x).hasMessageContaining("buffer A")));
        assertThat(log).containsExactly("buffer B", "stream");
        assertThat(s.size()).isZero();
    }
}
