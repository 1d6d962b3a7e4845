package org.joulebench.results.interference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.joulebench.results.record.Interference;
import org.joulebench.results.record.InterferenceWindow;
import org.junit.jupiter.api.Test;

class InterferenceRuleTest {

    static InterferenceWindow window(
            String kind,
            int iteration,
            double other,
            double steal,
            Double mhz,
            List<String> gpuReasons,
            List<Long> gpuPids) {
        return new InterferenceWindow(
                kind, 1, iteration, 1.0, steal, other, 1.9, List.of(), mhz, mhz, mhz, gpuReasons, gpuPids, List.of());
    }

    static InterferenceWindow measured(int iteration, double other) {
        return window(InterferenceWindow.MEASURED, iteration, other, 0, null, List.of(), List.of());
    }

    @Test
    void otherLoadAtTheThresholdFlagsAWindowAndTheResultSaysHowManyOfItsMeasuredWindows() {
        Interference i = InterferenceRule.apply(List.of(
                window(InterferenceWindow.IDLE, 0, 0.9, 0, null, List.of(), List.of()),
                measured(1, 0.05),
                measured(2, 0.38),
                measured(3, InterferenceRule.MAX_OTHER_CORES),
                measured(4, 0.099)));
        assertThat(i.windows())
                .extracting(w -> w.flags())
                .containsExactly(
                        List.of("other load 90 % of a core"),
                        List.of(),
                        List.of("other load 38 % of a core"),
                        List.of("other load 10 % of a core"),
                        List.of());
        // the idle window is flagged (and kept) but the result's flag counts measured windows only
        assertThat(i.flaggedMeasuredWindows()).isEqualTo(2);
        assertThat(i.reason()).isEqualTo("other load 38 % of a core in 2 of 4 windows");
        assertThat(i.rule()).isEqualTo(InterferenceRule.TEXT);
    }

    @Test
    void stealSlowClocksGpuSlowdownAndOtherGpuProcessesAreFlaggedButNotThePowerCap() {
        Interference i = InterferenceRule.apply(List.of(
                window(InterferenceWindow.MEASURED, 1, 0, 0.06, 3000.0, List.of("SW_POWER_CAP"), List.of()),
                window(InterferenceWindow.MEASURED, 2, 0, 0, 2600.0, List.of("HW_THERMAL_SLOWDOWN"), List.of(7L)),
                window(InterferenceWindow.MEASURED, 3, 0, 0, 2800.0, List.of("SW_POWER_CAP"), List.of())));
        assertThat(i.windows().get(0).flags()).containsExactly("steal 6 % of a core");
        assertThat(i.windows().get(1).flags())
                .containsExactly(
                        "CPU clock 2600 MHz, 87 % of the fastest window",
                        "GPU hw thermal slowdown", "1 other process(es) on the GPU");
        assertThat(i.windows().get(2).flags()).isEmpty(); // 93 % of the fastest: within the rule
        assertThat(i.reason()).isEqualTo("steal 6 % of a core in 2 of 3 windows");
    }

    @Test
    void aQuietResultHasNoReason() {
        Interference i = InterferenceRule.apply(List.of(measured(1, 0.0), measured(2, 0.02)));
        assertThat(i.flaggedMeasuredWindows()).isZero();
        assertThat(i.reason()).isNull();
    }
}
