package org.joulebench.results.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepTest {
    private static Sweep sweep(Map<String, Integer> from, Map<String, Integer> to, int points) {
        return new Sweep("gemm", "fp32", "cpu", "cpu0", from, to, points, Map.of());
    }

    @Test
    void eachDimensionIsGeometricBetweenItsEndsWhichAreExact() {
        Sweep s = sweep(Map.of("M", 64, "N", 100, "K", 64), Map.of("M", 4096, "N", 100, "K", 1000), 4);
        assertThat(s.problem()).isNull();
        assertThat(s.shapes())
                .containsExactly(
                        Map.of("M", 64, "N", 100, "K", 64),
                        Map.of("M", 256, "N", 100, "K", 160), // 64 x 4; 64 x (1000/64)^(1/3) = 159.99...
                        Map.of("M", 1024, "N", 100, "K", 400),
                        Map.of("M", 4096, "N", 100, "K", 1000));
    }

    @Test
    void pointCountsOutsideTheBoundsAndCrowdedSeriesAreProblems() {
        assertThat(sweep(Map.of("N", 1), Map.of("N", 1000), 1).problem()).contains("2 to 32 points, not 1");
        assertThat(sweep(Map.of("N", 1), Map.of("N", 1 << 20), 33).problem()).contains("not 33");
        assertThat(sweep(Map.of("N", 10), Map.of("N", 12), 5).problem()).contains("give the same shape");
        assertThat(sweep(Map.of("N", 10), Map.of("M", 12), 2).problem()).contains("the same dimensions");
        assertThat(sweep(Map.of("N", 10), Map.of("N", 10), 2).problem()).contains("the same shape");
        assertThat(sweep(Map.of("N", 0), Map.of("N", 10), 2).problem()).contains("at least 1");
    }
}
