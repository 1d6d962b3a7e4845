package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.EnergyResult;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;

class EnergyRecordsTest {
    static final long SECOND = 1_000_000_000L;

    static final SensorInfo RAPL = new SensorInfo(
            "rapl",
            "RAPL powercap",
            Method.COUNTER,
            Tier.B,
            List.of(
                    DomainInfo.device("cpu-package-0", List.of("intel-rapl:0"), "cpu-socket:0"),
                    DomainInfo.device("cpu-package-1", List.of("intel-rapl:1"), "cpu-socket:1"),
                    DomainInfo.host("dram-0", List.of("intel-rapl:0:0"))),
            1e-6,
            1.0,
            null,
            null,
            null,
            Map.of());

    static final SensorInfo MODEL = new SensorInfo(
            "model",
            "Model",
            Method.MODEL,
            Tier.ESTIMATE,
            List.of(DomainInfo.device("cpu-package", List.of("process-cpu-time"), "cpu-socket:0")),
            null,
            10.0,
            null,
            null,
            null,
            Map.of("tdpSource", "tdpWatts option"));

    /** A counter window of {@code joules} over {@code seconds}, starting at {@code start} J. */
    static EnergyMeter.DomainWindow window(
            SensorInfo s, String domain, long startNanos, double seconds, double start, double joules) {
        return new EnergyMeter.DomainWindow(
                s.id(),
                domain,
                false,
                startNanos,
                startNanos + Math.round(seconds * SECOND),
                start,
                start + joules,
                List.of(),
                null,
                Map.of(),
                Map.of());
    }

    static EnergyReport.Setup setup(SensorInfo s, List<String> targets, List<EnergyMeter.DomainWindow> idle) {
        return new EnergyReport.Setup(
                "b",
                "auto: " + s.id(),
                targets,
                List.of(new EnergyReport.SensorEntry(s, 10.0)),
                Map.of("nvml", "libnvidia-ml.so.1 not found"),
                1000,
                idle);
    }

    /** The forks with {@code invocationsPerOp} each. */
    static List<EnergyRecords.ForkReports> withInvocations(
            List<EnergyRecords.ForkReports> forks, long invocationsPerOp) {
        return forks.stream()
                .map(f -> new EnergyRecords.ForkReports(f.fork(), f.reports(), invocationsPerOp))
                .toList();
    }

    static EnergyRecords.ForkReports fork(
            int n, EnergyReport.Setup setup, long ops, List<List<EnergyMeter.DomainWindow>> its) {
        List<EnergyReport> reports = new ArrayList<>();
        for (int i = 0; i < its.size(); i++) {
            reports.add(new EnergyReport(setup, i + 1, ops, ops, its.get(i), List.of()));
        }
        return new EnergyRecords.ForkReports(n, reports, 1);
    }

    @Test
    void joulesPerInvocationSpreadUnitsDynamicEnergyAndRawReadings() {
        // idle 10 W; two iterations of 1e5 JMH ops x 10 invocations: 20 J then 30 J, each in 0.5 s
        EnergyReport.Setup setup =
                setup(RAPL, List.of("cpu-socket:0"), List.of(window(RAPL, "cpu-package-0", 0, 1.0, 100, 10)));
        EnergyOutcome out = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup,
                                100_000,
                                List.of(
                                        List.of(window(RAPL, "cpu-package-0", 2 * SECOND, 0.5, 110, 20)),
                                        List.of(window(RAPL, "cpu-package-0", 3 * SECOND, 0.5, 130, 30))))),
                        10),
                2_000_000, // one invocation = 2e6 FLOP
                "FLOP");
        EnergyResult e = out.energyOrNull();
        assertThat(out.reasonOrNull()).isNull();
        assertThat(e.selection()).isEqualTo("auto: rapl");
        DomainEnergy d = e.domains().getFirst();
        assertThat(d.domain()).isEqualTo("cpu-package-0");
        assertThat(d.tier()).isEqualTo("B");
        assertThat(d.method()).isEqualTo("COUNTER");
        assertThat(d.estimated()).isFalse();
        assertThat(d.scope()).isEqualTo(DomainEnergy.SCOPE_DEVICE);
        assertThat(d.scopeDevice()).isEqualTo("cpu-socket:0");
        assertThat(d.joules()).isCloseTo(50.0, within(1e-12));
        assertThat(d.joulesPerOp()).isCloseTo(25e-6, within(1e-15)); // mean of 20 uJ and 30 uJ per invocation
        assertThat(d.joulesPerOpError()).isCloseTo(Math.sqrt(50e-12), within(1e-15)); // sample stdev
        assertThat(d.joulesPerOpPerIteration()).containsExactly(20e-6, 30e-6);
        assertThat(d.picojoulesPerUnit()).isCloseTo(12.5, within(1e-9)); // 25 uJ / 2e6 FLOP = 12.5 pJ/FLOP
        assertThat(d.unitsPerJoule()).isCloseTo(80.0, within(1e-9)); // 2e6 FLOP / 25 uJ = 80 GFLOP/J
        assertThat(d.averagePowerWatts()).isCloseTo(50.0, within(1e-12));
        assertThat(d.idlePowerWatts()).isCloseTo(10.0, within(1e-12));
        // above idle: (20 - 5) and (30 - 5) J over 1e6 invocations -> mean 20 uJ
        assertThat(d.dynamicJoulesPerOp()).isCloseTo(20e-6, within(1e-15));
        assertThat(d.details().zones()).containsExactly("intel-rapl:0");
        assertThat(d.details().resolutionJoules()).isEqualTo(1e-6);
        assertThat(e.warnings()).anyMatch(w -> w.contains("nvml not used: libnvidia-ml.so.1 not found"));

        RawReadings raw = d.raw();
        assertThat(raw.kind()).isEqualTo(RawReadings.CUMULATIVE_JOULES);
        assertThat(raw.minimumWindowMillis()).isEqualTo(10.0);
        assertThat(raw.idle()).singleElement().satisfies(w -> {
            assertThat(w.iteration()).isZero();
            assertThat(w.invocations()).isZero();
            assertThat(w.startJoules()).isEqualTo(100.0);
            assertThat(w.endJoules()).isEqualTo(110.0);
        });
        assertThat(raw.windows())
                .extracting(RawWindow::fork, RawWindow::iteration, RawWindow::invocations, RawWindow::endJoules)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1, 1_000_000L, 130.0),
                        org.assertj.core.groups.Tuple.tuple(1, 2, 1_000_000L, 160.0));
    }

    @Test
    void scopeFollowsTheCasesDevices() {
        List<List<EnergyMeter.DomainWindow>> its = List.of(List.of(
                window(RAPL, "cpu-package-0", 0, 1, 0, 5),
                window(RAPL, "cpu-package-1", 0, 1, 0, 6),
                window(RAPL, "dram-0", 0, 1, 0, 1)));
        // a two-socket CPU case: both packages are the device, DRAM is the host
        List<DomainEnergy> cpu = EnergyRecords.fromReports(
                        withInvocations(
                                List.of(fork(1, setup(RAPL, List.of("cpu-socket:0+1"), List.of()), 10, its)), 1),
                        1,
                        "FLOP")
                .energyOrNull()
                .domains();
        assertThat(cpu)
                .extracting(DomainEnergy::domain, DomainEnergy::scope, DomainEnergy::scopeDevice)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cpu-package-0", "DEVICE", "cpu-socket:0"),
                        org.assertj.core.groups.Tuple.tuple("cpu-package-1", "DEVICE", "cpu-socket:1"),
                        org.assertj.core.groups.Tuple.tuple("dram-0", "HOST", null));
        // the same packages while a GPU computes are the host
        List<DomainEnergy> gpu = EnergyRecords.fromReports(
                        withInvocations(List.of(fork(1, setup(RAPL, List.of("0000:19:00.0"), List.of()), 10, its)), 1),
                        1,
                        "FLOP")
                .energyOrNull()
                .domains();
        assertThat(gpu).extracting(DomainEnergy::scope).containsOnly("HOST");
        assertThat(gpu).extracting(DomainEnergy::scopeDevice).containsOnlyNulls();
        assertThat(EnergyScopes.effective(DomainInfo.node("node-wall", List.of(), List.of("a", "b")), List.of()))
                .isEqualTo(new EnergyScopes.Effective(Scope.NODE.name(), null));
    }

    @Test
    void forksAreNumberedAndEachUsesItsOwnIdlePower() {
        EnergyRecords.ForkReports one = fork(
                1,
                setup(RAPL, List.of(), List.of(window(RAPL, "cpu-package-0", 0, 1, 0, 10))),
                1000,
                List.of(List.of(window(RAPL, "cpu-package-0", 0, 1, 10, 30))));
        EnergyRecords.ForkReports two = fork(
                2,
                setup(RAPL, List.of(), List.of(window(RAPL, "cpu-package-0", 0, 1, 0, 20))),
                1000,
                List.of(List.of(window(RAPL, "cpu-package-0", 0, 1, 20, 30))));
        DomainEnergy d = EnergyRecords.fromReports(withInvocations(List.of(one, two), 1), 1, "FLOP")
                .energyOrNull()
                .domains()
                .getFirst();
        assertThat(d.raw().idle()).extracting(RawWindow::fork).containsExactly(1, 2);
        assertThat(d.raw().windows()).extracting(RawWindow::fork).containsExactly(1, 2);
        assertThat(d.idlePowerWatts()).isCloseTo(15.0, within(1e-12));
        // (30 - 10) / 1000 and (30 - 20) / 1000
        assertThat(d.dynamicJoulesPerOp()).isCloseTo(0.015, within(1e-12));
    }

    @Test
    void aModelEstimateHasNoIdleSplitAndAZeroLengthWindowIsNoFigure() {
        EnergyOutcome model = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup(MODEL, List.of(), List.of(window(MODEL, "cpu-package", 0, 1, 0, 0))),
                                1000,
                                List.of(List.of(window(MODEL, "cpu-package", 0, 1, 0, 3))))),
                        1),
                1000,
                "FLOP");
        DomainEnergy d = model.energyOrNull().domains().getFirst();
        assertThat(d.estimated()).isTrue();
        assertThat(d.method()).isEqualTo("MODEL");
        assertThat(d.idlePowerWatts()).isNull();
        assertThat(d.dynamicJoulesPerOp()).isNull();
        assertThat(d.joulesPerOpError()).isNull();
        assertThat(model.energyOrNull().warnings())
                .anyMatch(w -> w.contains("ESTIMATE from a model, not a measurement (TDP: tdpWatts option)"));

        EnergyOutcome zero = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup(RAPL, List.of(), List.of()),
                                1000,
                                List.of(List.of(window(RAPL, "cpu-package-0", 0, 0, 0, 3))))),
                        1),
                1000,
                "FLOP");
        assertThat(zero.energyOrNull()).isNull();
        assertThat(zero.reasonOrNull()).contains("the window has no length");
    }

    @Test
    void anIterationErrorGivesANamedReasonNeverAZero() {
        EnergyMeter.DomainWindow failed = window(RAPL, "cpu-package-0", 0, 0.5, 2, 0)
                .withError("meter at 10.0.0.1:8888 disconnected (no reply to 'Stop')");
        EnergyOutcome out = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup(RAPL, List.of(), List.of()),
                                1000,
                                List.of(List.of(window(RAPL, "cpu-package-0", 0, 0.5, 0, 2)), List.of(failed)))),
                        1),
                1,
                "FLOP");
        assertThat(out.energyOrNull()).isNull();
        assertThat(out.reasonOrNull())
                .contains("rapl/cpu-package-0")
                .contains("disconnected (no reply to 'Stop')")
                .contains("1 of 2 measured iterations");
    }

    @Test
    void shortWindowsAndNoOperationsAreNamed() {
        EnergyOutcome noOps = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup(RAPL, List.of(), List.of()),
                                0,
                                List.of(List.of(window(RAPL, "cpu-package-0", 0, 1, 0, 2))))),
                        1),
                1,
                "FLOP");
        assertThat(noOps.reasonOrNull()).contains("no operations counted in the iteration");
        EnergyResult shortOnes = EnergyRecords.fromReports(
                        withInvocations(
                                List.of(fork(
                                        1,
                                        setup(RAPL, List.of(), List.of()),
                                        10,
                                        List.of(List.of(window(RAPL, "cpu-package-0", 0, 0.005, 0, 2))))),
                                1),
                        1,
                        "FLOP")
                .energyOrNull();
        assertThat(shortOnes.warnings())
                .anyMatch(w -> w.contains("1 of 1 measured windows shorter than the sensor's 10 ms minimum"));
    }

    @Test
    void zeroEnergyAndNoProfilerAreUnavailable() {
        assertThat(EnergyRecords.fromReports(
                                withInvocations(List.of(new EnergyRecords.ForkReports(1, List.of(), 1)), 1), 1, "FLOP")
                        .reasonOrNull())
                .contains("profiler was not attached");
        EnergyOutcome zero = EnergyRecords.fromReports(
                withInvocations(
                        List.of(fork(
                                1,
                                setup(RAPL, List.of(), List.of()),
                                10,
                                List.of(List.of(window(RAPL, "dram-0", 0, 0.001, 5, 0))))),
                        1),
                1,
                "BYTE");
        assertThat(zero.reasonOrNull()).contains("counter never moved");
        assertThatThrownBy(() -> new EnergyRecords.ForkReports(1, List.of(), 0))
                .hasMessageContaining("invocations per operation must be positive");
    }
}
