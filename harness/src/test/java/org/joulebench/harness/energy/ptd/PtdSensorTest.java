package org.joulebench.harness.energy.ptd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.DomainInfo;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.energy.spi.SensorProbe;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;
import org.junit.jupiter.api.Test;

class PtdSensorTest {
    /** Every clock call advances one second, so window lengths are exact. */
    final AtomicLong clock = new AtomicLong();

    long tick() {
        return clock.addAndGet(1_000_000_000L);
    }

    PtdSensor open(FakePtdServer server) throws PtdException {
        return new PtdSensor("127.0.0.1", server.port(), 2000, "node-wall", this::tick);
    }

    @Test
    void labelledMeasurementGivesMeanSamplePowerTimesWindow() throws Exception {
        try (FakePtdServer server = new FakePtdServer();
                PtdSensor s = open(server)) {
            assertThat(s.info().tier()).isEqualTo(Tier.A);
            assertThat(s.info().domains().getFirst().scope()).isEqualTo(Scope.NODE);
            assertThat(s.info().domains().getFirst().summedInstances()).isEmpty();
            assertThat(s.info().meterIdentity()).isEqualTo(FakePtdServer.IDENTIFY);
            assertThat(s.info().declaredUpdateIntervalMillis()).isEqualTo(1000.0);
            s.beginWindow("joulebench-Gemm.run-1"); // Go at t=1
            SensorReading before = s.read(); // t=2
            s.endWindow(); // Stop at t=3: a 2 s window at a mean of 40 W
            SensorReading after = s.read();
            assertThat(after.errors()).isEmpty();
            assertThat(after.joules().get("node-wall") - before.joules().get("node-wall"))
                    .isCloseTo(80.0, within(1e-9));
            assertThat(s.info().uncertaintyPercent()).isCloseTo(1.2, within(1e-9));
            assertThat(server.commands)
                    .containsSubsequence(
                            "Hello",
                            "Identify",
                            "Go,1000,0,joulebench-Gemm_run-1",
                            "Stop",
                            "Watts",
                            "Uncertainty",
                            "RL");
        }
    }

    @Test
    void twoMetersAreOneNodeDomainSayingWhatItSums() throws Exception {
        try (FakePtdServer a = new FakePtdServer();
                FakePtdServer b = new FakePtdServer(FakePtdServer.Behaviour.NAN_WATTS)) {
            SensorOptions o = SensorOptions.none()
                    .with("ptdMeters", "psu1=127.0.0.1:" + a.port() + ",psu2=127.0.0.1:" + b.port());
            try (EnergySensor s = new PtdProvider().open(o)) {
                DomainInfo d = s.info().domains().getFirst();
                assertThat(d.domain()).isEqualTo("node-wall");
                assertThat(d.scope()).isEqualTo(Scope.NODE);
                assertThat(d.summedInstances()).containsExactly("psu1", "psu2");
                assertThat(d.zones())
                        .containsExactly("psu1=ptd:127.0.0.1:" + a.port(), "psu2=ptd:127.0.0.1:" + b.port());
                assertThat(s.info().meterIdentity())
                        .startsWith("psu1: Yokogawa")
                        .contains("; psu2: Yokogawa");
                s.beginWindow("w");
                s.read();
                s.endWindow();
                SensorReading r = s.read();
                // one meter failing is an error naming it, never the other meter's half of the sum
                assertThat(r.joules()).isEmpty();
                assertThat(r.errors().get("node-wall")).startsWith("psu2: ").contains("invalid power NaN W");
                assertThat(a.commands).contains("Go,1000,0,w", "Stop");
                assertThat(b.commands).contains("Go,1000,0,w", "Stop");
            }
        }
        try (FakePtdServer a = new FakePtdServer();
                FakePtdServer b = new FakePtdServer()) {
            SensorOptions o = SensorOptions.none()
                    .with("ptdMeters", "psu1=127.0.0.1:" + a.port() + ",psu2=127.0.0.1:" + b.port());
            try (EnergySensor s = new PtdProvider().open(o)) {
                s.beginWindow("w");
                SensorReading before = s.read();
                s.endWindow();
                SensorReading after = s.read();
                assertThat(after.errors()).isEmpty();
                // each meter: mean RL power x its own window; both positive, so is the sum
                assertThat(after.joules().get("node-wall") - before.joules().get("node-wall"))
                        .isPositive();
            }
        }
    }

    @Test
    void errorReplyToGoIsANamedErrorForTheWindow() throws Exception {
        try (FakePtdServer server = new FakePtdServer(FakePtdServer.Behaviour.GO_ERROR);
                PtdSensor s = open(server)) {
            s.beginWindow("w");
            s.endWindow();
            SensorReading r = s.read();
            assertThat(r.joules()).isEmpty();
            assertThat(r.errors().get("node-wall"))
                    .contains("refused 'Go,1000,0,w'")
                    .contains("Error: meter busy");
        }
    }

    @Test
    void droppedConnectionMidRunIsAnErrorAndTheNextWindowReconnects() throws Exception {
        try (FakePtdServer server = new FakePtdServer(FakePtdServer.Behaviour.DROP_ON_STOP);
                PtdSensor s = open(server)) {
            s.beginWindow("one");
            s.read();
            s.endWindow();
            SensorReading failed = s.read();
            assertThat(failed.joules()).isEmpty();
            assertThat(failed.errors().get("node-wall")).contains("disconnected");
            s.beginWindow("two");
            SensorReading before = s.read();
            s.endWindow();
            SensorReading after = s.read();
            assertThat(after.errors()).isEmpty();
            assertThat(after.joules().get("node-wall") - before.joules().get("node-wall"))
                    .isPositive();
            assertThat(s.drainWarnings()).anyMatch(w -> w.contains("reconnected"));
        }
    }

    @Test
    void nanPowerIsAnErrorNotAZero() throws Exception {
        try (FakePtdServer server = new FakePtdServer(FakePtdServer.Behaviour.NAN_WATTS);
                PtdSensor s = open(server)) {
            s.beginWindow("w");
            s.read();
            s.endWindow();
            SensorReading r = s.read();
            assertThat(r.joules()).isEmpty();
            assertThat(r.errors().get("node-wall")).contains("invalid power NaN W");
        }
    }

    @Test
    void garbageHelloIsNotAPtdaemon() throws Exception {
        try (FakePtdServer server = new FakePtdServer(FakePtdServer.Behaviour.GARBAGE_HELLO)) {
            SensorOptions o = SensorOptions.none().with("ptdHost", "127.0.0.1").with("ptdPort", "" + server.port());
            assertThatThrownBy(() -> new PtdProvider().open(o))
                    .isInstanceOf(SensorException.class)
                    .hasMessageContaining("not a PTDaemon");
        }
    }

    @Test
    void refusedConnectionIsUnavailableWithReason() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        SensorProbe p = new PtdProvider()
                .probe(SensorOptions.none().with("ptdHost", "127.0.0.1").with("ptdPort", "" + port));
        assertThat(p.available()).isFalse();
        assertThat(p.reason()).contains("127.0.0.1:" + port).contains("unreachable");
        assertThat(new PtdProvider().probe(SensorOptions.none()).reason()).contains("ptd:HOST:PORT");
        SensorProbe second = new PtdProvider()
                .probe(SensorOptions.none().with("ptdMeters", "psu1=127.0.0.1:" + port + ",psu2=127.0.0.1:" + port));
        assertThat(second.available()).isFalse();
        assertThat(second.reason()).startsWith("meter psu1: ");
    }

    /** One window against a meter that misbehaves in {@code b}; the window's error, or null. */
    String windowError(FakePtdServer.Behaviour b) throws Exception {
        try (FakePtdServer server = new FakePtdServer(b);
                PtdSensor s = open(server)) {
            s.beginWindow("w");
            s.read();
            s.endWindow();
            SensorReading r = s.read();
            if (r.errors().isEmpty()) {
                return null;
            }
            assertThat(r.joules()).as("an invalid window has no energy").isEmpty();
            return r.errors().get("node-wall");
        }
    }

    @Test
    void controlCharactersFromAMeterNeverReachTheTerminalOrTheRecord() throws Exception {
        try (FakePtdServer server = new FakePtdServer(FakePtdServer.Behaviour.CONTROL_CHARS);
                PtdSensor s = open(server)) {
            String identity = s.info().meterIdentity();
            assertThat(identity.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0));
            assertThat(identity).startsWith("Yoko\\u001B]0;pwned\\u0007\\u001B[2J");
            assertThat(s.info().name()).doesNotContain("\u001b");
            // what goes into the record (SensorDetails.meterIdentity) is this same escaped text
            assertThat(identity).endsWith(FakePtdServer.IDENTIFY.substring("Yokogawa".length()));
        }
    }

    @Test
    void aReplyLineHasALengthLimitAndAnEndlessOneEndsTheConnection() throws Exception {
        long t0 = System.nanoTime();
        assertThat(windowError(FakePtdServer.Behaviour.ENDLESS_LINE))
                .contains("longer than " + PtdClient.MAX_LINE_BYTES + " bytes");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }

    @Test
    void aMeterThatDripsItsReplyCannotHoldTheRun() throws Exception {
        long t0 = System.nanoTime();
        // 22 bytes at 100 ms each is longer than the 2 s timeout allows for the whole line
        assertThat(windowError(FakePtdServer.Behaviour.DRIP)).contains("did not answer 'Watts' in time");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }

    @Test
    void negativeOrImpossibleSamplesMakeTheWindowInvalidWithTheReason() throws Exception {
        assertThat(windowError(FakePtdServer.Behaviour.NEGATIVE_SAMPLE))
                .isEqualTo("meter sample 2 of 2 is negative (-5.00000 W): the window is invalid");
        assertThat(windowError(FakePtdServer.Behaviour.HUGE_SAMPLE))
                .isEqualTo("meter sample 2 of 2 is above 1.00000e+06 W (5.00000e+06 W), physically impossible for one"
                        + " analyser channel: the window is invalid");
        assertThat(windowError(FakePtdServer.Behaviour.INCONSISTENT))
                .isEqualTo("meter statistics contradict themselves (average 40.0000 W, min 50.0000 W, max 30.0000 W):"
                        + " the window is invalid");
        assertThat(windowError(FakePtdServer.Behaviour.HUGE_RL_COUNT))
                .contains("'RL' announces 2000000000 samples; at most " + PtdClient.MAX_SAMPLES);
        assertThat(windowError(FakePtdServer.Behaviour.NORMAL)).isNull();
    }
}
