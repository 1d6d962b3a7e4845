package org.joulebench.harness.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.fork.interference.GpuConditions;
import org.junit.jupiter.api.Test;

/** NVML's throttle reasons and compute processes for interference, on fake boards (no GPU here). */
class NvmlInterferenceTest {

    @Test
    void readsTheReasonsByNameAndTheProcessesOfTheCasesBoardOnly() {
        FakeNvml nvml = FakeNvml.reversed(new AtomicLong(), 2);
        FakeNvml.Board one = nvml.boards.stream()
                .filter(b -> b.uuid.equals(FakeNvml.uuidOf(1)))
                .findFirst()
                .orElseThrow();
        one.clocksEventReasons = 0x4 | 0x40 | 0x10000;
        one.computePids = List.of(77L, 88L);
        nvml.boards.stream()
                .filter(b -> b != one)
                .forEach(b -> b.computePids = List.of(99L)); // another board's process is not the case's business
        GpuConditions gpu = NvmlInterference.open(lib -> nvml, SensorOptions.parse("devices=" + FakeNvml.pciOf(1)));
        GpuConditions.Reading r = gpu.read();
        assertThat(r.throttleReasons()).containsExactly("SW_POWER_CAP", "HW_THERMAL_SLOWDOWN", "UNKNOWN_0x10000");
        assertThat(r.computePids()).containsExactly(77L, 88L);
        gpu.close();
        assertThat(nvml.closed).isTrue();
    }

    @Test
    void aDriverWithoutTheCallGivesNoReasonsRatherThanAGuess() {
        FakeNvml nvml = FakeNvml.reversed(new AtomicLong(), 1);
        nvml.boards.getFirst().clocksEventReasons = -1;
        GpuConditions gpu = NvmlInterference.open(lib -> nvml, SensorOptions.parse("devices=" + FakeNvml.pciOf(0)));
        assertThat(gpu.read().throttleReasons()).isEmpty();
    }

    @Test
    void aCpuCaseOpensNoNvml() {
        assertThat(NvmlInterference.open(SensorOptions.parse("devices=cpu-socket:0")))
                .isNull();
        assertThat(NvmlInterference.open(SensorOptions.parse(""))).isNull();
    }
}
