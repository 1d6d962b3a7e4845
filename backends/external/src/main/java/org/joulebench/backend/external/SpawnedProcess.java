package org.joulebench.backend.external;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process started with the C library's {@code posix_spawnp} (through the FFM API) in a process group of
 * its own, instead of {@link ProcessBuilder}: the JDK gives every {@link Process} a "process reaper" thread that
 * lives on for 60 s after the process ends, which a backend opened and closed in a loop would show as leaked
 * threads; here the runner is reaped with {@code waitpid} when it is closed, and its whole group (its children,
 * grandchildren...) is killed with one {@code kill(-pgid, SIGKILL)}.
 *
 * <p>Linux (glibc) only; {@link #supported()} says whether the calls link here.
 */
final class SpawnedProcess {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final java.lang.foreign.AddressLayout ADDR = ValueLayout.ADDRESS;

    private static final int O_CLOEXEC = 02000000;
    private static final int O_WRONLY = 01, O_CREAT = 0100, O_TRUNC = 01000, O_RDONLY = 0;
    private static final int POSIX_SPAWN_SETPGROUP = 0x02;
    private static final int WNOHANG = 1;
    private static final int SIGKILL = 9;
    /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86-64/aarch64: room to spare. */
    private static final long OPAQUE_BYTES = 1024;

    private static final MethodHandle PIPE2,
            CLOSE,
            SPAWNP,
            FA_INIT,
            FA_DUP2,
            FA_OPEN,
            FA_DESTROY,
            AT_INIT,
            AT_SETFLAGS,
            AT_SETPGROUP,
            AT_DESTROY,
            WAITPID,
            KILL;
    private static final String LINK_FAILURE;
    /** glibc 2.34+: close every descriptor from 3 up in the child; null where the C library lacks it. */
    private static final MethodHandle FA_CLOSEFROM = LIBC.find("posix_spawn_file_actions_addclosefrom_np")
            .map(sym -> LINKER.downcallHandle(sym, FunctionDescriptor.of(INT, ADDR, INT)))
            .orElse(null);

    static {
        MethodHandle[] h = new MethodHandle[13];
        String failure = null;
        try {
            h[0] = fn("pipe2", INT, ADDR, INT);
            h[1] = fn("close", INT, INT);
            h[2] = fn("posix_spawnp", INT, ADDR, ADDR, ADDR, ADDR, ADDR, ADDR);
            h[3] = fn("posix_spawn_file_actions_init", INT, ADDR);
            h[4] = fn("posix_spawn_file_actions_adddup2", INT, ADDR, INT, INT);
            h[5] = fn("posix_spawn_file_actions_addopen", INT, ADDR, INT, ADDR, INT, INT);
            h[6] = fn("posix_spawn_file_actions_destroy", INT, ADDR);
            h[7] = fn("posix_spawnattr_init", INT, ADDR);
            h[8] = fn("posix_spawnattr_setflags", INT, ADDR, ValueLayout.JAVA_SHORT);
            h[9] = fn("posix_spawnattr_setpgroup", INT, ADDR, INT);
            h[10] = fn("posix_spawnattr_destroy", INT, ADDR);
            h[11] = fn("waitpid", INT, INT, ADDR, INT);
            h[12] = fn("kill", INT, INT, INT);
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
        }
        PIPE2 = h[0];
        CLOSE = h[1];
        SPAWNP = h[2];
        FA_INIT = h[3];
        FA_DUP2 = h[4];
        FA_OPEN = h[5];
        FA_DESTROY = h[6];
        AT_INIT = h[7];
        AT_SETFLAGS = h[8];
        AT_SETPGROUP = h[9];
        AT_DESTROY = h[10];
        WAITPID = h[11];
        KILL = h[12];
        LINK_FAILURE = System.getProperty("os.name").equals("Linux") ? failure : "not Linux";
    }

    private static MethodHandle fn(String name, ValueLayout ret, ValueLayout... args) {
        MemorySegment symbol =
                LIBC.find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in the C library"));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(ret, args));
    }

    /** Whether processes can be spawned this way here. */
    static boolean supported() {
        return LINK_FAILURE == null;
    }

    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private Integer exitStatus;

    private SpawnedProcess(int pid, OutputStream stdin, InputStream stdout) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /** Starts {@code command} (found on PATH) with pipes for stdin/stdout and stderr to a file. */
    static SpawnedProcess start(List<String> command, Map<String, String> environment, Path stderrFile)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(INT, 2), out = arena.allocate(INT, 2);
            check(c(PIPE2, in, O_CLOEXEC), "pipe2");
            if (c(PIPE2, out, O_CLOEXEC) != 0) {
                closeFd(in.getAtIndex(INT, 0));
                closeFd(in.getAtIndex(INT, 1));
                throw new IOException("pipe2 failed");
            }
            int inRead = in.getAtIndex(INT, 0), inWrite = in.getAtIndex(INT, 1);
            int outRead = out.getAtIndex(INT, 0), outWrite = out.getAtIndex(INT, 1);
            MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16), attr = arena.allocate(OPAQUE_BYTES, 16);
            MemorySegment pidOut = arena.allocate(INT);
            int err;
            try {
                check(c(FA_INIT, actions), "posix_spawn_file_actions_init");
                check(c(AT_INIT, attr), "posix_spawnattr_init");
                try {
                    // dup2 onto 0/1 clears close-on-exec there; the pipes' other ends stay closed in the child
                    check(c(FA_DUP2, actions, inRead, 0), "adddup2");
                    check(c(FA_DUP2, actions, outWrite, 1), "adddup2");
                    check(
                            c(
                                    FA_OPEN,
                                    actions,
                                    2,
                                    arena.allocateFrom(stderrFile.toString()),
                                    O_WRONLY | O_CREAT | O_TRUNC,
                                    0600),
                            "addopen");
                    if (FA_CLOSEFROM != null) {
                        // descriptors other runners' pipes may hold: a runner must see EOF when its own stdin closes
                        check(c(FA_CLOSEFROM, actions, 3), "addclosefrom_np");
                    }
                    check(c(AT_SETFLAGS, attr, (short) POSIX_SPAWN_SETPGROUP), "setflags");
                    check(c(AT_SETPGROUP, attr, 0), "setpgroup");
                    MemorySegment argv = arena.allocate(ADDR, command.size() + 1);
                    for (int i = 0; i < command.size(); i++) {
                        argv.setAtIndex(ADDR, i, arena.allocateFrom(command.get(i)));
                    }
                    argv.setAtIndex(ADDR, command.size(), MemorySegment.NULL);
                    java.util.Map<String, String> env = new java.util.LinkedHashMap<>(System.getenv());
                    env.putAll(environment);
                    MemorySegment envp = arena.allocate(ADDR, env.size() + 1);
                    int i = 0;
                    for (var e : env.entrySet()) {
                        envp.setAtIndex(ADDR, i++, arena.allocateFrom(e.getKey() + "=" + e.getValue()));
                    }
                    envp.setAtIndex(ADDR, i, MemorySegment.NULL);
                    err = c(SPAWNP, pidOut, arena.allocateFrom(command.getFirst()), actions, attr, argv, envp);
                } finally {
                    int ignored1 = c(FA_DESTROY, actions);
                    int ignored2 = c(AT_DESTROY, attr);
                }
            } catch (IOException | RuntimeException | Error e) {
                closeAll(inRead, inWrite, outRead, outWrite);
                throw e;
            }
            if (err != 0) {
                closeAll(inRead, inWrite, outRead, outWrite);
                throw new IOException("cannot run '" + command.getFirst() + "': " + strerror(err));
            }
            // Our pipe ends as Java streams: a new descriptor each, opened through /proc while this process still
            // holds the child's ends too (opening a pipe through /proc waits for the other side to exist).
            OutputStream stdin;
            InputStream stdout;
            try {
                stdin = new FileOutputStream("/proc/self/fd/" + inWrite);
                stdout = new FileInputStream("/proc/self/fd/" + outRead);
            } finally {
                closeAll(inRead, inWrite, outRead, outWrite);
            }
            return new SpawnedProcess(pidOut.get(INT, 0), stdin, stdout);
        }
    }

    /** A C call returning int; spawning is rare, so the boxing of invokeWithArguments does not matter. */
    private static int c(MethodHandle h, Object... args) throws IOException {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static String strerror(int errno) {
        return switch (errno) {
            case 2 -> "No such file or directory";
            case 13 -> "Permission denied";
            case 8 -> "Exec format error";
            case 20 -> "Not a directory";
            default -> "error " + errno;
        };
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException(what + " failed (" + rc + ")");
        }
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            closeFd(fd);
        }
    }

    private static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
            // nothing more to do
        }
    }

    long pid() {
        return pid;
    }

    OutputStream stdin() {
        return stdin;
    }

    InputStream stdout() {
        return stdout;
    }

    /** Reaps the child if it has exited; true when it is gone. */
    synchronized boolean poll() {
        if (exitStatus != null) {
            return true;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(INT);
            int rc = (int) WAITPID.invokeExact(pid, status, WNOHANG);
            if (rc == pid) {
                int s = status.get(INT, 0);
                exitStatus = (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
                return true;
            }
            if (rc < 0) {
                exitStatus = -1; // not our child any more (reaped elsewhere)
                return true;
            }
            return false;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Waits up to {@code millis} for the child to exit (polling); true when it has. */
    boolean waitFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long sleep = 1;
        while (!poll()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return poll();
            }
            sleep = Math.min(sleep * 2, 50);
        }
        return true;
    }

    /** The exit status (128 + signal for a signal), or -1 while it runs or when unknown. */
    synchronized int exitStatus() {
        return exitStatus == null ? -1 : exitStatus;
    }

    boolean isAlive() {
        return !poll();
    }

    /** SIGKILL to the child's whole process group (itself and what it started, unless they left the group). */
    void killGroup() {
        try {
            int ignored = (int) KILL.invokeExact(-pid, SIGKILL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
