package org.joulebench.harness.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.energy.model.ModelEstimateProvider;
import org.joulebench.harness.energy.msr.MsrPackageProvider;
import org.joulebench.harness.energy.rapl.RaplPowercapProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergySensorsTest {
    @TempDir
    Path dir;

    SensorOptions fakeRoots() {
        return SensorOptions.none()
                .with("powercapRoot", dir.resolve("powercap").toString())
                .with("msrRoot", dir.resolve("nomsr").toString())
                .with("cpuVendor", "intel");
    }

    @Test
    void aPluginOnTheClassPathIsFoundWithNoCodeChange() {
        EnergySensors all = EnergySensors.discover();
        assertThat(all.providers()).extracting(p -> p.id()).contains("rapl", "msr", "nvml", "ptd", "model", "fake");
        SensorListing fake = all.list(SensorOptions.none()).stream()
                .filter(l -> l.id().equals("fake"))
                .findFirst()
                .orElseThrow();
        assertThat(fake.available()).isTrue();
        assertThat(fake.domains()).containsExactly("fake-board");
        assertThat(fake.tier()).isEqualTo("B");
    }

    @Test
    void autoPicksRaplOverMsrAndSaysWhy() throws Exception {
        Path zone = dir.resolve("powercap/intel-rapl:0");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("energy_uj"), "1\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "1000\n");
        EnergySensors s = new EnergySensors(
                List.of(new MsrPackageProvider(), new RaplPowercapProvider(), new ModelEstimateProvider()));
        SensorSelection sel = s.resolve("auto", fakeRoots());
        assertThat(sel.sensorIds()).containsExactly("rapl");
        assertThat(sel.explanation())
                .startsWith("auto: rapl (tier B) for cpu-package-0")
                .contains("msr:");
        SensorOptions forked = SensorOptions.parse(sel.profilerOptions(List.of("cpu-socket:0")));
        assertThat(forked.get("sensor")).contains("rapl");
        assertThat(forked.targetDevices()).containsExactly("cpu-socket:0");
        assertThat(forked.get("powercapRoot")).isPresent();
        assertThat(SensorOptions.parse(sel.profilerOptions(List.of())).targetDevices())
                .isEmpty();
        assertThatThrownBy(() -> sel.profilerOptions(List.of("a;b"))).hasMessageContaining("contains");
    }

    @Test
    void autoFallsBackToTheEstimateAndSaysSo() {
        EnergySensors s = new EnergySensors(
                List.of(new RaplPowercapProvider(), new MsrPackageProvider(), new ModelEstimateProvider()));
        SensorSelection sel = s.resolve("auto", fakeRoots());
        assertThat(sel.sensorIds()).containsExactly("model");
        assertThat(sel.explanation()).contains("model ESTIMATE").contains("no powercap directory");
        List<SensorListing> listing = s.list(fakeRoots());
        assertThat(listing).extracting(SensorListing::id).containsExactly("rapl", "msr", "model");
        assertThat(listing.get(0).available()).isFalse();
        assertThat(listing.get(2).tier()).isEqualTo("ESTIMATE");
    }

    @Test
    void specsParseAndBadOnesAreNamed() {
        SensorSpec ptd = SensorSpec.parse("ptd:meter.lab:8888");
        assertThat(ptd.ids()).containsExactly("ptd");
        assertThat(ptd.extraOptions().get("ptdHost")).contains("meter.lab");
        assertThat(ptd.extraOptions().get("ptdPort")).contains("8888");
        assertThat(SensorSpec.parse("ptd:[::1]:8888").extraOptions().get("ptdHost"))
                .contains("::1");
        assertThat(SensorSpec.parse("rapl,nvml").ids()).containsExactly("rapl", "nvml");
        // several meters, summed: named, or continued after the first
        SensorSpec two = SensorSpec.parse("rapl,ptd:psu1=10.0.0.1:8888,psu2=[fe80::1]:8889");
        assertThat(two.ids()).containsExactly("rapl", "ptd");
        assertThat(two.extraOptions().get(SensorSpec.PTD_METERS)).contains("psu1=10.0.0.1:8888,psu2=[fe80::1]:8889");
        assertThat(SensorSpec.meters(two.extraOptions().get(SensorSpec.PTD_METERS, "")))
                .extracting(SensorSpec.Meter::id, SensorSpec.Meter::host, SensorSpec.Meter::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("psu1", "10.0.0.1", 8888),
                        org.assertj.core.groups.Tuple.tuple("psu2", "fe80::1", 8889));
        assertThat(SensorSpec.parse("ptd:a:1,ptd:b:2").extraOptions().get(SensorSpec.PTD_METERS))
                .contains("meter1=a:1,meter2=b:2");
        assertThatThrownBy(() -> SensorSpec.parse("ptd:x=a:1,x=b:2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SensorSpec.parse("rapl,psu2=b:2")).hasMessageContaining("not a sensor id");
        assertThatThrownBy(() -> SensorSpec.parse("ptd:host")).hasMessageContaining("ptd:HOST:PORT");
        assertThatThrownBy(() -> SensorSpec.parse("ptd:host:99999")).hasMessageContaining("not 1-65535");
        assertThatThrownBy(() -> EnergySensors.discover().resolve("bogus", SensorOptions.none()))
                .hasMessageContaining("unknown sensor 'bogus'");
        assertThatThrownBy(() -> SensorOptions.parse("sensor")).hasMessageContaining("not key=value");
    }
}
