package org.joulebench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.testbackend.TriadTestBackendProvider;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.ForkRecord;
import org.joulebench.results.run.RawWindow;
import org.joulebench.results.run.ResultStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two forks of a kernel whose true time per invocation is known (a 50 µs busy wait) and whose batch target differs
 * between fork JVMs (1 ms in the first, 10 ms in later ones), with real JMH forks and a constant-power sensor. Before
 * schema 3 each fork chose its own n (here ~20 and ~200) and the parent divided every fork's time per call by the
 * first fork's n, so fork 2 came out about ten times too slow (and its energy per invocation ten times too high).
 * Now fork 1 decides n after warm-up and fork 2 is given it; each fork's time and energy per invocation must be the
 * true one.
 */
class MultiForkBatchTest {
    @TempDir
    Path dir;

    @BeforeEach
    void enablePacedBackend() throws Exception {
        Path marks = Files.createDirectories(dir.resolve("fork-marks"));
        System.setProperty(TriadTestBackendProvider.PACED_PROPERTY, "true");
        System.setProperty(TriadTestBackendProvider.PACED_FORKS_PROPERTY, marks.toString());
    }

    @AfterEach
    void disable() {
        System.clearProperty(TriadTestBackendProvider.PACED_PROPERTY);
        System.clearProperty(TriadTestBackendProvider.PACED_FORKS_PROPERTY);
    }

    @Test
    void everyForkIsScaledByItsOwnBatchSizeAndLaterForksAreGivenForkOnes() throws Exception {
        var provider = Backends.find("test-paced").orElseThrow();
        var plan = RunPlanner.plan(
                KernelCatalogue.standard(),
                List.of(new RunPlanner.Target(provider)),
                List.of("triad"),
                Set.of(DType.FP32),
                RunPlanner.Shapes.ofSizes(List.of(Size.S)));
        EnergySensors sensors = EnergySensors.discover();
        var selection = sensors.resolve("fake", SensorOptions.none().with("fakeWatts", "40"));
        var timing = new Profile.Timing(2, 2, 200, 4, 200, 0);
        var orchestrator =
                new RunOrchestrator(timing, new SensorEnergyAttachment(sensors, selection), dir.resolve("work"), 42);

        BenchmarkResult r = orchestrator
                .runAll(plan.cases(), new RunOrchestrator.Listener() {
                    @Override
                    public void started(BenchmarkCase c, int index, int total) {}

                    @Override
                    public void finished(BenchmarkCase c, BenchmarkResult result, int index, int total) {}
                })
                .getFirst();

        assertThat(r.status()).as(r.failure()).isEqualTo(ResultStatus.OK);
        assertThat(r.forks()).hasSize(2);
        ForkRecord first = r.forks().get(0);
        ForkRecord second = r.forks().get(1);
        assertThat(first.batchDecision()).isEqualTo(ForkRecord.DECIDED);
        assertThat(first.targetCallNanos()).isEqualTo(1_000_000L);
        assertThat(first.singleInvocationNanos()).isGreaterThanOrEqualTo(TriadTestBackendProvider.PACED_NANOS);
        assertThat(first.batchSize()).isBetween(2, 20); // ceil(1 ms / t_single), t_single >= 50 µs
        // fork 2's own target is 10 ms: left to itself it would have run ~200 per call
        assertThat(second.batchDecision()).isEqualTo(ForkRecord.GIVEN);
        assertThat(second.targetCallNanos()).isEqualTo(10_000_000L);
        assertThat(second.batchSize()).isEqualTo(first.batchSize());
        assertThat(r.jmh().batchSize()).isEqualTo(first.batchSize());
        assertThat(r.jmh().forks()).isEqualTo(2);

        double trueMillis = TriadTestBackendProvider.PACED_NANOS / 1e6;
        // every iteration of both forks: at least the busy wait, and not ten times it
        assertThat(r.score().rawIterations())
                .hasSize(8)
                .allSatisfy(ms -> assertThat(ms).isBetween(trueMillis, 3 * trueMillis));
        for (ForkRecord f : r.forks()) {
            assertThat(f.millisPerInvocation()).isBetween(trueMillis, 3 * trueMillis);
            assertThat(f.callsPerIteration())
                    .allSatisfy(calls -> assertThat(calls).isPositive());
        }
        assertThat(r.score().value())
                .isCloseTo(
                        r.score().rawIterations().stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow(),
                        within(1e-12));

        // energy: each window's invocations are its own fork's JMH calls x that fork's n, and at a constant 40 W
        // every window's joules per invocation is 40 W x its time per invocation (within the iteration's jitter)
        DomainEnergy d = r.energy().domains().getFirst();
        List<RawWindow> measured =
                d.raw().windows().stream().filter(w -> w.iteration() > 0).toList();
        assertThat(measured).hasSize(8);
        for (RawWindow w : measured) {
            ForkRecord f = r.forks().get(w.fork() - 1);
            assertThat(w.invocations()).isEqualTo(f.invocations(w.iteration() - 1));
            double joulesPerInvocation = (w.endJoules() - w.startJoules()) / w.invocations();
            assertThat(joulesPerInvocation).isBetween(40 * trueMillis / 1e3, 40 * 3 * trueMillis / 1e3);
        }
        assertThat(d.joulesPerOp()).isBetween(40 * trueMillis / 1e3, 40 * 3 * trueMillis / 1e3);
    }
}
