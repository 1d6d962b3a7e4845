package org.joulebench.results.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.joulebench.results.json.Json;
import org.junit.jupiter.api.Test;

class DomainEnergyTest {

    private static DomainEnergy domain(String method, String tier, boolean estimated) {
        return new DomainEnergy(
                "cpu-package",
                "rapl",
                method,
                tier,
                estimated,
                1,
                1e-3,
                null,
                List.of(1e-3),
                1,
                1,
                10,
                null,
                null,
                null,
                "DEVICE",
                "cpu-socket:0",
                List.of(),
                null);
    }

    @Test
    void measuredOrEstimatedFollowsTheTierNotTheFlag() {
        assertThat(domain("COUNTER", "B", false).tierClass()).isEqualTo("measured");
        assertThat(domain("MODEL", "ESTIMATE", true).tierClass()).isEqualTo("estimated");
        // a flag that disagrees with the tier changes nothing: the tier is the one source
        assertThat(domain("MODEL", "ESTIMATE", false).tierClass()).isEqualTo("estimated");
        assertThat(domain("EXTERNAL_METER", "A", true).tierClass()).isEqualTo("measured");
    }

    @Test
    void theDerivedClassIsNotWrittenIntoTheRecord() {
        assertThat(new String(Json.toBytes(domain("COUNTER", "B", false)))).doesNotContain("tierClass");
    }
}
