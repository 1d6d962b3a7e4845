package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.Method;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.Tier;
import org.joulebench.results.run.DomainEnergy;
import org.joulebench.results.run.EnergyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyRecordsTest {
    static final long ID = 4242;

    @TempDir
    Path dir;

    static Map<String, Double> iteration(
            String sensor, String tier, String domain, double joules, double seconds, long ops, Double idleW) {
        Map<String, Double> v = new HashMap<>();
        v.put(EnergyLabels.DETAILS_ID, (double) ID);
        v.put(EnergyLabels.label(sensor, tier, domain, "J"), joules);
        v.put(EnergyLabels.label(sensor, tier, domain, "J/op"), joules / ops);
        v.put(EnergyLabels.label(sensor, tier, domain, "W"), joules / seconds);
        v.put(EnergyLabels.label(sensor, tier, domain, "s"), seconds);
        if (idleW != null) {
            v.put(EnergyLabels.label(sensor, tier, domain, "idleW"), idleW);
        }
        return v;
    }

    void details(List<EnergyMeter.Channel> errors) throws Exception {
        SensorInfo rapl = new SensorInfo(
                "rapl",
                "RAPL powercap",
                Method.COUNTER,
                Tier.B,
                List.of(new DomainInfo("cpu-package", List.of("intel-rapl:0", "intel-rapl:1"))),
                1e-6,
                1.0,
                null,
                null,
                null,
                Map.of("summed.cpu-package", "intel-rapl:0 + intel-rapl:1"));
        new EnergyDetailsFile(
                        1,
                        "b",
                        "auto: rapl (tier B) for cpu-package",
                        List.of(new EnergyDetailsFile.SensorEntry(rapl, 10.0)),
                        Map.of("nvml", "libnvidia-ml.so.1 not found"),
                        1000,
                        List.of(),
                        List.of(new EnergyDetailsFile.Iteration(1, 1000, 1000, errors, List.of())))
                .write(EnergyDetailsFile.path(dir, ID));
    }

    @Test
    void joulesPerOpSpreadUnitsAndDynamicEnergy() throws Exception {
        details(List.of());
        // Two iterations: 20 J over 1e6 ops in 0.5 s, then 30 J over 1e6 ops in 0.5 s; idle 10 W.
        List<EnergyRecords.IterationSample> samples = List.of(
                new EnergyRecords.IterationSample(
                        1_000_000, iteration("rapl", "B", "cpu-package", 20, 0.5, 1_000_000, 10.0)),
                new EnergyRecords.IterationSample(
                        1_000_000, iteration("rapl", "B", "cpu-package", 30, 0.5, 1_000_000, 10.0)));
        // One op = 2e6 FLOP
        EnergyOutcome out = EnergyRecords.fromSamples(samples, dir, 2_000_000, "FLOP");
        EnergyResult e = out.energyOrNull();
        assertThat(out.reasonOrNull()).isNull();
        assertThat(e.selection()).isEqualTo("auto: rapl (tier B) for cpu-package");
        DomainEnergy d = e.domains().getFirst();
        assertThat(d.domain()).isEqualTo("cpu-package");
        assertThat(d.tier()).isEqualTo("B");
        assertThat(d.method()).isEqualTo("COUNTER");
        assertThat(d.estimated()).isFalse();
        assertThat(d.joules()).isCloseTo(50.0, within(1e-12));
        assertThat(d.joulesPerOp()).isCloseTo(25e-6, within(1e-15)); // mean of 20 uJ and 30 uJ
        assertThat(d.joulesPerOpError()).isCloseTo(Math.sqrt(50e-12), within(1e-15)); // sample stdev
        assertThat(d.joulesPerOpPerIteration()).containsExactly(20e-6, 30e-6);
        assertThat(d.picojoulesPerUnit()).isCloseTo(12.5, within(1e-9)); // 25 uJ / 2e6 FLOP = 12.5 pJ/FLOP
        assertThat(d.unitsPerJoule()).isCloseTo(80.0, within(1e-9)); // 2e6 FLOP / 25 uJ = 8e10 FLOP/J = 80 GFLOP/J
        assertThat(d.averagePowerWatts()).isCloseTo(50.0, within(1e-12));
        assertThat(d.idlePowerWatts()).isEqualTo(10.0);
        // above idle: (20 - 5) and (30 - 5) J over 1e6 ops -> mean 20 uJ
        assertThat(d.dynamicJoulesPerOp()).isCloseTo(20e-6, within(1e-15));
        assertThat(d.details().zones()).containsExactly("intel-rapl:0", "intel-rapl:1");
        assertThat(d.details().resolutionJoules()).isEqualTo(1e-6);
        assertThat(e.warnings()).anyMatch(w -> w.contains("nvml not used: libnvidia-ml.so.1 not found"));
    }

    @Test
    void aModelEstimateHasNoIdleSplitAndAZeroLengthWindowIsNoFigure() throws Exception {
        details(List.of());
        // the model sees only this process's CPU time: an idle reading of 0 W would be made up
        EnergyOutcome model = EnergyRecords.fromSamples(
                List.of(new EnergyRecords.IterationSample(
                        1000, iteration("model", "ESTIMATE", "cpu-package", 3, 1, 1000, 0.0))),
                dir,
                1000,
                "FLOP");
        DomainEnergy d = model.energyOrNull().domains().getFirst();
        assertThat(d.estimated()).isTrue();
        assertThat(d.method()).isEqualTo("MODEL");
        assertThat(d.idlePowerWatts()).isNull();
        assertThat(d.dynamicJoulesPerOp()).isNull();

        EnergyOutcome zero = EnergyRecords.fromSamples(
                List.of(new EnergyRecords.IterationSample(
                        1000, iteration("rapl", "B", "cpu-package", 3, 0, 1000, null))),
                dir,
                1000,
                "FLOP");
        assertThat(zero.energyOrNull()).isNull();
        assertThat(zero.reasonOrNull()).contains("the measured windows have no length");
    }

    @Test
    void anIterationErrorGivesANamedReasonNeverAZero() throws Exception {
        details(List.of(new EnergyMeter.Channel(
                "rapl",
                "B",
                "COUNTER",
                "cpu-package",
                null,
                0.5,
                "meter at 10.0.0.1:8888 disconnected (no reply to 'Stop')",
                10)));
        Map<String, Double> failed = new HashMap<>();
        failed.put(EnergyLabels.DETAILS_ID, (double) ID);
        failed.put(EnergyLabels.label("rapl", "B", "cpu-package", "error"), 1.0);
        List<EnergyRecords.IterationSample> samples = List.of(
                new EnergyRecords.IterationSample(1000, iteration("rapl", "B", "cpu-package", 2, 0.5, 1000, null)),
                new EnergyRecords.IterationSample(1000, failed));
        EnergyOutcome out = EnergyRecords.fromSamples(samples, dir, 1, "FLOP");
        assertThat(out.energyOrNull()).isNull();
        assertThat(out.reasonOrNull())
                .contains("rapl/cpu-package")
                .contains("disconnected (no reply to 'Stop')")
                .contains("1 of 2 measured iterations");
    }

    @Test
    void estimatesAreLabelledAndAMissingDetailsFileIsAWarning() {
        List<EnergyRecords.IterationSample> samples = List.of(new EnergyRecords.IterationSample(
                10, iteration("model", "ESTIMATE", "cpu-package", 1.0, 1.0, 10, null)));
        EnergyResult e = EnergyRecords.fromSamples(samples, dir, 1, "FLOP").energyOrNull();
        DomainEnergy d = e.domains().getFirst();
        assertThat(d.estimated()).isTrue();
        assertThat(d.tier()).isEqualTo("ESTIMATE");
        assertThat(d.method()).isEqualTo("MODEL");
        assertThat(d.idlePowerWatts()).isNull();
        assertThat(d.dynamicJoulesPerOp()).isNull();
        assertThat(d.joulesPerOpError()).isNull();
        assertThat(e.warnings())
                .anyMatch(w -> w.contains("ESTIMATE from a model, not a measurement"))
                .anyMatch(w -> w.contains("details file") && w.contains("not found"));
    }

    @Test
    void zeroEnergyAndNoProfilerAreUnavailable() {
        assertThat(EnergyRecords.fromSamples(List.of(new EnergyRecords.IterationSample(5, Map.of())), dir, 1, "FLOP")
                        .reasonOrNull())
                .contains("profiler was not attached");
        List<EnergyRecords.IterationSample> zero =
                List.of(new EnergyRecords.IterationSample(10, iteration("rapl", "B", "dram", 0.0, 0.001, 10, null)));
        assertThat(EnergyRecords.fromSamples(zero, dir, 1, "BYTE").reasonOrNull())
                .contains("counter never moved");
    }
}
