package org.joulebench.harness.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.testbackend.TriadTestBackendProvider;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.RawWindow;
import org.joulebench.results.record.ResultStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two forks of a kernel that cannot run faster than a known time per invocation (a 50 µs busy wait) and whose batch
 * target differs between fork JVMs (10 ms in the first, 1 ms in later ones), with real JMH forks and a constant-power
 * sensor. Before schema 3 each fork chose its own n (here ~200 and ~20) and the parent divided every fork's time per
 * call by the first fork's n, so fork 2 came out about ten times faster than the busy wait allows (and its energy
 * per invocation ten times too low). Now fork 1 decides n after warm-up and fork 2 is given it; no fork's time or
 * energy per invocation may fall below what the busy wait takes. (Only lower bounds: on a loaded machine a busy
 * wait measured in wall time only gets longer.)
 */
class MultiForkBatchTest {
    @TempDir
    Path dir;

    @BeforeEach
    void enablePacedBackend() throws Exception {
        PacedTriad.enable(dir);
    }

    @AfterEach
    void disable() {
        PacedTriad.disable();
    }

    @Test
    void everyForkIsScaledByItsOwnBatchSizeAndLaterForksAreGivenForkOnes() throws Exception {
        var plan = PacedTriad.plan();
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
        assertThat(first.targetCallNanos()).isEqualTo(10_000_000L);
        assertThat(first.singleInvocationNanos()).isGreaterThanOrEqualTo(TriadTestBackendProvider.PACED_NANOS);
        assertThat(first.batchSize()).isBetween(1, 200); // ceil(10 ms / t_single), t_single >= 50 µs
        // fork 2's own target is 1 ms: left to itself it would have run a tenth as many per call
        assertThat(second.batchDecision()).isEqualTo(ForkRecord.GIVEN);
        assertThat(second.targetCallNanos()).isEqualTo(1_000_000L);
        assertThat(second.batchSize()).isEqualTo(first.batchSize());
        assertThat(r.jmh().batchSize()).isEqualTo(first.batchSize());
        assertThat(r.jmh().forks()).isEqualTo(2);

        double trueMillis = TriadTestBackendProvider.PACED_NANOS / 1e6;
        // every iteration of both forks: at least the busy wait
        assertThat(r.score().rawIterations())
                .hasSize(8)
                .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(trueMillis));
        for (ForkRecord f : r.forks()) {
            assertThat(f.millisPerInvocation()).isGreaterThanOrEqualTo(trueMillis);
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
        // no window's joules per invocation can be below 40 W x the busy wait
        DomainEnergy d = r.energy().domains().getFirst();
        List<RawWindow> measured =
                d.raw().windows().stream().filter(w -> w.iteration() > 0).toList();
        assertThat(measured).hasSize(8);
        for (RawWindow w : measured) {
            ForkRecord f = r.forks().get(w.fork() - 1);
            assertThat(w.invocations()).isEqualTo(f.invocations(w.iteration() - 1));
            double joulesPerInvocation = (w.endJoules() - w.startJoules()) / w.invocations();
            assertThat(joulesPerInvocation).isGreaterThanOrEqualTo(40 * trueMillis / 1e3);
        }
        assertThat(d.joulesPerOp()).isGreaterThanOrEqualTo(40 * trueMillis / 1e3);
    }
}
