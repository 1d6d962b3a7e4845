package org.joulebench.energy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.PowerSample;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;

class DomainInfoTest {

    @Test
    void deviceScopeNamesItsDeviceAndOnlyDeviceScopeDoes() {
        DomainInfo gpu = DomainInfo.device("gpu-board", List.of("nvml:0000:19:00.0"), "0000:19:00.0");
        assertThat(gpu.scope()).isEqualTo(Scope.DEVICE);
        assertThat(gpu.scopeDevice()).isEqualTo("0000:19:00.0");
        assertThat(new DomainInfo("x", List.of()).scope()).isEqualTo(Scope.HOST);
        assertThat(DomainInfo.node("node-wall", List.of("a", "b"), List.of("psu1", "psu2"))
                        .summedInstances())
                .containsExactly("psu1", "psu2");
        assertThatThrownBy(() -> DomainInfo.device("gpu-board", List.of(), " "))
                .hasMessageContaining("names no device hardware id");
        assertThatThrownBy(() -> new DomainInfo("dram-0", List.of(), Scope.HOST, "cpu-socket:0", List.of()))
                .hasMessageContaining("only DEVICE scope names a device");
        assertThatThrownBy(() -> new DomainInfo("x", List.of(), null, null, List.of()))
                .hasMessageContaining("no scope");
    }

    @Test
    void sensorInfoSurvivesJavaSerialization() throws Exception {
        // the JMH fork ships it to the parent inside the energy report
        SensorInfo info = new SensorInfo(
                "nvml",
                "NVML H200",
                Method.COUNTER,
                Tier.B,
                List.of(DomainInfo.device("gpu-board", List.of("nvml:0000:19:00.0"), "0000:19:00.0")),
                1e-3,
                100.0,
                null,
                null,
                null,
                Map.of("driverVersion", "550.1"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(info);
            out.writeObject(new PowerSample(12, 300.5));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(info);
            assertThat(in.readObject()).isEqualTo(new PowerSample(12, 300.5));
        }
    }

    @Test
    void targetDevicesAreAList() {
        assertThat(SensorOptions.parse("devices=0000:19:00.0, GPU-ab ;x=1").targetDevices())
                .containsExactly("0000:19:00.0", "GPU-ab");
        assertThat(SensorOptions.none().targetDevices()).isEmpty();
    }
}
