package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joulebench.results.json.Json;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep} end to end with real JMH forks on the CPU backend: the series measured into one sweep record. */
class SweepCommandTest {

    @Test
    void aSweepMeasuresEveryPointOfTheSeriesIntoOneRecordMarkedAsASweep(@TempDir Path out) throws Exception {
        var o = CliBadInputTest.run(
                "sweep",
                "--backend=cpu",
                "--implementation=java",
                "--kernel=triad",
                "--from=N=1000",
                "--to=N=64000",
                "--points=3",
                "--sensor=none",
                "--out=" + out);
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        Path file;
        try (Stream<Path> s = Files.list(out)) {
            file = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        // the strict reader validates against the committed JSON Schema, then binds; the bytes round-trip
        RunRecord record = Json.readRunRecord(file);
        assertThat(Json.toBytes(record)).isEqualTo(Files.readAllBytes(file));
        assertThat(record.sweep()).isNotNull();
        assertThat(record.sweep().kernel()).isEqualTo("triad");
        assertThat(record.sweep().dtype()).isEqualTo("fp32");
        assertThat(record.sweep().device()).isEqualTo("cpu0");
        assertThat(record.sweep().points()).isEqualTo(3);
        // the geometric series 1000, 8000, 64000 (ratio 8), each point a verified, timed result with its own work
        assertThat(record.results())
                .extracting(BenchmarkResult::dims)
                .containsExactly(Map.of("N", 1000), Map.of("N", 8000), Map.of("N", 64000));
        for (BenchmarkResult r : record.results()) {
            assertThat(r.status()).as(r.key()).isEqualTo(ResultStatus.OK);
            assertThat(r.customShape()).isTrue();
            assertThat(r.verification().passed()).isTrue();
            assertThat(r.score().value()).isPositive();
            assertThat(r.work().bytesRead()).isEqualTo(8L * r.dims().get("N"));
            assertThat(r.overhead()).isNotNull();
        }
        // this machine's caches, read from sysfs, for the figure to mark
        assertThat(record.sweep().cacheBytes())
                .isEqualTo(SweepCommand.cpuCaches(Path.of("/sys/devices/system/cpu/cpu0/cache")));
        // its figure, from the written record: throughput only (no sensor), every format at both widths
        var fig = CliBadInputTest.run("figure", "--sweep=" + file, "--out=" + out.resolve("fig"));
        assertThat(fig.code()).as(fig.err()).isZero();
        String base = "sweep-triad-fp32-" + record.runId();
        for (String ext : List.of("single.svg", "single.pdf", "single.png", "double.svg", "double.pdf", "double.png")) {
            assertThat(out.resolve("fig").resolve(base + "-throughput-" + ext)).isRegularFile();
        }
        assertThat(out.resolve("fig").resolve(base + ".tex")).doesNotExist(); // pgfplots per figure:
        assertThat(out.resolve("fig").resolve(base + "-throughput.tex")).isRegularFile();
        assertThat(fig.out()).contains("Sweep figure (3 points").contains("no energy: no energy sensor selected");
        var notASweep = CliBadInputTest.run("figure", "--sweep=" + out.resolve("nope.json"));
        assertThat(notASweep.code()).isEqualTo(2);
        assertThat(notASweep.err()).contains("no such run record file");
        assertThat(o.out()).contains("working set 12 KiB").contains("Figure: ./joulebench figure --sweep ");
    }

    @Test
    void aRunThatIsNotASweepWritesNoSweepSection() {
        RunRecord golden = org.joulebench.results.fixtures.Fixtures.goldenRun();
        assertThat(golden.sweep()).isNull();
        assertThat(new String(Json.toBytes(golden), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("\"sweep\"");
    }

    @Test
    void cacheSizesAreReadFromSysfsDataAndUnifiedCachesOnly(@TempDir Path sys) throws Exception {
        String[][] entries = {
            {"1", "Data", "48K"}, {"1", "Instruction", "32K"}, {"2", "Unified", "2048K"}, {"3", "Unified", "32M"}
        };
        for (int i = 0; i < entries.length; i++) {
            Path index = Files.createDirectories(sys.resolve("index" + i));
            Files.writeString(index.resolve("level"), entries[i][0] + "\n");
            Files.writeString(index.resolve("type"), entries[i][1] + "\n");
            Files.writeString(index.resolve("size"), entries[i][2] + "\n");
        }
        Files.createDirectories(sys.resolve("index4")); // unreadable: left out
        assertThat(SweepCommand.cpuCaches(sys))
                .containsExactly(
                        Map.entry("L1d", 48L * 1024), Map.entry("L2", 2048L * 1024), Map.entry("L3", 32L << 20));
    }

    @Test
    void badSweepsAreUsageErrorsNamingTheOption() {
        var onePoint = CliBadInputTest.run("sweep", "--kernel=triad", "--from=N=1000", "--to=N=2000", "--points=1");
        assertThat(onePoint.code()).isEqualTo(2);
        assertThat(onePoint.err()).contains("a sweep has 2 to 32 points, not 1");

        var wrongDim = CliBadInputTest.run("sweep", "--kernel=triad", "--from=M=1000", "--to=M");
        assertThat(wrongDim.code()).isEqualTo(2);
        assertThat(wrongDim.err()).contains("--from: ").contains("triad has no dimension M");

        var crowded = CliBadInputTest.run("sweep", "--kernel=triad", "--from=N=10", "--to=N=12", "--points=8");
        assertThat(crowded.code()).isEqualTo(2);
        assertThat(crowded.err()).contains("give the same shape");

        var noop = CliBadInputTest.run("sweep", "--kernel=noop", "--from=N=1", "--to=N=2");
        assertThat(noop.code()).isEqualTo(2);
        assertThat(noop.err()).contains("null workload");
    }
}
