package org.joulebench.harness.energy.ptd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.SensorReading;
import org.joulebench.results.names.Printable;

/**
 * Fuzzes the PTD client through the sensor, over a real loopback socket: the input is what a meter answers,
 * one chunk per command (chunks separated by a zero byte; the meter hangs up after the last). Whatever it
 * answers, only the documented {@link PtdException} may escape opening the sensor; a window is either
 * energy (finite, not negative, at most {@link PtdSamples#MAX_WATTS} over the window) or an error with a
 * reason; no text from the meter (identity, errors, warnings) carries a control character.
 *
 * <p>{@code mvn test} replays {@code PtdClientFuzzTestInputs/meterReplies/}; {@code JAZZER_FUZZ=1} fuzzes,
 * bounded by {@code maxDuration}.
 */
class PtdClientFuzzTest {
    private static final int MAX_CHUNKS = 16;

    @FuzzTest(maxDuration = "120s")
    void meterReplies(byte[] input) throws Exception {
        // the only connections are to the loopback meter this test starts
        AutoCloseable allowed;
        try {
            allowed = com.code_intelligence.jazzer.api.BugDetectors.allowNetworkConnections(
                    (host, port) -> host.equals("localhost") || host.equals("127.0.0.1"));
        } catch (IllegalStateException detectorNotLoaded) {
            allowed = () -> {}; // a replay without Jazzer's SSRF detector: nothing to allow
        }
        try (AutoCloseable a = allowed) {
            meterRepliesOnLoopback(input);
        }
    }

    private void meterRepliesOnLoopback(byte[] input) throws Exception {
        List<byte[]> chunks = split(input);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread meter = new Thread(() -> serve(server, chunks), "fuzz-meter");
            meter.setDaemon(true);
            meter.start();
            AtomicLong clock = new AtomicLong();
            PtdSensor sensor;
            try {
                sensor = new PtdSensor(
                        "127.0.0.1", server.getLocalPort(), 100, "node-wall", () -> clock.addAndGet(1_000_000_000L));
            } catch (PtdException expected) {
                printable(expected.getMessage());
                return;
            }
            try (sensor) {
                printable(sensor.info().meterIdentity());
                printable(sensor.info().name());
                for (int w = 0; w < 2; w++) {
                    double before = sensor.read().joules().getOrDefault("node-wall", 0.0);
                    sensor.beginWindow("fuzz-" + w);
                    sensor.endWindow(); // a 1 s window on the test clock
                    SensorReading r = sensor.read();
                    if (r.errors().isEmpty()) {
                        double joules = r.joules().get("node-wall") - before;
                        assertThat(joules).isFinite().isBetween(0.0, PtdSamples.MAX_WATTS * 2.0);
                    } else {
                        assertThat(r.joules()).isEmpty();
                        r.errors().values().forEach(PtdClientFuzzTest::printable);
                    }
                    sensor.drainWarnings().forEach(PtdClientFuzzTest::printable);
                }
            }
            meter.join(5_000);
        }
    }

    private static void printable(String text) {
        if (text != null) {
            assertThat(text.codePoints().filter(Printable::unsafe).count())
                    .as("control characters in: " + text)
                    .isZero();
        }
    }

    static List<byte[]> split(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length && out.size() < MAX_CHUNKS; i++) {
            if (i == input.length || input[i] == 0) {
                out.add(java.util.Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Answers each command line with the next chunk, then hangs up. */
    private static void serve(ServerSocket server, List<byte[]> chunks) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(2_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (byte[] chunk : chunks) {
                int b;
                int n = 0;
                while ((b = in.read()) >= 0 && b != '\n' && n++ < 1_000) {
                    // skip the command
                }
                if (b < 0) {
                    return;
                }
                out.write(chunk);
                out.flush();
            }
        } catch (IOException closed) {
            // the client hung up or timed out: that is its business
        }
    }

    /** The saved inputs mean what their names say: the first window's energy in joules, or its error. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "normal-session | 40.0",
                "negative-sample | meter sample 2 of 2 is negative",
                "megawatt-sample | physically impossible",
                "min-above-max | statistics contradict themselves",
                "nan-and-infinity | invalid power NaN W",
                "line-longer-than-the-limit | longer than 4096 bytes",
                "rl-announces-two-billion | 'RL' announces 2000000000 samples",
                "rl-fewer-lines-than-announced | did not answer 'RL' in time",
                "control-characters-in-identity | 40.0"
            })
    void theSavedInputsMeanWhatTheirNamesSay(String seed, String firstWindow) throws Exception {
        byte[] input;
        try (InputStream in =
                PtdClientFuzzTest.class.getResourceAsStream("PtdClientFuzzTestInputs/meterReplies/" + seed)) {
            input = in.readAllBytes();
        }
        List<byte[]> chunks = split(input);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread meter = new Thread(() -> serve(server, chunks), "seed-meter");
            meter.setDaemon(true);
            meter.start();
            AtomicLong clock = new AtomicLong();
            try (PtdSensor sensor = new PtdSensor(
                    "127.0.0.1", server.getLocalPort(), 300, "node-wall", () -> clock.addAndGet(1_000_000_000L))) {
                sensor.beginWindow("w");
                sensor.endWindow();
                SensorReading r = sensor.read();
                String outcome = r.errors().isEmpty()
                        ? String.valueOf(r.joules().get("node-wall"))
                        : r.errors().get("node-wall");
                assertThat(outcome).contains(firstWindow);
                if (seed.startsWith("control")) {
                    assertThat(sensor.info().meterIdentity()).startsWith("Yoko\\u001B]0;pwned\\u0007");
                }
            }
        }
        meterReplies(input); // and the fuzz target's own invariants hold
    }
}
