package org.joulebench.harness.energy.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time of this process's whole tree, in nanoseconds: the JVM's own plus that of every process it started
 * (and they started), such as an external backend's runner, whose work is the fork's work. Without it a kernel
 * run in a runner process would be modelled at near zero joules.
 *
 * <p>Descendants are read from {@code /proc/<pid>/stat} (user + system time, in clock ticks of 1/100 s, Linux's
 * USER_HZ). A descendant's last figure is kept after it exits, so the sum never goes back; children's times
 * ({@code cutime}) are not used, so nothing is counted twice. Where {@code /proc} is absent only the JVM counts.
 * Thread-compatible (one sensor reads it).
 */
public final class ProcessTreeCpu implements LongSupplier {
    /** Linux reports process times in USER_HZ ticks, 100 per second on every architecture it runs on. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final LongSupplier ownCpuNanos;
    private final Path proc;
    /** Last CPU ticks seen per descendant, keyed by pid and start time (a pid may be reused). */
    private final Map<String, Long> ticksByProcess = new HashMap<>();

    public ProcessTreeCpu(LongSupplier ownCpuNanos) {
        this(ownCpuNanos, Path.of("/proc"));
    }

    ProcessTreeCpu(LongSupplier ownCpuNanos, Path proc) {
        this.ownCpuNanos = ownCpuNanos;
        this.proc = proc;
    }

    /** The JVM's CPU time plus its descendants' (-1 when the JVM's own is unavailable). */
    @Override
    public long getAsLong() {
        long own = ownCpuNanos.getAsLong();
        if (own < 0) {
            return -1;
        }
        ProcessHandle.current().descendants().forEach(h -> {
            long[] t = ticks(h.pid());
            if (t != null) {
                ticksByProcess.merge(h.pid() + ":" + t[1], t[0], Math::max);
            }
        });
        long ticks = 0;
        for (long t : ticksByProcess.values()) {
            ticks += t;
        }
        return own + ticks * NANOS_PER_TICK;
    }

    /** The descendants' CPU time alone, in nanoseconds, as of the last {@link #getAsLong()}. */
    public long descendantsCpuNanos() {
        return ticksByProcess.values().stream().mapToLong(Long::longValue).sum() * NANOS_PER_TICK;
    }

    /** {utime + stime, starttime} of a process, or null when it is gone or unreadable. */
    private long[] ticks(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            // the command name (field 2) is in parentheses and may hold spaces or ')': fields follow the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
