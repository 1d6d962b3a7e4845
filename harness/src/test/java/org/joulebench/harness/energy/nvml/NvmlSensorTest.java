package org.joulebench.harness.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.Conditions;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorNotApplicableException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.harness.energy.EnergyMeter;
import org.joulebench.harness.energy.EnergyOutcome;
import org.joulebench.harness.energy.EnergyQuality;
import org.joulebench.harness.energy.EnergyRecords;
import org.joulebench.harness.energy.EnergyReport;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawReadings;
import org.joulebench.results.record.RawWindow;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;

class NvmlSensorTest {
    static final long SECOND = 1_000_000_000L;

    final AtomicLong clock = new AtomicLong(5 * SECOND);

    /** No update-period probe: the fake clock only moves when the test moves it. */
    static SensorOptions options(String key, String value) {
        return SensorOptions.none()
                .with("nvmlProbeMillis", "0")
                .with("nvmlSampleMillis", "0")
                .with(key, value);
    }

    NvmlProvider provider(FakeNvml fake) {
        return new NvmlProvider(lib -> fake, clock::get);
    }

    double joules(EnergySensor s, String domain) {
        SensorReading r = s.read();
        assertThat(r.errors()).isEmpty();
        return r.joules().get(domain);
    }

    @Test
    void oneGpuIsADeviceDomainNamedByItsPciBusIdWithConditions() throws Exception {
        FakeNvml fake = FakeNvml.reversed(clock, 1);
        try (EnergySensor s = provider(fake).open(options(SensorOptions.TARGET_DEVICES, "0000:19:00.0"))) {
            DomainInfo d = s.info().domains().getFirst();
            assertThat(d.domain()).isEqualTo("gpu-board");
            assertThat(d.scope()).isEqualTo(Scope.DEVICE);
            assertThat(d.scopeDevice()).isEqualTo("0000:19:00.0");
            assertThat(d.zones()).containsExactly("nvml:0000:19:00.0");
            assertThat(s.info().tier()).isEqualTo(Tier.B);
            assertThat(s.info().properties())
                    .containsEntry("device.0000:19:00.0.uuid", FakeNvml.uuidOf(0))
                    .containsEntry("device.0000:19:00.0.powerLimitWatts", "700.0");
            double before = joules(s, "gpu-board");
            clock.addAndGet(2 * SECOND); // 100 W for 2 s
            assertThat(joules(s, "gpu-board") - before).isCloseTo(200.0, within(1e-3));
            assertThat(s.conditions().get("gpu-board"))
                    .containsEntry(Conditions.TEMPERATURE_C, 35.0)
                    .containsEntry(Conditions.SM_CLOCK_MHZ, 1980.0)
                    .containsEntry(Conditions.MEM_CLOCK_MHZ, 2619.0);
        }
        assertThat(fake.closed).isTrue();
    }

    @Test
    void twoGpusInTheOtherOrderAreMatchedByUuidAndByPciBusIdNeverByIndex() throws Exception {
        // NVML index 0 is the board at 0000:1a:00.0 (110 W), index 1 the one at 0000:19:00.0 (100 W)
        FakeNvml fake = FakeNvml.reversed(clock, 2);
        try (EnergySensor s = provider(fake).open(options(SensorOptions.TARGET_DEVICES, "0000:19:00.0"))) { // "cuda:0"
            double before = joules(s, "gpu-board");
            clock.addAndGet(SECOND);
            assertThat(joules(s, "gpu-board") - before).isCloseTo(100.0, within(1e-3));
            assertThat(s.info().properties()).containsEntry("device.0000:19:00.0.nvmlIndex", "1");
        }
        String uuid1 = FakeNvml.uuidOf(1).substring(4).toUpperCase(); // CUDA's bytes carry no "GPU-"
        try (EnergySensor s = provider(fake).open(options(NvmlBoards.OPTION, uuid1))) {
            assertThat(s.info().domains().getFirst().scopeDevice()).isEqualTo(uuid1);
            double before = joules(s, "gpu-board");
            clock.addAndGet(SECOND);
            assertThat(joules(s, "gpu-board") - before).isCloseTo(110.0, within(1e-3));
        }
    }

    @Test
    void eightGpusOpenOnlyTheCasesBoards() throws Exception {
        FakeNvml fake = FakeNvml.reversed(clock, 8);
        // the case runs on the boards at PCI order 5 (by bus id) and 2 (by UUID); NVML sees eight
        String pci5 = "0000:1e:00.0";
        String uuid2 = FakeNvml.uuidOf(2);
        try (EnergySensor s =
                provider(fake).open(options(SensorOptions.TARGET_DEVICES, "cpu-socket:0+1," + pci5 + "," + uuid2))) {
            assertThat(s.info().domains())
                    .extracting(DomainInfo::domain, DomainInfo::scopeDevice)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("gpu-board:" + pci5, pci5),
                            org.assertj.core.groups.Tuple.tuple("gpu-board:" + uuid2, uuid2));
            assertThat(s.info().properties())
                    .containsEntry("device." + pci5 + ".nvmlIndex", "2")
                    .containsEntry("device." + uuid2 + ".nvmlIndex", "5");
            SensorReading a = s.read();
            clock.addAndGet(SECOND);
            SensorReading b = s.read();
            assertThat(b.joules()).hasSize(2);
            assertThat(b.joules().get("gpu-board:" + pci5) - a.joules().get("gpu-board:" + pci5))
                    .isCloseTo(150.0, within(1e-3));
            assertThat(b.joules().get("gpu-board:" + uuid2) - a.joules().get("gpu-board:" + uuid2))
                    .isCloseTo(120.0, within(1e-3));
        }
        // without targets (plain JMH, joulebench list) every board is read, each its own device
        SensorProbe all = provider(fake).probe(SensorOptions.none());
        assertThat(all.available()).isTrue();
        assertThat(all.domains()).hasSize(8).contains("gpu-board:0000:19:00.0", "gpu-board:0000:20:00.0");
    }

    @Test
    void indicesUnknownIdsAndCpuCasesAreRefusedWithReasons() {
        FakeNvml fake = FakeNvml.reversed(clock, 2);
        assertThatThrownBy(() -> provider(fake).open(options(NvmlBoards.OPTION, "0")))
                .isInstanceOf(SensorException.class)
                .hasMessageContaining("is an index")
                .hasMessageContaining("0000:19:00.0");
        assertThatThrownBy(() -> provider(fake).open(options(NvmlBoards.OPTION, "0000:99:00.0")))
                .hasMessageContaining("no NVIDIA GPU 0000:99:00.0");
        assertThatThrownBy(() -> provider(fake).open(options(SensorOptions.TARGET_DEVICES, "cpu-socket:0")))
                .isInstanceOf(SensorNotApplicableException.class)
                .hasMessageContaining("runs on no NVIDIA GPU");
        assertThat(fake.closed).isTrue();
        // left out quietly: not a failure the record would warn about
        EnergySensors.Opened opened = new EnergySensors(List.of(provider(fake)))
                .open(List.of("nvml"), options(SensorOptions.TARGET_DEVICES, "cpu-socket:0"));
        assertThat(opened.sensors()).isEmpty();
        assertThat(opened.failures()).isEmpty();
        assertThat(opened.notApplicable()).containsKey("nvml");
        SensorProbe probe = provider(fake).probe(options(SensorOptions.TARGET_DEVICES, "cpu-socket:0"));
        assertThat(probe.available()).isFalse();
        assertThat(probe.domains()).isEmpty();
    }

    @Test
    void aCounterGoingBackwardsIsAnErrorWindowNeverANumber() throws Exception {
        FakeNvml fake = FakeNvml.reversed(clock, 1);
        EnergySensor s = provider(fake).open(options(SensorOptions.TARGET_DEVICES, "0000:19:00.0"));
        EnergyMeter meter = new EnergyMeter(List.of(s));
        meter.begin("w1");
        clock.addAndGet(SECOND);
        fake.boards.getFirst().counterOffsetMillijoules = -500_000; // driver reloaded: 500 J less
        EnergyMeter.DomainWindow bad = meter.end().domains().getFirst();
        assertThat(bad.joules()).isNull();
        assertThat(bad.error()).contains("energy counter went backwards").contains("0000:19:00.0");
        meter.begin("w2"); // the next window starts clean
        clock.addAndGet(SECOND);
        EnergyMeter.DomainWindow good = meter.end().domains().getFirst();
        assertThat(good.error()).isNull();
        assertThat(good.joules()).isCloseTo(100.0, within(1e-3));
        meter.close();

        EnergyReport.Setup setup = new EnergyReport.Setup(
                "b",
                "nvml",
                List.of("0000:19:00.0"),
                List.of(new EnergyReport.SensorEntry(s.info(), EnergyQuality.minimumWindowMillis(s.info()))),
                Map.of(),
                0,
                List.of());
        EnergyOutcome out = EnergyRecords.fromReports(
                List.of(new EnergyRecords.ForkReports(
                        1,
                        List.of(
                                new EnergyReport(setup, 1, 1000, 1000, List.of(bad), List.of()),
                                new EnergyReport(setup, 2, 1000, 1000, List.of(good), List.of())),
                        1)),
                1,
                "FLOP");
        assertThat(out.energyOrNull()).isNull();
        assertThat(out.reasonOrNull())
                .contains("nvml/gpu-board")
                .contains("energy counter went backwards")
                .contains("1 of 2 measured iterations");
    }

    @Test
    void withoutAnEnergyCounterPowerSamplesAreIntegratedAndRecorded() throws Exception {
        FakeNvml fake = FakeNvml.reversed(clock, 1);
        fake.boards.getFirst().counterSupported = false; // pre-Volta: NOT_SUPPORTED
        NvmlSensor s = (NvmlSensor) provider(fake).open(options(SensorOptions.TARGET_DEVICES, "0000:19:00.0"));
        assertThat(s.info().method()).isEqualTo(Method.SAMPLED_POWER);
        assertThat(s.info().tier()).isEqualTo(Tier.C);
        assertThat(s.providesSamples()).isTrue();
        EnergyMeter meter = new EnergyMeter(List.of(s));
        long t0 = clock.get();
        meter.begin("w"); // sample at t0: 100 W
        clock.addAndGet(SECOND);
        fake.setWatts(0, 200);
        fake.boards.getFirst().temperatureC = 61;
        s.sampleNow(); // background sample at t0 + 1 s: 200 W
        clock.addAndGet(SECOND);
        EnergyMeter.DomainWindow w = meter.end().domains().getFirst(); // sample at t0 + 2 s: 200 W
        meter.close();
        assertThat(w.error()).isNull();
        assertThat(w.sampled()).isTrue();
        assertThat(w.startJoules()).isNull();
        assertThat(w.samples())
                .extracting(p -> p.nanos() - t0, p -> p.watts())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 100.0),
                        org.assertj.core.groups.Tuple.tuple(SECOND, 200.0),
                        org.assertj.core.groups.Tuple.tuple(2 * SECOND, 200.0));
        // trapezoid: (100 + 200) / 2 x 1 s + 200 x 1 s
        assertThat(w.joules()).isCloseTo(350.0, within(1e-9));
        assertThat(w.conditionsAtStart()).containsEntry(Conditions.TEMPERATURE_C, 35.0);
        assertThat(w.conditionsAtEnd()).containsEntry(Conditions.TEMPERATURE_C, 61.0);

        EnergyReport.Setup setup = new EnergyReport.Setup(
                "b",
                "nvml",
                List.of("0000:19:00.0"),
                List.of(new EnergyReport.SensorEntry(s.info(), 10)),
                Map.of(),
                0,
                List.of());
        DomainEnergy d = EnergyRecords.fromReports(
                        List.of(new EnergyRecords.ForkReports(
                                1, List.of(new EnergyReport(setup, 1, 7, 7, List.of(w), List.of())), 5)),
                        1,
                        "FLOP")
                .energyOrNull()
                .domains()
                .getFirst();
        assertThat(d.scope()).isEqualTo(DomainEnergy.SCOPE_DEVICE);
        assertThat(d.scopeDevice()).isEqualTo("0000:19:00.0");
        assertThat(d.joules()).isCloseTo(350.0, within(1e-9));
        assertThat(d.joulesPerOp()).isCloseTo(10.0, within(1e-9)); // 7 JMH ops x 5 invocations each
        RawReadings raw = d.raw();
        assertThat(raw.kind()).isEqualTo(RawReadings.POWER_SAMPLES);
        RawWindow rw = raw.windows().getFirst();
        assertThat(rw.invocations()).isEqualTo(35);
        assertThat(rw.samples()).hasSize(3);
        assertThat(rw.startJoules()).isNull();
        assertThat(rw.conditionsAtEnd()).containsEntry(Conditions.TEMPERATURE_C, 61.0);
    }

    @SuppressWarnings("restricted")
    static boolean nvmlPresent() {
        try (Arena a = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(NvmlProvider.DEFAULT_LIBRARY, a);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void missingLibraryIsUnavailableWithReason() {
        SensorOptions o = SensorOptions.none().with("nvmlLibrary", "libnvidia-ml-absent.so.1");
        SensorProbe p = new NvmlProvider().probe(o);
        assertThat(p.available()).isFalse();
        assertThat(p.reason()).contains("libnvidia-ml-absent.so.1 not found");
        assertThatThrownBy(() -> new NvmlProvider().open(o)).isInstanceOf(SensorException.class);
    }

    @Test
    void readsARealGpuWhenThereIsOne() throws Exception {
        assumeTrue(nvmlPresent(), "libnvidia-ml.so.1 is absent on this machine: no NVIDIA driver, nothing to read");
        SensorProbe p = new NvmlProvider().probe(SensorOptions.none());
        assumeTrue(p.available(), "NVML present but unusable: " + p.reason());
        String first;
        try (NvmlLibrary nvml = NvmlLibrary.load(NvmlProvider.DEFAULT_LIBRARY)) {
            first = NvmlBoards.enumerate(nvml).getFirst().hardwareId();
        }
        try (EnergySensor s = new NvmlProvider().open(SensorOptions.none().with(SensorOptions.TARGET_DEVICES, first))) {
            assertThat(s.info().domains()).extracting(d -> d.domain()).containsExactly("gpu-board");
            assertThat(s.info().domains().getFirst().scopeDevice()).isEqualTo(first);
            assertThat(s.info().properties()).containsKey("driverVersion");
            SensorReading a = s.read();
            Thread.sleep(300);
            SensorReading b = s.read();
            assertThat(b.errors()).isEmpty();
            assertThat(b.joules().get("gpu-board"))
                    .isGreaterThanOrEqualTo(a.joules().get("gpu-board"));
            assertThat(s.conditions().get("gpu-board")).containsKey(Conditions.TEMPERATURE_C);
        }
    }
}
