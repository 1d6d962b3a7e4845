package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** One real JMH run in a forked JVM with the profiler reading the test plug-in sensor. */
class EnergyProfilerJmhTest {

    @Test
    void theTypedReportCrossesFromTheForkWithRawWindowsAndBecomesAnEnergyResult() throws Exception {
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
                // As joulebench asks for it (report=typed); the case runs on the fake board.
                .addProfiler(
                        EnergyProfiler.class,
                        "sensor=fake;fakeWatts=40;idleMillis=20;report=typed;devices=" + FakeSensorProvider.DEVICE)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertThat(results).hasSize(1);
        RunResult run = results.iterator().next();

        // JMH aggregated the typed result like any secondary result, and kept the readable ones
        assertThat(run.getSecondaryResults().get(EnergyReportResult.LABEL))
                .isInstanceOf(EnergyReportResult.class)
                .satisfies(r -> assertThat(((EnergyReportResult) r).reports()).hasSize(2));
        String jop = EnergyLabels.label("fake", "B", "fake-board", "J/op");
        assertThat(run.getSecondaryResults().get(jop).getScore()).isPositive();

        // each measured iteration carries its own report, deserialized in this (parent) JVM
        List<IterationResult> iterations =
                List.copyOf(run.getBenchmarkResults().iterator().next().getIterationResults());
        assertThat(iterations).hasSize(2);
        for (int i = 0; i < 2; i++) {
            List<EnergyReport> reports = EnergyReportResult.reportsOf(iterations.get(i));
            assertThat(reports).hasSize(1);
            EnergyReport r = reports.getFirst();
            assertThat(r.iteration()).isEqualTo(i + 1);
            assertThat(r.allOps()).isEqualTo(iterations.get(i).getMetadata().getAllOps());
            assertThat(r.setup().sensors().getFirst().info().name()).isEqualTo("Fake constant-power sensor");
            assertThat(r.setup().targetDevices()).containsExactly(FakeSensorProvider.DEVICE);
            assertThat(r.setup().idle())
                    .singleElement()
                    .satisfies(w -> assertThat(w.error()).isNull());
            EnergyMeter.DomainWindow w = r.windows().getFirst();
            assertThat(w.error()).isNull();
            assertThat(w.endNanos()).isGreaterThan(w.startNanos());
            assertThat(w.endJoules() - w.startJoules()).isCloseTo(40 * w.seconds(), within(1e-9));
        }

        // 3 kernel invocations per JMH operation (a batch)
        EnergyOutcome outcome = EnergyRecords.fromJmh(List.of(new EnergyRecords.ForkRun(1, run, 3)), 4, "FLOP");
        EnergyResult energy = outcome.energyOrNull();
        assertThat(outcome.reasonOrNull()).isNull();
        assertThat(energy.selection()).isEqualTo("fake");
        DomainEnergy d = energy.domains().getFirst();
        assertThat(d.domain()).isEqualTo("fake-board");
        assertThat(d.sensor()).isEqualTo("fake");
        assertThat(d.tier()).isEqualTo("B");
        assertThat(d.method()).isEqualTo("COUNTER");
        assertThat(d.scope()).isEqualTo(DomainEnergy.SCOPE_DEVICE);
        assertThat(d.scopeDevice()).isEqualTo(FakeSensorProvider.DEVICE);
        assertThat(d.joulesPerOpPerIteration()).hasSize(2);
        // A constant 40 W sensor: mean power is 40 W whatever the timing, idle too.
        assertThat(d.averagePowerWatts()).isCloseTo(40.0, within(1e-6));
        assertThat(d.idlePowerWatts()).isCloseTo(40.0, within(1e-6));
        assertThat(d.dynamicJoulesPerOp()).isCloseTo(0.0, within(1e-12));
        assertThat(d.picojoulesPerUnit()).isCloseTo(d.joulesPerOp() / 4 * 1e12, within(1e-6));
        assertThat(d.details().name()).isEqualTo("Fake constant-power sensor");
        assertThat(d.details().zones()).containsExactly("fake:0");
        assertThat(d.details().uncertaintyPercent()).isEqualTo(0.5);

        RawReadings raw = d.raw();
        assertThat(raw.kind()).isEqualTo(RawReadings.CUMULATIVE_JOULES);
        assertThat(raw.idle()).singleElement().satisfies(w -> {
            assertThat(w.fork()).isEqualTo(1);
            assertThat(w.iteration()).isZero();
            assertThat(w.invocations()).isZero();
            assertThat(w.seconds()).isGreaterThanOrEqualTo(0.020);
        });
        assertThat(raw.windows()).extracting(RawWindow::iteration).containsExactly(1, 2);
        for (int i = 0; i < 2; i++) {
            RawWindow w = raw.windows().get(i);
            assertThat(w.fork()).isEqualTo(1);
            assertThat(w.invocations())
                    .isEqualTo(3 * iterations.get(i).getMetadata().getAllOps());
            // the figure follows from the raw readings alone
            assertThat(d.joulesPerOpPerIteration().get(i))
                    .isCloseTo((w.endJoules() - w.startJoules()) / w.invocations(), within(1e-15));
        }
    }
}
