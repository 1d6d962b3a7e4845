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
        NAN_WATTS
    }

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
                case "Identify" -> reply = IDENTIFY;
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
                case "Watts" ->
                    reply = b == Behaviour.NAN_WATTS
                            ? "Watts,NaN,NaN,NaN,4,0,4"
                            : "Watts,40.000000,30.000000,50.000000,4,0,4";
                case "Uncertainty" -> reply = "Uncertainty,0.012,0.010,0.015,4,0,4,0";
                case "RL" -> {
                    if (b == Behaviour.NAN_WATTS) {
                        reply = "No unread samples";
                    } else {
                        reply = "Last 4 samples\r\n" + sample(30) + "\r\n" + sample(40) + "\r\n" + sample(50) + "\r\n"
                                + sample(40);
                    }
                }
                default -> reply = "Unknown command";
            }
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
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
