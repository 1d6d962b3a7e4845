package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.joulebench.results.interference.InterferenceRule;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.InterferenceWindow;
import org.joulebench.results.record.Score;
import org.junit.jupiter.api.Test;

/** The summary table says why a figure is unreliable when the interference rule flagged its windows. */
class SummaryTableInterferenceTest {

    private static BenchmarkResult result(double error, double otherCores) {
        InterferenceWindow w = new InterferenceWindow(
                InterferenceWindow.MEASURED,
                1,
                1,
                1.0,
                0,
                otherCores,
                2.0,
                List.of(),
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of());
        return BenchmarkResult.builder()
                .shape("gemm", "M", "M", Map.of("M", 1), "fp32")
                .device(
                        "cpu",
                        new ImplementationRecord("java", "PORTABLE", "ours", null, null),
                        "cpu0",
                        "x",
                        "CPU",
                        "cpu-socket:0")
                .timing(new Score(1.0, error, 0.999, "ms/op", List.of(1.0)), null)
                .interference(InterferenceRule.apply(List.of(w)))
                .build();
    }

    @Test
    void theReasonStandsBesideUnstableAndNothingIsAddedForAQuietMachine() {
        assertThat(SummaryTable.spread(result(0.2, 0.38)))
                .isEqualTo("20.0% UNSTABLE (other load 38 % of a core in 1 of 1 windows)");
        assertThat(SummaryTable.spread(result(0.02, 0.38)))
                .isEqualTo("2.0% (other load 38 % of a core in 1 of 1 windows)");
        assertThat(SummaryTable.spread(result(0.02, 0.01))).isEqualTo("2.0%");
    }
}
