package org.joulebench.backend.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One runner process and the pipe protocol to it: a request is one JSON line on its stdin, its reply one JSON
 * line on its stdout, read within the reply timeout and at most {@value #MAX_LINE_BYTES} bytes long. Its stderr
 * goes to a file in the work folder, quoted (tail, control characters removed) in failures. Any failure ends
 * the process and its whole process tree, and every later request fails with the first reason. {@link
 * #close()} asks the runner to exit, then ends whatever of its tree is left and deletes the work folder.
 */
final class RunnerProcess implements AutoCloseable {
    /** The longest reply line read; a longer one is a failure (a runner cannot make joulebench buffer 100 MB). */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** How much of the runner's stderr a failure quotes. */
    static final int STDERR_TAIL_CHARS = 2000;
    /** How long a runner gets to exit after {@code close} before it is killed. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How often the watchdog looks at the deadline: the precision of a reply timeout. */
    private static final long WATCHDOG_TICK_NANOS = 200_000_000L;

    private final RunnerSpec spec;
    private final Child process;
    private final Path workDir;
    private final Path stderrFile;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final byte[] readBuffer = new byte[1 << 16];
    private int readStart, readEnd;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    /** When the reply being waited for is due (System.nanoTime), 0 when none is awaited. */
    private volatile long deadline;
    /** Set by the watchdog when it ended a runner that missed its deadline. */
    private volatile boolean timedOut;

    private volatile boolean watchdogStop;
    private final Thread watchdog;
    private final Thread shutdownHook;
    private String failure;
    private boolean closed;
    /** Descendants seen so far: one that left the runner's process group (setsid) is still ended at close. */
    private final java.util.Set<ProcessHandle> descendantsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RunnerProcess(RunnerSpec spec, Child process, Path workDir, Path stderrFile) {
        this.spec = spec;
        this.process = process;
        this.workDir = workDir;
        this.stderrFile = stderrFile;
        this.stdin = process.stdin();
        this.stdout = process.stdout();
        // The requesting thread reads the reply itself (one wake-up per round trip, not a hand-off between threads);
        // the watchdog only ends a runner that misses its deadline, which ends the read with end of file.
        this.watchdog = Thread.ofPlatform()
                .daemon()
                .name("joulebench-runner-watchdog-" + process.pid())
                .unstarted(this::watch);
        this.watchdog.start();
        // a fork that ends without closing its backend still ends its runners (stdin EOF ends a well-behaved one)
        this.shutdownHook = Thread.ofPlatform().unstarted(this::killTree);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the runner with a fresh work folder; fails with a one-line reason when it cannot start. */
    static RunnerProcess start(RunnerSpec spec) throws RunnerFailure {
        Path dir;
        try {
            dir = Files.createTempDirectory("joulebench-runner-");
        } catch (IOException e) {
            throw new RunnerFailure("cannot make a work folder for runner '" + spec.source() + "': " + e.getMessage());
        }
        Path err = dir.resolve("stderr.txt");
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
        env.put("JOULEBENCH_PROTOCOL", Integer.toString(RunnerProtocol.VERSION));
        env.put("JOULEBENCH_WORK_DIR", dir.toString());
        try {
            return new RunnerProcess(spec, Child.start(spec.command(), env, err), dir, err);
        } catch (IOException e) {
            deleteTree(dir);
            throw new RunnerFailure(
                    "runner '" + spec.source() + "' cannot start: " + RunnerSpec.oneLine(e.getMessage()));
        }
    }

    Path workDir() {
        return workDir;
    }

    long pid() {
        return process.pid();
    }

    /** The runner and all its descendants, alive now (for tests). */
    List<ProcessHandle> tree() {
        return ProcessHandle.of(process.pid()).stream()
                .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** Whether the runner process itself is still running (not exited, or exited and not yet reaped). */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Starting a runtime (importing torch, opening a driver) takes longer than a reply: hello gets at least 60 s. */
    static final Duration HELLO_MINIMUM_TIMEOUT = Duration.ofSeconds(60);

    Duration helloTimeout() {
        return spec.replyTimeout().compareTo(HELLO_MINIMUM_TIMEOUT) > 0 ? spec.replyTimeout() : HELLO_MINIMUM_TIMEOUT;
    }

    /** Sends one request line and returns the reply, which must be JSON with an {@code op}. */
    synchronized JsonNode request(String line, String what) throws RunnerFailure {
        return request(line, what, spec.replyTimeout());
    }

    synchronized JsonNode request(String line, String what, Duration timeout) throws RunnerFailure {
        if (failure != null) {
            throw new RunnerFailure(failure);
        }
        if (closed) {
            throw new RunnerFailure("runner '" + spec.source() + "' is closed");
        }
        try {
            stdin.write(line.getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw fail(what, "runner exited before " + what + exitText(), true);
        }
        String text;
        deadline = System.nanoTime() + timeout.toNanos();
        try {
            text = readLine();
        } catch (IOException e) {
            text = null;
        } finally {
            deadline = 0;
        }
        if (timedOut) {
            throw fail(what, "runner did not reply to " + what + " within " + seconds(timeout), true);
        }
        if (text == null) {
            throw fail(what, "runner exited during " + what + exitText(), true);
        }
        if (text.length() > MAX_LINE_BYTES) {
            throw fail(what, "runner's reply to " + what + ": line longer than " + MAX_LINE_BYTES + " bytes", true);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("op").isString()) {
            throw fail(
                    what, "runner's reply to " + what + " is not a JSON object with an \"op\": " + excerpt(text), true);
        }
        if (node.path("op").asString().equals("error")) {
            throw fail(
                    what,
                    "runner failed " + what + ": "
                            + RunnerSpec.oneLine(node.path("reason").asString("")),
                    true);
        }
        return node;
    }

    /**
     * Notes the runner's descendants now (after hello and prepare, untimed; a scan of /proc): a process that left
     * its group and whose parent already exited can then still be found and ended.
     */
    void noteDescendants() { // not synchronized: the watchdog calls it while a request holds the monitor
        ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(descendantsSeen::add));
    }

    /** Marks the runner failed with a reason (plus its stderr), ends it, and returns the exception to throw. */
    RunnerFailure fail(String what, String reason, boolean withStderr) {
        String text = reason;
        killTree();
        if (withStderr) {
            String tail = stderrTail();
            if (!tail.isEmpty()) {
                text += "; stderr: " + tail;
            }
        }
        failure = text;
        return new RunnerFailure(text);
    }

    /** Whether a failure ended this runner (then every request fails with it). */
    boolean failed() {
        return failure != null;
    }

    /** Asks the runner to exit, kills what is left of its tree, deletes the work folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        noteDescendants();
        if (failure == null && process.isAlive()) {
            try {
                stdin.write("{\"op\":\"close\"}\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException ignored) {
                // it is gone already
            }
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // it is gone already
        }
        process.waitFor(EXIT_GRACE.toMillis());
        killTree(); // whatever it started and left behind, and itself if it did not exit
        watchdogStop = true;
        java.util.concurrent.locks.LockSupport.unpark(watchdog);
        try {
            watchdog.join(EXIT_GRACE.toMillis());
            stdout.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // closed already
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
        deleteTree(workDir);
    }

    /** Kills the runner and every descendant still alive, and waits for the runner itself to be gone. */
    private void killTree() {
        noteDescendants();
        process.killTree();
        descendantsSeen.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The next line of the runner's stdout without its newline; null at end of file. A line longer than {@value
     * #MAX_LINE_BYTES} bytes is not read to its end: a string one byte longer than the limit comes back.
     */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            for (int i = readStart; i < readEnd; i++) {
                if (readBuffer[i] == '\n') {
                    line.write(readBuffer, readStart, i - readStart);
                    readStart = i + 1;
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(readBuffer, readStart, readEnd - readStart);
            readStart = readEnd = 0;
            if (line.size() > MAX_LINE_BYTES) {
                return "x".repeat(MAX_LINE_BYTES + 1);
            }
            int n = stdout.read(readBuffer);
            if (n <= 0) {
                return null;
            }
            readEnd = n;
        }
    }

    /** Ends the runner when a reply is overdue; looks every {@value #WATCHDOG_TICK_NANOS} ns. */
    private void watch() {
        while (!watchdogStop) {
            long d = deadline;
            if (d != 0 && System.nanoTime() - d > 0) {
                timedOut = true;
                killTree();
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, WATCHDOG_TICK_NANOS);
        }
    }

    private String exitText() {
        return process.waitFor(2_000) ? " (exit status " + process.exitStatus() + ")" : "";
    }

    /** The last {@value #STDERR_TAIL_CHARS} characters of the runner's stderr, control characters removed. */
    String stderrTail() {
        try (RandomAccessFile f = new RandomAccessFile(stderrFile.toFile(), "r")) {
            long len = f.length();
            int take = (int) Math.min(len, STDERR_TAIL_CHARS * 4L);
            byte[] b = new byte[take];
            f.seek(len - take);
            f.readFully(b);
            String s = RunnerSpec.oneLine(new String(b, StandardCharsets.UTF_8).replace('\uFFFD', ' '));
            s = s.replaceAll("\\s+", " ");
            return s.length() > STDERR_TAIL_CHARS ? "…" + s.substring(s.length() - STDERR_TAIL_CHARS) : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static String excerpt(String text) {
        String s = RunnerSpec.oneLine(text);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp folder
                }
            });
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** A runner failure with a one-line reason (the runner is ended by then). */
    static final class RunnerFailure extends Exception {
        private static final long serialVersionUID = 1L;

        RunnerFailure(String message) {
            super(message);
        }
    }
}
