package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX: one folder per target architecture, every source in each, each file declaring its
 * folder's target and a PTX ISA no newer than its target needs; where nvcc and ptxas are on the PATH (the
 * nvidia-cuda-nvcc wheel, with nvidia-cuda-cccl), it is exactly what build-ptx.sh makes from the sources and
 * ptxas assembles every file for its target with no spills (the registers and shared memory per kernel are
 * printed for the backend README).
 */
class PtxArtefactsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path COMMITTED = MODULE.resolve("src/main/resources/org/joulebench/backend/cuda/ptx");
    private static final Path SOURCES = MODULE.resolve("src/main/cuda");
    /** The lowest PTX ISA each target allows (tenths); build-ptx.sh lowers to it where ptxas accepts the body. */
    private static final java.util.Map<Integer, Integer> LOWEST_ISA =
            java.util.Map.of(75, 63, 80, 70, 86, 71, 89, 78, 90, 78);

    @TempDir
    Path tmp;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".cu")).sorted().toList();
        }
    }

    @Test
    void everyTargetHasEverySourceAtTheLowestIsaItsTargetAllows() throws IOException {
        assertThat(Files.readString(COMMITTED.resolve("ARCHS")).strip().split(" "))
                .containsExactlyElementsOf(
                        PtxTargets.TARGETS.stream().map(PtxTargets::name).toList());
        for (int target : PtxTargets.TARGETS) {
            for (Path cu : sources()) {
                Path ptx = COMMITTED
                        .resolve(PtxTargets.name(target))
                        .resolve(cu.getFileName().toString().replace(".cu", ".ptx"));
                assertThat(ptx).isRegularFile();
                String text = Files.readString(ptx);
                assertThat(text).as(ptx.toString()).contains(".target " + PtxTargets.name(target) + "\n");
                assertThat(PtxTargets.isaOf(text)).as(ptx + " ISA").isEqualTo(LOWEST_ISA.get(target));
            }
        }
        assertThat(PtxTargets.needs(75)).isEqualTo("sm_75 PTX (ISA 6.3) needs CUDA 10.0, driver 410 or newer");
        assertThat(PtxTargets.needs(90)).isEqualTo("sm_90 PTX (ISA 7.8) needs CUDA 11.8, driver 520 or newer");
    }

    @Test
    void committedPtxIsWhatTheSourcesMakeAndAssemblesWithoutSpillsForEveryTarget() throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc not on the PATH: the committed PTX is not rebuilt here");
        assumeTrue(onPath("ptxas"), "ptxas not on the PATH");
        Path out = tmp.resolve("ptx");
        Process p = new ProcessBuilder("bash", MODULE.resolve("build-ptx.sh").toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assumeTrue(
                Files.readString(out.resolve("NVCC_VERSION"))
                        .equals(Files.readString(COMMITTED.resolve("NVCC_VERSION"))),
                "this nvcc differs from the one that built the committed PTX");
        assertThat(Files.readString(out.resolve("ARCHS"))).isEqualTo(Files.readString(COMMITTED.resolve("ARCHS")));
        List<String> usage = new ArrayList<>();
        for (int target : PtxTargets.TARGETS) {
            String arch = PtxTargets.name(target);
            for (Path cu : sources()) {
                String name = cu.getFileName().toString().replace(".cu", ".ptx");
                Path committed = COMMITTED.resolve(arch).resolve(name);
                assertThat(Files.readString(out.resolve(arch).resolve(name)))
                        .as(arch + "/" + name + " is stale: run backends/cuda/build-ptx.sh")
                        .isEqualTo(Files.readString(committed));
                Process as = new ProcessBuilder(
                                "ptxas",
                                "-v",
                                "-arch=" + arch,
                                "-o",
                                tmp.resolve("out.cubin").toString(),
                                committed.toString())
                        .redirectErrorStream(true)
                        .start();
                String asLog = new String(as.getInputStream().readAllBytes());
                assertThat(as.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(as.exitValue()).as(arch + "/" + name + ": " + asLog).isZero();
                Matcher spills = Pattern.compile("(\\d+) bytes spill stores, (\\d+) bytes spill loads")
                        .matcher(asLog);
                while (spills.find()) {
                    assertThat(spills.group(1) + "/" + spills.group(2))
                            .as(arch + "/" + name + " spills: " + asLog)
                            .isEqualTo("0/0");
                }
                Matcher fn = Pattern.compile(
                                "Compiling entry function '(\\w+)' for '(\\w+)'[\\s\\S]*?Used (\\d+) registers(?:, used \\d+ barriers)?(?:, (\\d+) bytes smem)?")
                        .matcher(asLog);
                while (fn.find()) {
                    usage.add(arch + " " + fn.group(1) + " " + fn.group(3) + " registers, "
                            + (fn.group(4) == null ? "0" : fn.group(4)) + " B smem");
                }
            }
        }
        System.out.println("ptxas -v per target:\n" + String.join("\n", usage));
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
