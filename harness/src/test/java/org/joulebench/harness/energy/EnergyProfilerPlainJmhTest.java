package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The profiler as a JMH user runs it: {@code -prof EnergyProfiler:...}, no joulebench around it. */
class EnergyProfilerPlainJmhTest {

    private static OptionsBuilder tiny(String profilerOptions) {
        OptionsBuilder b = new OptionsBuilder();
        b.include(TinyBenchmark.class.getName() + ".sqrt")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(100))
                .jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1")
                .addProfiler(EnergyProfiler.class, profilerOptions)
                .verbosity(VerboseMode.SILENT);
        return b;
    }

    @Test
    void onlyMeasurementsBecomeRowsAndTheJsonHasNoNaN(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        OptionsBuilder b = tiny("sensor=fake;fakeWatts=40;idleMillis=0");
        b.resultFormat(ResultFormatType.JSON).result(json.toString());
        Collection<RunResult> results = new Runner(b.build()).run();
        RunResult run = results.iterator().next();
        assertThat(run.getSecondaryResults().keySet())
                .containsExactlyInAnyOrder(
                        EnergyLabels.label("fake", "B", "fake-board", "J/op"),
                        EnergyLabels.label("fake", "B", "fake-board", "W"));
        String text = Files.readString(json);
        assertThat(text).contains("\"energy.fake.B.fake-board.J/op\"").doesNotContain(EnergyReportResult.LABEL);
        // every metric has a number for a score (JMH writes an unknown error as "NaN" with 2 iterations; that is its
        // own)
        assertThat(text).contains("\"score\" : ").doesNotContain("\"score\" : \"NaN\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sensor=bogus                 | unknown sensor 'bogus'",
                "sensr=model                  | unknown option 'sensr'; valid: [",
                "sensor=model;tdpWat=100      | unknown option 'tdpWat'",
                "sensor=model;tdpWatts=-5     | tdpWatts=-5.0 must be positive",
                "sensor=model;tdpWatts=lots   | tdpWatts",
                "sensor=ptd:127.0.0.1:9       | cannot read ptd",
                "sensor=fake;report=json      | report=json: the only value is typed",
            })
    void whatCannotBeHonouredFailsAtStartWithTheReason(String options, String reason) {
        assertThatThrownBy(() -> new EnergyProfiler(options))
                .isInstanceOf(ProfilerException.class)
                .hasMessageStartingWith("EnergyProfiler: ")
                .hasMessageContaining(reason);
    }

    @Test
    void jmhStopsTheRunAndSaysWhy() {
        assertThatThrownBy(() -> new Runner(tiny("sensor=bogus").build()).run())
                .hasStackTraceContaining("unknown sensor 'bogus'");
    }

    @Test
    void joulebenchsOwnForksKeepGoingWhenASensorFails() throws Exception {
        // the harness records the reason beside the timing: no exception at start
        new EnergyProfiler("sensor=ptd:127.0.0.1:9;report=typed");
    }
}
