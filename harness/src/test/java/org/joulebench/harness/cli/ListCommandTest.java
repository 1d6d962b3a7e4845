package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backend this build lacks is listed with why and what to do, never left out. */
class ListCommandTest {

    @Test
    void listShowsTornadoVmWithWhatToDoWhenThisBuildLacksIt() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "list");
        assertThat(code).isZero();
        String backends = out.toString().substring(out.toString().indexOf("Backends"));
        // this build has cpu and cuda (and the test backend); tornadovm only with an SDK
        assertThat(backends).contains("  cpu ").containsPattern("(?m)^  tornadovm +(NOT BUILT|available|UNAVAILABLE) ");
        if (backends.contains("NOT BUILT")) {
            assertThat(backends).contains("TORNADOVM_HOME").contains("backends/tornadovm/README.md");
        }
    }

    @Test
    void whyAKnownBackendIsMissingDependsOnTheEnvironment() {
        assertThat(KnownBackends.missing(List.of("cpu", "cuda"), Map.of()))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m[0]).isEqualTo("tornadovm");
                    assertThat(m[1])
                            .startsWith("not built: it needs a TornadoVM SDK")
                            .contains("set TORNADOVM_HOME");
                });
        assertThat(KnownBackends.missing(List.of("cpu", "tornadovm"), Map.of())).isEmpty();
        assertThat(KnownBackends.missing(List.of("cpu"), Map.of("TORNADOVM_HOME", "/opt/tvm"))
                        .getFirst()[1])
                .contains("TORNADOVM_HOME=/opt/tvm")
                .contains("run ./joulebench again");
    }

    @Test
    void runNamesAKnownBackendInsteadOfCallingItUnknown() {
        assertThat(KnownBackends.unknown("tornadovm", List.of("cpu", "cuda"), Map.of()))
                .startsWith("--backend: backend 'tornadovm' is not built: it needs a TornadoVM SDK");
        assertThat(KnownBackends.unknown("tpu9000", List.of("cpu", "cuda"), Map.of()))
                .isEqualTo("--backend: unknown backend 'tpu9000'; valid: [cpu, cuda]");
    }
}
