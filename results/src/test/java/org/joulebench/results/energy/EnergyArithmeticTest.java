package org.joulebench.results.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.vocabulary.PowerSample;
import org.junit.jupiter.api.Test;

/** The arithmetic against figures worked out by hand. */
class EnergyArithmeticTest {
    private static final long S = 1_000_000_000L;

    private static RawWindow counter(
            int iteration, long invocations, long startNanos, long endNanos, double from, double to) {
        return new RawWindow(
                1, iteration, invocations, startNanos, endNanos, from, to, List.of(), null, Map.of(), Map.of());
    }

    private static RawWindow sampled(
            int iteration, long invocations, long startNanos, long endNanos, PowerSample... s) {
        return new RawWindow(
                1, iteration, invocations, startNanos, endNanos, null, null, List.of(s), null, Map.of(), Map.of());
    }

    @Test
    void countersGiveEndMinusStartAndEveryDerivedFigure() {
        // idle 2 s at 10 W; windows of 1 s and 2 s: 30 J / 100 invocations and 50 J / 200 invocations
        RawReadings raw = new RawReadings(
                RawReadings.CUMULATIVE_JOULES,
                500,
                List.of(counter(0, 0, 0, 2 * S, 100, 120)),
                List.of(counter(1, 100, 3 * S, 4 * S, 130, 160), counter(2, 200, 4 * S, 6 * S, 160, 210)));
        EnergyFigures f = EnergyArithmetic.figures(raw, 1_000_000);
        assertThat(f.usableWindows()).isEqualTo(2);
        assertThat(f.joules()).isEqualTo(80.0);
        assertThat(f.seconds()).isEqualTo(3.0);
        assertThat(f.invocations()).isEqualTo(300);
        assertThat(f.joulesPerOpPerIteration()).containsExactly(0.3, 0.25);
        assertThat(f.joulesPerOp()).isCloseTo(0.275, within(1e-15));
        assertThat(f.joulesPerOpError()).isCloseTo(Math.sqrt(2 * 0.025 * 0.025), within(1e-15));
        assertThat(f.averagePowerWatts()).isCloseTo(80.0 / 3, within(1e-12));
        assertThat(f.idlePowerWatts()).isEqualTo(10.0);
        // (30 - 10) / 100 = 0.2 and (50 - 20) / 200 = 0.15
        assertThat(f.dynamicJoulesPerOp()).isCloseTo(0.175, within(1e-15));
        assertThat(f.picojoulesPerUnit()).isCloseTo(0.275 / 1e6 * 1e12, within(1e-6));
        assertThat(f.unitsPerJoule()).isCloseTo(1e6 / 0.275 / 1e9, within(1e-15));
        assertThat(f.shortWindows()).isZero();
        assertThat(f.shortIdleWindows()).isZero();
    }

    @Test
    void powerSamplesAreIntegratedByTrapezoidsWithTheEndsHeld() {
        // a 1 s window: 100 W held from 0 to 0.25 s, a ramp to 200 W at 0.75 s, held to the end
        RawWindow w = sampled(
                1,
                10,
                10 * S,
                11 * S,
                new PowerSample(10 * S + S / 4, 100),
                new PowerSample(10 * S + 3 * S / 4, 200),
                new PowerSample(12 * S, 10_000)); // after the window: ignored
        double joules = 0.25 * 100 + 0.5 * 150 + 0.25 * 200;
        assertThat(EnergyArithmetic.windowJoules(RawReadings.POWER_SAMPLES, w)).isCloseTo(joules, within(1e-12));
        EnergyFigures f =
                EnergyArithmetic.figures(new RawReadings(RawReadings.POWER_SAMPLES, 100, List.of(), List.of(w)), 1);
        assertThat(f.joulesPerOp()).isCloseTo(joules / 10, within(1e-12));
        assertThat(f.averagePowerWatts()).isCloseTo(joules, within(1e-12));
        assertThat(f.joulesPerOpError()).isNull();
        assertThat(f.idlePowerWatts()).isNull();
        assertThat(f.dynamicJoulesPerOp()).isNull();
        // one sample: constant power over the window
        assertThat(EnergyArithmetic.integrate(List.of(new PowerSample(S / 2, 40)), 0, 2 * S))
                .isEqualTo(80.0);
    }

    @Test
    void windowsWithoutAFigureSayWhyAndAreLeftOutOfTheSums() {
        RawWindow failed = new RawWindow(1, 1, 10, 0, S, null, null, List.of(), "EIO", Map.of(), Map.of());
        RawWindow backwards = counter(2, 10, S, 2 * S, 50, 40);
        RawWindow missing = new RawWindow(1, 3, 10, 2 * S, 3 * S, 50.0, null, List.of(), null, Map.of(), Map.of());
        RawWindow noLength = counter(4, 10, 3 * S, 3 * S, 60, 70);
        RawWindow noInvocations = counter(5, 0, 4 * S, 5 * S, 70, 80);
        RawWindow good = counter(6, 10, 5 * S, 6 * S, 80, 100);
        EnergyFigures f = EnergyArithmetic.figures(
                new RawReadings(
                        RawReadings.CUMULATIVE_JOULES,
                        0,
                        List.of(),
                        List.of(failed, backwards, missing, noLength, noInvocations, good)),
                1);
        assertThat(f.windows())
                .extracting(WindowEnergy::problem)
                .containsExactly(
                        "EIO",
                        "the cumulative reading went backwards (50.0 J to 40.0 J)",
                        "a start or end reading is missing",
                        "the window has no length (end 3000000000 ns, start 3000000000 ns)",
                        "a measured window without invocations",
                        null);
        assertThat(f.unusableWindows()).hasSize(5);
        assertThat(f.usableWindows()).isEqualTo(1);
        assertThat(f.joules()).isEqualTo(20.0);
        assertThat(f.joulesPerOp()).isEqualTo(2.0);
        RawWindow noSample = sampled(1, 1, 0, S);
        assertThat(EnergyArithmetic.window(RawReadings.POWER_SAMPLES, 0, noSample, true)
                        .problem())
                .isEqualTo("no power sample in the window");
        EnergyFigures none = EnergyArithmetic.figures(
                new RawReadings(RawReadings.CUMULATIVE_JOULES, 0, List.of(), List.of(failed)), 1);
        assertThat(none.usableWindows()).isZero();
        assertThat(none.joulesPerOp()).isNaN();
    }

    @Test
    void aWindowShorterThanTheMinimumIsShort() {
        assertThat(EnergyArithmetic.isShort(0.0999, 100)).isTrue();
        assertThat(EnergyArithmetic.isShort(0.1, 100)).isFalse();
        RawReadings raw = new RawReadings(
                RawReadings.CUMULATIVE_JOULES,
                1500,
                List.of(counter(0, 0, 0, S, 0, 5)),
                List.of(counter(1, 1, S, 2 * S, 5, 15), counter(2, 1, 2 * S, 4 * S, 15, 35)));
        EnergyFigures f = EnergyArithmetic.figures(raw, 1);
        assertThat(f.shortWindows()).isEqualTo(1);
        assertThat(f.shortIdleWindows()).isEqualTo(1);
        assertThat(f.windows()).extracting(WindowEnergy::shortWindow).containsExactly(true, false);
    }

    @Test
    void unknownKindsAndZeroWorkAreRefused() {
        RawReadings raw = new RawReadings("WATT_HOURS", 0, List.of(), List.of(counter(1, 1, 0, S, 0, 1)));
        assertThatThrownBy(() -> EnergyArithmetic.figures(raw, 1))
                .hasMessage("unknown raw readings kind 'WATT_HOURS'; valid: CUMULATIVE_JOULES, POWER_SAMPLES");
        assertThatThrownBy(() -> EnergyArithmetic.figures(raw, 0))
                .hasMessage("headline units per invocation must be above 0: 0");
    }
}
