package org.joulebench.harness.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.PairedRatio;
import org.joulebench.results.record.ResultStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison group (two implementations of one case: a paced triad and one that waits twice as long) runs the
 * timing's paired forks, alternating A1 B1 A2 B2 A3 B3 in real JMH forks, and each result's paired ratio is the one
 * its fork pairs give: the geometric mean of fork k's time ratios, with Student's t interval over the pairs.
 */
class PairedForksTest {
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
    void aComparisonRunsItsPairedForksAlternatingAndItsRatioComesFromThePairs() throws Exception {
        var plan = PacedTriad.plan();
        assertThat(plan.cases()).hasSize(2);
        // alone: 1 fork of 4 windows; in a comparison: 3 forks of max(3, ceil(1 x 4 / 3)) = 3 windows
        var timing = new Profile.Timing(1, 1, 200, 4, 150, 0, 0, 3);
        EnergySensors sensors = EnergySensors.discover();
        var selection = sensors.resolve("fake", SensorOptions.none().with("fakeWatts", "40"));
        var orchestrator =
                new RunOrchestrator(timing, new SensorEnergyAttachment(sensors, selection), dir.resolve("work"), 42);
        List<String> order = new ArrayList<>();

        List<BenchmarkResult> results = orchestrator.runAll(plan.cases(), new RunOrchestrator.Listener() {
            @Override
            public void started(BenchmarkCase c, int index, int total) {}

            @Override
            public void forkStarted(BenchmarkCase c, int fork, int forks) {
                order.add(c.implementation().id() + " " + fork + "/" + forks);
            }

            @Override
            public void finished(BenchmarkCase c, BenchmarkResult result, int index, int total) {}
        });

        assertThat(order)
                .containsExactly("test 1/3", "test-slow 1/3", "test 2/3", "test-slow 2/3", "test 3/3", "test-slow 3/3");
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).as(r.failure()).isEqualTo(ResultStatus.OK);
            assertThat(r.forks()).hasSize(3);
            assertThat(r.jmh().forks()).isEqualTo(3);
            assertThat(r.jmh().measurementIterations()).isEqualTo(3);
            assertThat(r.score().rawIterations()).hasSize(9);
            assertThat(r.pairedRatios()).hasSize(1);
        });
        BenchmarkResult fast = results.get(0), slow = results.get(1);
        assertThat(fast.implementation().id()).isEqualTo("test");
        PairedRatio p = fast.pairedRatios().getFirst();
        assertThat(p.versusImplementation()).isEqualTo("test-slow");
        assertThat(p.pairs()).isEqualTo(3);
        double logSum = 0;
        for (int k = 0; k < 3; k++) {
            ForkRecord mine = fast.forks().get(k), theirs = slow.forks().get(k);
            logSum += Math.log(theirs.millisPerInvocation() / mine.millisPerInvocation());
        }
        assertThat(p.ratio()).isCloseTo(Math.exp(logSum / 3), within(1e-9));
        assertThat(p.low()).isLessThan(p.ratio());
        assertThat(p.high()).isGreaterThan(p.ratio());
        // the slow one waits twice as long per invocation: the fast one's throughput ratio is well above 1
        assertThat(p.ratio()).isGreaterThan(1.2);
        PairedRatio back = slow.pairedRatios().getFirst();
        assertThat(back.ratio()).isCloseTo(1 / p.ratio(), within(1e-9));
    }

    @Test
    void onlyAComparisonGetsThePairedForksAndItKeepsAtLeastTheWindows() {
        var submission = Profile.SUBMISSION.timing();
        assertThat(submission.forComparison(1)).isEqualTo(submission);
        var paired = submission.forComparison(2);
        assertThat(paired.forks()).isEqualTo(5);
        assertThat(paired.measurementIterations()).isEqualTo(4); // ceil(2 x 8 / 5)
        assertThat(paired.forks() * paired.measurementIterations())
                .isGreaterThanOrEqualTo(submission.forks() * submission.measurementIterations());
        assertThat(paired.measurementMillis()).isEqualTo(submission.measurementMillis());
        assertThat(paired.cooldownMillis()).isEqualTo(submission.cooldownMillis());
        var standard = Profile.STANDARD.timing().forComparison(3);
        assertThat(standard.forks()).isEqualTo(4);
        assertThat(standard.measurementIterations()).isEqualTo(3); // ceil(2 x 5 / 4)
        assertThat(Profile.QUICK.timing().forComparison(2)).isEqualTo(Profile.QUICK.timing());
    }
}
