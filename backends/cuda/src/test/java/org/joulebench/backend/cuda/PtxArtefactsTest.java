package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX is what build-ptx.sh makes from the committed sources, and ptxas accepts it for sm_90.
 * Needs nvcc and ptxas on the PATH; skipped (with the reason) where they are absent.
 */
class PtxArtefactsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path COMMITTED = MODULE.resolve("src/main/resources/org/joulebench/backend/cuda/ptx");
    private static final Path SOURCES = MODULE.resolve("src/main/cuda");

    @TempDir
    Path tmp;

    @Test
    void everySourceHasCommittedPtx() throws IOException {
        try (Stream<Path> s = Files.list(SOURCES)) {
            for (Path cu : s.filter(p -> p.toString().endsWith(".cu")).toList()) {
                String name = cu.getFileName().toString().replace(".cu", ".ptx");
                assertThat(COMMITTED.resolve(name)).as(name).isRegularFile();
            }
        }
        assertThat(Files.readString(COMMITTED.resolve("ARCH")).strip()).isEqualTo("sm_90");
    }

    @Test
    void committedPtxMatchesItsSourcesAndPtxasAcceptsItForSm90() throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc not on the PATH: the committed PTX is not rebuilt here");
        assumeTrue(onPath("ptxas"), "ptxas not on the PATH");
        Process p = new ProcessBuilder("bash", MODULE.resolve("build-ptx.sh").toString(), tmp.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assumeTrue(
                Files.readString(tmp.resolve("NVCC_VERSION"))
                        .equals(Files.readString(COMMITTED.resolve("NVCC_VERSION"))),
                "this nvcc differs from the one that built the committed PTX");
        try (Stream<Path> s = Files.list(COMMITTED)) {
            List<Path> committed = s.sorted().toList();
            try (Stream<Path> r = Files.list(tmp)) {
                assertThat(r.map(f -> f.getFileName().toString()).sorted().toList())
                        .containsExactlyElementsOf(committed.stream()
                                .map(f -> f.getFileName().toString())
                                .toList());
            }
            for (Path f : committed) {
                assertThat(Files.readString(tmp.resolve(f.getFileName())))
                        .as(f.getFileName() + " is stale: run backends/cuda/build-ptx.sh")
                        .isEqualTo(Files.readString(f));
                if (f.toString().endsWith(".ptx")) {
                    Process as = new ProcessBuilder(
                                    "ptxas",
                                    "-arch=sm_90",
                                    "-o",
                                    tmp.resolve("out.cubin").toString(),
                                    f.toString())
                            .redirectErrorStream(true)
                            .start();
                    String asLog = new String(as.getInputStream().readAllBytes());
                    assertThat(as.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(as.exitValue())
                            .as(f.getFileName() + ": " + asLog)
                            .isZero();
                    Files.deleteIfExists(tmp.resolve("out.cubin"));
                }
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
