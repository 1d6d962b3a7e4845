package org.joulebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.PairedRatio;
import org.junit.jupiter.api.Test;

/** The lines under the summary table give each compared pair's ratio once, with its interval or why it has none. */
class SummaryTablePairedTest {

    private static BenchmarkResult result(String implementation, List<PairedRatio> ratios) {
        return BenchmarkResult.builder()
                .shape("gemm", "S", "S", Map.of("M", 256), "fp32")
                .device(
                        "cpu",
                        new ImplementationRecord(implementation, "PORTABLE", "x", null, null),
                        "cpu0",
                        "x",
                        "CPU",
                        "cpu-socket:0")
                .build()
                .toBuilder()
                .pairedRatios(ratios)
                .build();
    }

    @Test
    void eachPairOnceWithItsIntervalAndOnePairSaysItHasNone() {
        var java = result(
                "java",
                List.of(
                        new PairedRatio("openblas", 1.792, 1.2, 2.6, 4),
                        new PairedRatio("java-prepacked", 0.95, null, null, 1)));
        var openblas = result(
                "openblas",
                List.of(
                        new PairedRatio("java", 1 / 1.792, 1 / 2.6, 1 / 1.2, 4),
                        new PairedRatio("java-prepacked", 0.5, 0.4, 0.6, 4)));
        var prepacked = result("java-prepacked", List.of(new PairedRatio("java", 1 / 0.95, null, null, 1)));

        assertThat(SummaryTable.pairedRatioLines(List.of(java, openblas, prepacked)))
                .containsExactly(
                        "paired (alternating forks): gemm fp32 S on cpu:cpu0 java ÷ openblas = 1.79"
                                + " (95 % interval 1.20..2.60, 4 pairs)",
                        "paired (alternating forks): gemm fp32 S on cpu:cpu0 java ÷ java-prepacked = 0.95"
                                + " (1 pair: no interval)",
                        "paired (alternating forks): gemm fp32 S on cpu:cpu0 openblas ÷ java-prepacked = 0.50"
                                + " (95 % interval 0.40..0.60, 4 pairs)");
        assertThat(SummaryTable.pairedRatioLines(List.of(result("java", List.of()))))
                .isEmpty();
    }
}
