package org.joulebench.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joulebench.results.record.RawReadings;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void headlineUnitsDeriveEveryUnit() {
        assertThat(HeadlineUnit.parse("FLOP").throughputUnit()).isEqualTo("GFLOP/s");
        assertThat(HeadlineUnit.INT_OP.efficiencyUnit()).isEqualTo("GOP/J");
        assertThat(HeadlineUnit.INT_OP.picojoulesUnit()).isEqualTo("pJ/op");
        assertThat(HeadlineUnit.BYTE.throughputUnit()).isEqualTo("GB/s");
        assertThat(HeadlineUnit.BYTE.picojoulesUnit()).isEqualTo("pJ/byte");
        assertThat(HeadlineUnit.BYTE.memoryBound()).isTrue();
        assertThat(HeadlineUnit.FLOP.memoryBound()).isFalse();
    }

    @Test
    void eachMethodGivesOneTierAndOneKindOfRawReadings() {
        assertThat(Method.EXTERNAL_METER.tier()).isEqualTo(Tier.A);
        assertThat(Method.COUNTER.tier()).isEqualTo(Tier.B);
        assertThat(Method.SAMPLED_POWER.tier()).isEqualTo(Tier.C);
        assertThat(Method.MODEL.tier()).isEqualTo(Tier.ESTIMATE);
        for (Method m : Method.values()) {
            assertThat(m.tier().method()).isEqualTo(m);
        }
        assertThat(Method.SAMPLED_POWER.rawKind()).isEqualTo(RawReadings.POWER_SAMPLES);
        assertThat(Method.COUNTER.rawKind()).isEqualTo(RawReadings.CUMULATIVE_JOULES);
        assertThat(Tier.ESTIMATE.tierClass()).isEqualTo("estimated");
        assertThat(Tier.C.tierClass()).isEqualTo("measured");
    }

    @Test
    void wordsReadCaseInsensitivelyAndNameTheValidOnes() {
        assertThat(DeviceKind.parse("asic")).isEqualTo(DeviceKind.ACCELERATOR);
        assertThat(Scope.parse("device")).isEqualTo(Scope.DEVICE);
        assertThat(ImplementationKind.parse("VENDOR_LIBRARY").label()).isEqualTo("vendor library");
        assertThat(ImplementationKind.PORTABLE.label()).isEqualTo("ours");
        assertThatThrownBy(() -> Tier.parse("D")).hasMessage("unknown Tier 'D'; valid: [A, B, C, ESTIMATE]");
    }
}
