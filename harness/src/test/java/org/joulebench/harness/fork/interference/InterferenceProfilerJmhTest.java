package org.joulebench.harness.fork.interference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joulebench.harness.energy.TinyBenchmark;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** A real busy process beside a real JMH fork: the profiler inside the fork must find it in every window. */
@EnabledOnOs(OS.LINUX)
class InterferenceProfilerJmhTest {

    private static RunResult tinyFork(int measured) throws Exception {
        Options opts = new OptionsBuilder()
                .include(TinyBenchmark.class.getName() + ".sqrt")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(measured)
                .measurementTime(TimeValue.milliseconds(500))
                .jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1")
                // every other process over 0.02 cores named: on a shared machine the hog need not be in the top 5
                .addProfiler(InterferenceProfiler.class, "idleMillis=300;processes=64")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        return results.iterator().next();
    }

    @Test
    void windowsFlaggedByAHogAskForExtraWindowsWhichJoinTheRecordMarkedAndCountedByTheRule() throws Exception {
        Process hog = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        RunResult regular;
        try {
            regular = tinyFork(2);
        } finally {
            hog.destroyForcibly();
            hog.waitFor(10, TimeUnit.SECONDS);
        }
        Interference flagged = InterferenceResult.of(regular);
        // both regular windows held the hog: two extra windows asked for, within a bound of 4, one with a bound of 1
        assertThat(org.joulebench.results.interference.CountedWindows.extraWindowsToMeasure(flagged, 4))
                .isEqualTo(2);
        assertThat(org.joulebench.results.interference.CountedWindows.extraWindowsToMeasure(flagged, 1))
                .isEqualTo(1);
        RunResult extra = tinyFork(2);

        Interference section = InterferenceResult.of(
                List.of(
                        new InterferenceResult.TimedRun(regular, 1, false),
                        new InterferenceResult.TimedRun(extra, 1, true)),
                4);
        List<InterferenceWindow> windows = section.windows();
        assertThat(windows).extracting(InterferenceWindow::fork).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(windows)
                .extracting(InterferenceWindow::isExtra)
                .containsExactly(false, false, false, true, true, true);
        // every measured window carries its iteration's own time (JMH's per-call score, batch 1)
        List<Double> jmhScores = new java.util.ArrayList<>();
        for (RunResult r : List.of(regular, extra)) {
            r.getBenchmarkResults()
                    .forEach(br -> br.getIterationResults()
                            .forEach(it -> jmhScores.add(it.getPrimaryResult().getScore())));
        }
        assertThat(windows.stream().filter(InterferenceWindow::measured).map(InterferenceWindow::millisPerInvocation))
                .containsExactlyElementsOf(jmhScores);
        // the figure counts as many windows as the regular ones, by the rule, and nothing is left out of windows[]
        assertThat(section.figure()).isNotNull();
        assertThat(section.figure().countedWindows()).isEqualTo(2);
        assertThat(section.figure().extraWindowsMeasured()).isEqualTo(2);
        List<Double> counted = windows.stream()
                .filter(w -> Boolean.TRUE.equals(w.counted()))
                .map(InterferenceWindow::millisPerInvocation)
                .toList();
        assertThat(section.figure().millisPerInvocation())
                .isCloseTo(
                        counted.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow(),
                        org.assertj.core.data.Offset.offset(1e-12));
        // a clean extra window replaces a flagged regular one; a flagged extra window never counts
        for (InterferenceWindow w : windows) {
            if (w.measured() && w.isExtra() && w.flagged()) {
                assertThat(w.counted()).isFalse();
            }
        }
        assertThat(org.joulebench.results.interference.CountedWindows.apply(
                        org.joulebench.results.interference.InterferenceRule.apply(windows), 4))
                .isEqualTo(section);
    }

    @Test
    void aCpuHogStartedBesideTheMeasuredWindowsIsFoundInEachWindowByItsPid() throws Exception {
        Process hog = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        long pid = hog.pid();
        RunResult run;
        double hogSeconds;
        try {
            run = tinyFork(2);
            hogSeconds =
                    ProcTable.parse(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")))
                                    .ticks()
                            / ProcTable.USER_HZ;
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            hog.waitFor(10, TimeUnit.SECONDS);
        }

        Interference interference = InterferenceResult.of(run);
        List<InterferenceWindow> windows = interference.windows();
        assertThat(windows)
                .extracting(InterferenceWindow::kind)
                .containsExactly(InterferenceWindow.IDLE, InterferenceWindow.MEASURED, InterferenceWindow.MEASURED);
        assertThat(windows).extracting(InterferenceWindow::iteration).containsExactly(0, 1, 2);
        for (InterferenceWindow w : windows) {
            assertThat(w.fork()).isEqualTo(1);
            assertThat(w.seconds()).isGreaterThan(0.25);
            // the hog, by its pid and name, with a real share of a core (the machine may be shared: not a full one)
            InterferenceWindow.ProcessLoad found = w.otherProcesses().stream()
                    .filter(p -> p.pid() == pid)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("hog " + pid + " not in " + w));
            assertThat(found.name()).isEqualTo("sh");
            // the system-wide other load holds the hog (slack for tick accounting)
            assertThat(w.otherCores()).isGreaterThan(found.cores() - 0.05);
            assertThat(w.flags()).anySatisfy(f -> assertThat(f).startsWith("other load"));
        }
        // what the windows say the hog used is no more than the CPU time it had when the fork ended
        double inWindows = windows.stream()
                .mapToDouble(w -> w.seconds()
                        * w.otherProcesses().stream()
                                .filter(p -> p.pid() == pid)
                                .mapToDouble(InterferenceWindow.ProcessLoad::cores)
                                .sum())
                .sum();
        assertThat(inWindows).isBetween(0.02, hogSeconds + 0.03);
        // the benchmark thread kept the fork busy in its measured windows: that is its own, never "other"
        assertThat(windows.get(1).ownCores()).isGreaterThan(0.01); // a loaded machine may give it little
        assertThat(interference.flaggedMeasuredWindows()).isEqualTo(2);
        assertThat(interference.reason()).matches("other load \\d+ % of a core in 2 of 2 windows");
    }
}
