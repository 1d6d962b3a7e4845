package org.joulebench.harness.energy.ptd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.names.Printable;

/**
 * Client for SPEC PTDaemon's TCP text protocol, driven the way MLPerf Power's server and SPEC's harness
 * drive it: lines end in CRLF; {@code Hello} answers {@code Hello, PTDaemon here!}; {@code Identify}
 * answers a comma list (driver, averaging interval ms, capabilities, {@code version=...}, {@code OS=...},
 * {@code mode=power}, ...); {@code Go,<ms>,0,<mark>} answers {@code Starting untimed measurement...};
 * {@code Stop} answers {@code Stopping untimed measurement}; {@code Watts} answers {@code
 * Watts,avg,min,max,samples,errors,validSamples}; {@code Uncertainty} answers {@code
 * Uncertainty,avg,min,max,total,invalid,valid,unknown} (fractions); {@code RL} answers {@code Last N
 * samples} followed by N lines {@code Time,<ts>,Watts,<w>,Volts,...}.
 */
public final class PtdClient implements AutoCloseable {
    public static final String HELLO_REPLY = "Hello, PTDaemon here!";

    /**
     * Longest reply line read, in bytes. PTDaemon's longest replies ({@code Identify}, an {@code RL} sample
     * line) are well under 300 bytes; a longer line is not a PTDaemon reply, and an endless one must not
     * fill memory.
     */
    public static final int MAX_LINE_BYTES = 4096;

    /** Most {@code RL} sample lines read for one window (a 1 ms analyser over 100 s). */
    public static final int MAX_SAMPLES = 100_000;

    /** The {@code Watts} reply: PTDaemon's statistics over the last measurement. */
    public record WattsStats(
            double averageWatts, double minWatts, double maxWatts, long samples, long errors, long validSamples) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String address;
    private final int timeoutMillis;

    private PtdClient(Socket socket, String address, int timeoutMillis) throws IOException {
        this.socket = socket;
        this.address = address;
        this.timeoutMillis = timeoutMillis;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static PtdClient connect(String host, int port, int timeoutMillis) throws PtdException {
        String address = host + ":" + port;
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            return new PtdClient(s, address, timeoutMillis);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new PtdException("meter at " + address + " unreachable: " + e.getMessage(), e);
        }
    }

    /** Sends one command line and returns the first reply line. */
    public String command(String cmd) throws PtdException {
        try {
            out.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new PtdException(
                    "meter at " + address + " disconnected while sending '" + cmd + "': " + e.getMessage(), e);
        }
        return readLine(cmd);
    }

    /**
     * One reply line: at most {@link #MAX_LINE_BYTES} bytes, within the timeout as a whole (a meter that drips
     * one byte at a time cannot hold the run), CRLF or LF ended, and made printable ({@link Printable}: no
     * control character from a meter reaches the terminal or the record).
     */
    private String readLine(String cmd) throws PtdException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buf = new byte[256];
        int n = 0;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int b = in.read();
                if (b < 0) {
                    throw new PtdException("meter at " + address + " disconnected (no reply to '" + cmd + "')");
                }
                if (b == '\n') {
                    break;
                }
                if (n == MAX_LINE_BYTES) {
                    throw new PtdException("meter at " + address + " disconnected: its reply to '" + cmd
                            + "' is longer than " + MAX_LINE_BYTES + " bytes, which no PTDaemon reply is");
                }
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
                }
                buf[n++] = (byte) b;
            }
        } catch (SocketTimeoutException e) {
            throw new PtdException("meter at " + address + " did not answer '" + cmd + "' in time", e);
        } catch (PtdException e) {
            throw e;
        } catch (IOException e) {
            throw new PtdException(
                    "meter at " + address + " disconnected while reading the reply to '" + cmd + "': " + e.getMessage(),
                    e);
        }
        // PTDaemon speaks ASCII: anything else is replaced, then control characters are escaped
        String line = new String(buf, 0, n, StandardCharsets.US_ASCII).strip();
        return Printable.of(line);
    }

    public void hello() throws PtdException {
        String reply = command("Hello");
        if (!reply.startsWith(HELLO_REPLY)) {
            throw new PtdException("not a PTDaemon at " + address + ": 'Hello' answered '" + abbreviate(reply) + "'");
        }
    }

    public String identify() throws PtdException {
        String reply = command("Identify");
        String[] f = reply.split(",");
        if (f.length < 10 || reply.startsWith("Error") || parseIntervalMillis(reply) <= 0) {
            throw new PtdException(
                    "meter at " + address + ": unexpected reply to 'Identify': '" + abbreviate(reply) + "'");
        }
        return reply;
    }

    /** The averaging interval field of an Identify reply, in ms; -1 when absent. */
    public static int parseIntervalMillis(String identify) {
        String[] f = identify.split(",");
        try {
            return f.length > 1 ? Integer.parseInt(f[1].strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public void go(int intervalMillis, String mark) throws PtdException {
        String cmd = "Go," + intervalMillis + ",0," + mark;
        String reply = command(cmd);
        if (!reply.startsWith("Starting")) {
            throw new PtdException("meter at " + address + " refused '" + cmd + "': '" + abbreviate(reply) + "'");
        }
    }

    public void stop() throws PtdException {
        String reply = command("Stop");
        if (!reply.startsWith("Stopping")) {
            throw new PtdException("meter at " + address + " refused 'Stop': '" + abbreviate(reply) + "'");
        }
    }

    public WattsStats watts() throws PtdException {
        String reply = command("Watts");
        String[] f = reply.split(",");
        if (f.length < 7 || !f[0].equals("Watts")) {
            throw new PtdException(
                    "meter at " + address + ": unexpected reply to 'Watts': '" + abbreviate(reply) + "'");
        }
        try {
            return new WattsStats(
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    (long) Double.parseDouble(f[4]),
                    (long) Double.parseDouble(f[5]),
                    (long) Double.parseDouble(f[6]));
        } catch (NumberFormatException e) {
            throw new PtdException("meter at " + address + ": unparsable 'Watts' reply '" + abbreviate(reply) + "'");
        }
    }

    /** Average uncertainty as a fraction (0.01 = 1 %), or {@code null} when the meter gives none. */
    public Double averageUncertainty() throws PtdException {
        String reply = command("Uncertainty");
        String[] f = reply.split(",");
        if (f.length < 2 || !f[0].equals("Uncertainty")) {
            return null;
        }
        try {
            double avg = Double.parseDouble(f[1]);
            return avg >= 0 ? avg : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Unread samples' watts ({@code RL}); empty when the meter has none. */
    public List<Double> readSampleWatts() throws PtdException {
        String header = command("RL");
        List<Double> watts = new ArrayList<>();
        if (!header.startsWith("Last ")) {
            return watts; // "No unread samples", "Invalid ..."
        }
        int n;
        try {
            n = Integer.parseInt(header.split(" ")[1]);
        } catch (RuntimeException e) {
            throw new PtdException("meter at " + address + ": unparsable 'RL' header '" + abbreviate(header) + "'");
        }
        if (n < 0 || n > MAX_SAMPLES) {
            throw new PtdException("meter at " + address + ": 'RL' announces " + n + " samples; at most " + MAX_SAMPLES
                    + " are read for one window");
        }
        for (int i = 0; i < n; i++) {
            String line = readLine("RL");
            String[] f = line.split(",");
            int w = java.util.Arrays.asList(f).indexOf("Watts");
            if (!line.startsWith("Time,") || w < 0 || w + 1 >= f.length) {
                throw new PtdException("meter at " + address + ": unexpected sample line '" + abbreviate(line) + "'");
            }
            try {
                watts.add(Double.parseDouble(f[w + 1]));
            } catch (NumberFormatException e) {
                throw new PtdException("meter at " + address + ": unparsable sample line '" + abbreviate(line) + "'");
            }
        }
        return watts;
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing to report
        }
    }
}
