package org.joulebench.harness.orchestrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.harness.testbackend.TriadTestBackendProvider;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.spi.Backends;

/**
 * The test backend's paced triad (a busy wait per invocation; {@code test} and {@code test-slow}, twice the wait),
 * switched on for one test: its fork marks in {@code dir}, and the plan of a tiny triad on it.
 */
final class PacedTriad {
    private PacedTriad() {}

    static void enable(Path dir) throws java.io.IOException {
        Path marks = Files.createDirectories(dir.resolve("fork-marks"));
        System.setProperty(TriadTestBackendProvider.PACED_PROPERTY, "true");
        System.setProperty(TriadTestBackendProvider.PACED_FORKS_PROPERTY, marks.toString());
    }

    static void disable() {
        System.clearProperty(TriadTestBackendProvider.PACED_PROPERTY);
        System.clearProperty(TriadTestBackendProvider.PACED_FORKS_PROPERTY);
    }

    /** Both implementations on a triad of N = 64: the busy wait is (nearly) all of an invocation's time. */
    static RunPlanner.Plan plan() {
        var provider = Backends.find("test-paced").orElseThrow();
        return RunPlanner.plan(
                KernelCatalogue.standard(),
                List.of(new RunPlanner.Target(provider)),
                List.of("triad"),
                Set.of(DType.FP32),
                new RunPlanner.Shapes(
                        List.of(), Map.of("triad", KernelCatalogue.standard().customShape("triad", "N=64"))));
    }
}
