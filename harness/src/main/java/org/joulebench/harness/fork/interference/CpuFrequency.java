package org.joulebench.harness.fork.interference;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logical CPUs' current clocks from cpufreq ({@code <root>/cpuN/cpufreq/scaling_cur_freq}, kHz), where
 * the kernel exposes them: most VMs do not, and then there is no figure (never a guess).
 */
final class CpuFrequency {

    /** Mean and lowest current clock over the CPUs, and their highest rated clock, MHz. */
    record Clocks(double meanMhz, double minMhz, Double maxMhz) {}

    private final Path cpuRoot;

    /** @param cpuRoot normally {@code /sys/devices/system/cpu} */
    CpuFrequency(Path cpuRoot) {
        this.cpuRoot = cpuRoot;
    }

    Optional<Clocks> read() {
        List<Double> current = new ArrayList<>();
        double max = 0;
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(
                cpuRoot, p -> p.getFileName().toString().matches("cpu[0-9]+"))) {
            for (Path cpu : cpus) {
                Path freq = cpu.resolve("cpufreq");
                Optional<Double> cur = kiloHertz(freq.resolve("scaling_cur_freq"));
                if (cur.isEmpty()) {
                    continue;
                }
                current.add(cur.get() / 1000);
                max = Math.max(max, kiloHertz(freq.resolve("cpuinfo_max_freq")).orElse(0.0) / 1000);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no cpufreq tree at all
        }
        if (current.isEmpty()) {
            return Optional.empty();
        }
        double mean =
                current.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double min = current.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return Optional.of(new Clocks(mean, min, max > 0 ? max : null));
    }

    private static Optional<Double> kiloHertz(Path file) {
        try {
            double v = Double.parseDouble(Files.readString(file).trim());
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
