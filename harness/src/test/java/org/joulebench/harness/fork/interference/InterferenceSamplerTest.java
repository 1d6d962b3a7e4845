package org.joulebench.harness.fork.interference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.results.record.InterferenceWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window arithmetic on a /proc and a cpufreq tree written by the test. */
class InterferenceSamplerTest {
    @TempDir
    Path dir;

    private Path proc;
    private Path cpu;

    private void writeProc(long busy, long steal, long own, long child, long other) throws IOException {
        proc = dir.resolve("proc");
        Files.createDirectories(proc);
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(
                proc.resolve("stat"),
                "cpu  " + (busy - 10) + " 0 10 5000 3 0 0 " + steal + " 0 0\n" + "cpu0 1 0 0 0 0 0 0 0 0 0\n");
        process(100, 1, "java", own);
        process(101, 100, "runner (py)", child); // the fork's child, with a ')' in its name
        process(200, 1, "cc1plus", other);
    }

    private void process(long pid, long ppid, String name, long ticks) throws IOException {
        Path d = proc.resolve(Long.toString(pid));
        Files.createDirectories(d);
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itrealvalue starttime ...
        Files.writeString(
                d.resolve("stat"),
                pid + " (" + name + ") S " + ppid + " 1 1 0 -1 0 0 0 0 0 " + (ticks - ticks / 4) + " " + (ticks / 4)
                        + " 0 0 20 0 1 0 " + (1000 + pid) + " 0 0\n");
    }

    private void writeCpu(long... kiloHertz) throws IOException {
        cpu = dir.resolve("cpu");
        for (int i = 0; i < kiloHertz.length; i++) {
            Path f = cpu.resolve("cpu" + i).resolve("cpufreq");
            Files.createDirectories(f);
            Files.writeString(f.resolve("scaling_cur_freq"), kiloHertz[i] + "\n");
            Files.writeString(f.resolve("cpuinfo_max_freq"), "3000000\n");
        }
        Files.createDirectories(cpu.resolve("cpufreq")); // not a cpuN folder: ignored
    }

    @Test
    void otherLoadIsTheSystemsBusyTimeLessTheForksTreeAndStealAndClocksAreRead() throws IOException {
        writeCpu(2_000_000, 1_500_000);
        writeProc(1000, 50, 300, 20, 100);
        InterferenceSampler sampler = new InterferenceSampler(proc, cpu, null, 100);
        InterferenceSampler.Sample a = sampler.sample();
        // one second later (by the clock the window is computed with): busy +200 ticks, steal +10,
        // the fork +80 and its child +20 (1 core together), the compiler +90
        writeProc(1200, 60, 380, 40, 190);
        InterferenceSampler.Sample b = sampler.sample();
        InterferenceSampler.Sample later = new InterferenceSampler.Sample(
                a.nanos() + 1_000_000_000L, b.system(), b.processes(), b.clocks(), b.gpu());
        InterferenceWindow w = sampler.window(a, later, InterferenceWindow.MEASURED, 1);

        assertThat(w.seconds()).isCloseTo(1.0, within(1e-9));
        assertThat(w.ownCores()).isCloseTo(1.0, within(1e-9));
        assertThat(w.otherCores()).isCloseTo(1.0, within(1e-9)); // 2 cores busy, 1 of them ours
        assertThat(w.stealCores()).isCloseTo(0.10, within(1e-9));
        assertThat(w.otherProcesses()).singleElement().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(200);
            assertThat(p.name()).isEqualTo("cc1plus");
            assertThat(p.cores()).isCloseTo(0.9, within(1e-9));
        });
        assertThat(w.cpuMhzMean()).isEqualTo(1750.0);
        assertThat(w.cpuMhzMin()).isEqualTo(1500.0);
        assertThat(w.cpuMhzMax()).isEqualTo(3000.0);
        assertThat(w.flags()).isEmpty(); // the rule flags later, over all windows
    }

    @Test
    void withoutCpufreqThereIsNoClockFigure() throws IOException {
        writeProc(1000, 0, 0, 0, 0);
        Files.createDirectories(dir.resolve("no-cpufreq").resolve("cpu0"));
        InterferenceSampler sampler = new InterferenceSampler(proc, dir.resolve("no-cpufreq"), null, 100);
        InterferenceWindow w = sampler.window(sampler.sample(), sampler.sample(), InterferenceWindow.IDLE, 0);
        assertThat(w.cpuMhzMean()).isNull();
        assertThat(w.cpuMhzMin()).isNull();
        assertThat(w.cpuMhzMax()).isNull();
        assertThat(new InterferenceSampler(proc, dir.resolve("absent"), null, 100)
                        .sample()
                        .clocks())
                .isEmpty();
    }

    @Test
    void gpuReasonsAndOtherProcessesAreUnitedOverBothEndsLeavingOutTheForksOwn() throws IOException {
        writeProc(1000, 0, 0, 0, 0);
        List<GpuConditions.Reading> readings = new java.util.ArrayList<>(List.of(
                new GpuConditions.Reading(List.of("SW_POWER_CAP"), List.of(100L, 4242L)),
                new GpuConditions.Reading(List.of("HW_THERMAL_SLOWDOWN"), List.of(101L))));
        GpuConditions gpu = new GpuConditions() {
            @Override
            public Reading read() {
                return readings.removeFirst();
            }

            @Override
            public void close() {}
        };
        InterferenceSampler sampler = new InterferenceSampler(proc, dir.resolve("absent"), gpu, 100);
        InterferenceWindow w = sampler.window(sampler.sample(), sampler.sample(), InterferenceWindow.MEASURED, 1);
        assertThat(w.gpuThrottleReasons()).containsExactly("SW_POWER_CAP", "HW_THERMAL_SLOWDOWN");
        assertThat(w.gpuOtherPids()).containsExactly(4242L); // 100 is the fork, 101 its child
    }
}
