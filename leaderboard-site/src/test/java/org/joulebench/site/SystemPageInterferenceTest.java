package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.joulebench.results.interference.InterferenceRule;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.InterferenceWindow;
import org.junit.jupiter.api.Test;

/** The system page states what else used the machine, from the records' interference sections. */
class SystemPageInterferenceTest {

    private static BenchmarkResult result(String kernel, double otherCores) {
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
                .shape(kernel, "M", "M", Map.of("N", 1), "fp32")
                .device(
                        "cpu",
                        new ImplementationRecord("java", "PORTABLE", "ours", null, null),
                        "cpu0",
                        "x",
                        "CPU",
                        "cpu-socket:0")
                .interference(InterferenceRule.apply(List.of(w)))
                .build();
    }

    @Test
    void flaggedResultsAreListedWithTheirReasonAndTheRuleIsStated() {
        List<List<String>> facts =
                SystemPageWriter.interferenceFacts(List.of(result("gemm", 0.38), result("triad", 0.0)));
        assertThat(facts.get(0).get(1)).isEqualTo("gemm fp32 M (java): other load 38 % of a core in 1 of 1 windows");
        assertThat(facts.get(1)).containsExactly("Interference rule", InterferenceRule.TEXT);
    }

    @Test
    void quietResultsSaySoAndRecordsWithoutTheSectionAddNothing() {
        assertThat(SystemPageWriter.interferenceFacts(List.of(result("triad", 0.01)))
                        .get(0)
                        .get(1))
                .isEqualTo("no measured window flagged in 1 result(s)");
        assertThat(SystemPageWriter.interferenceFacts(List.of())).isEmpty();
    }
}
