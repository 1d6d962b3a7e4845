package org.joulebench.harness.energy.ptd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loopback stand-in for SPEC PTDaemon speaking its text protocol (CRLF lines), with scripted faults.
 * Each accepted connection takes the next behaviour from the queue (NORMAL when empty).
 */
final class FakePtdServer implements AutoCloseable {
    enum Behaviour {
        NORMAL,
        GARBAGE_HELLO,
        GO_ERROR,
        DROP_ON_STOP,
        NAN_WATTS,
        /** control characters and a terminal escape sequence in its identity */
        CONTROL_CHARS,
        /** a 'Watts' reply of 10 MB with no line end */
        ENDLESS_LINE,
        /** a 'Watts' reply one byte every 100 ms (slower than the timeout allows for the whole line) */
        DRIP,
        /** an RL sample of -5 W */
        NEGATIVE_SAMPLE,
        /** an RL sample of 5 MW */
        HUGE_SAMPLE,
        /** Watts statistics with min above max */
        INCONSISTENT,
        /** an RL header announcing two billion samples */
        HUGE_RL_COUNT
    }

    static final String ESCAPES = "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u0008\u007f\u009b6n";

    static final String IDENTIFY =
            "Yokogawa WT310E,1000,1,1,1,1,1,1,1,version=1.11.1-abc12345-20230101,OS=Linux,mode=power,1,1,1";

    private final ServerSocket server;
    private final Thread thread;
    final ConcurrentLinkedQueue<Behaviour> behaviours = new ConcurrentLinkedQueue<>();
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());

    FakePtdServer(Behaviour... script) throws IOException {
        behaviours.addAll(List.of(script));
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-ptd");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                Behaviour b = behaviours.poll();
                handle(s, b == null ? Behaviour.NORMAL : b);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s, Behaviour b) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String cmd = line.split(",")[0];
            String reply;
            switch (cmd) {
                case "Hello" ->
                    reply = b == Behaviour.GARBAGE_HELLO ? "\u0001\u0002 SSH-2.0-OpenSSH" : "Hello, PTDaemon here!";
                case "Identify" ->
                    reply = b == Behaviour.CONTROL_CHARS ? IDENTIFY.replace("Yokogawa", "Yoko" + ESCAPES) : IDENTIFY;
                case "Go" ->
                    reply = b == Behaviour.GO_ERROR
                            ? "Error: meter busy"
                            : "Starting untimed measurement, maximum 500000 samples at 1000ms with 0 rampup samples";
                case "Stop" -> {
                    if (b == Behaviour.DROP_ON_STOP) {
                        return; // connection closes mid-run
                    }
                    reply = "Stopping untimed measurement";
                }
                case "Watts" -> {
                    if (b == Behaviour.ENDLESS_LINE) {
                        byte[] chunk = "Watts,".repeat(1000).getBytes(StandardCharsets.US_ASCII);
                        try {
                            for (int i = 0; i < 10 * 1024 * 1024 / chunk.length; i++) {
                                out.write(chunk);
                            }
                        } catch (IOException closedByClient) {
                            return;
                        }
                        return;
                    }
                    if (b == Behaviour.DRIP) {
                        try {
                            for (byte c : "Watts,40,30,50,4,0,4\r\n".getBytes(StandardCharsets.US_ASCII)) {
                                out.write(c);
                                out.flush();
                                Thread.sleep(100);
                            }
                        } catch (IOException | InterruptedException closed) {
                            return;
                        }
                        continue;
                    }
                    reply = switch (b) {
                        case NAN_WATTS -> "Watts,NaN,NaN,NaN,4,0,4";
                        case INCONSISTENT -> "Watts,40.000000,50.000000,30.000000,4,0,4";
                        default -> "Watts,40.000000,30.000000,50.000000,4,0,4";
                    };
                }
                case "Uncertainty" -> reply = "Uncertainty,0.012,0.010,0.015,4,0,4,0";
                case "RL" -> {
                    if (b == Behaviour.NAN_WATTS) {
                        reply = "No unread samples";
                    } else if (b == Behaviour.HUGE_RL_COUNT) {
                        reply = "Last 2000000000 samples";
                    } else if (b == Behaviour.NEGATIVE_SAMPLE || b == Behaviour.HUGE_SAMPLE) {
                        reply = "Last 2 samples\r\n" + sample(40) + "\r\n"
                                + sample(b == Behaviour.NEGATIVE_SAMPLE ? -5 : 5e6);
                    } else {
                        reply = "Last 4 samples\r\n" + sample(30) + "\r\n" + sample(40) + "\r\n" + sample(50) + "\r\n"
                                + sample(40);
                    }
                }
                default -> reply = "Unknown command";
            }
            out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static String sample(double watts) {
        return "Time,12-23-2020 10:21:51.496,Watts," + watts + ",Volts,228.37,Amps,0.2,PF,0.5,Mark,x";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
