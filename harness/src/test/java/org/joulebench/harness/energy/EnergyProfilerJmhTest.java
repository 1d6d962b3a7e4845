package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.EnergyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** One real JMH run in a forked JVM with the profiler reading the test plug-in sensor. */
class EnergyProfilerJmhTest {

    @Test
    void secondaryResultsAppearAndBecomeAnEnergyResult(@TempDir Path details) throws Exception {
        Options opts = new OptionsBuilder()
                .include(TinyBenchmark.class.getName() + ".sqrt")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(100))
                .jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1")
                // By class name, as -prof from plain JMH does it.
                .addProfiler(EnergyProfiler.class, "sensor=fake;fakeWatts=40;idleMillis=20;detailsDir=" + details)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertThat(results).hasSize(1);
        RunResult run = results.iterator().next();

        String jop = EnergyLabels.label("fake", "B", "fake-board", "J/op");
        assertThat(run.getSecondaryResults())
                .containsKeys(
                        jop,
                        EnergyLabels.label("fake", "B", "fake-board", "W"),
                        EnergyLabels.label("fake", "B", "fake-board", "J"),
                        EnergyLabels.DETAILS_ID);
        assertThat(run.getSecondaryResults().get(jop).getScore()).isPositive();
        try (var files = Files.list(details)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .matches("energy-\\d+\\.json");
        }

        EnergyOutcome outcome = EnergyRecords.fromJmh(run, details, 4, "FLOP");
        EnergyResult energy = outcome.energyOrNull();
        assertThat(outcome.reasonOrNull()).isNull();
        assertThat(energy.selection()).isEqualTo("fake");
        DomainEnergy d = energy.domains().getFirst();
        assertThat(d.domain()).isEqualTo("fake-board");
        assertThat(d.sensor()).isEqualTo("fake");
        assertThat(d.tier()).isEqualTo("B");
        assertThat(d.method()).isEqualTo("COUNTER");
        assertThat(d.joulesPerOpPerIteration()).hasSize(2);
        // A constant 40 W sensor: mean power is 40 W whatever the timing, idle too.
        assertThat(d.averagePowerWatts()).isCloseTo(40.0, within(1e-6));
        assertThat(d.idlePowerWatts()).isCloseTo(40.0, within(1e-6));
        assertThat(d.dynamicJoulesPerOp()).isCloseTo(0.0, within(1e-12));
        assertThat(d.picojoulesPerUnit()).isCloseTo(d.joulesPerOp() / 4 * 1e12, within(1e-6));
        assertThat(d.details().name()).isEqualTo("Fake constant-power sensor");
        assertThat(d.details().zones()).containsExactly("fake:0");
        assertThat(d.details().uncertaintyPercent()).isEqualTo(0.5);
    }
}
