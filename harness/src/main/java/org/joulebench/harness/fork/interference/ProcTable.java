package org.joulebench.harness.fork.interference;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux CPU accounting read from {@code /proc}: the system's busy and stolen time ({@code /proc/stat}) and
 * every process's own CPU time ({@code /proc/<pid>/stat}). All times are in clock ticks of {@link #USER_HZ}.
 */
final class ProcTable {

    /**
     * Clock ticks per second in {@code /proc}: the kernel reports in USER_HZ, which is 100 on every
     * architecture Linux exposes to user space with a fixed ABI (x86, arm64, ppc64, s390), whatever CONFIG_HZ.
     */
    static final double USER_HZ = 100.0;

    /** The machine's CPU time: busy (user, nice, system, irq, softirq; guest is inside user) and steal. */
    record SystemTicks(long busy, long steal) {}

    /**
     * One process: its parent, command name, start time (ticks since boot: tells a reused pid apart) and CPU
     * time (user + system, all threads; plus reaped children's for {@code cumulative}).
     */
    record ProcessTicks(long pid, long ppid, String name, long startTime, long ticks, long childTicks) {}

    private final Path proc;

    ProcTable(Path proc) {
        this.proc = proc;
    }

    SystemTicks system() throws IOException {
        for (String line : Files.readAllLines(proc.resolve("stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal guest guest_nice
                long busy = at(f, 1) + at(f, 2) + at(f, 3) + at(f, 6) + at(f, 7);
                return new SystemTicks(busy, at(f, 8));
            }
        }
        throw new IOException(proc.resolve("stat") + " has no aggregate cpu line");
    }

    private static long at(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }

    /** Every process readable now, by pid; processes that exit while being read are skipped. */
    Map<Long, ProcessTicks> processes() throws IOException {
        Map<Long, ProcessTicks> out = new HashMap<>();
        try (DirectoryStream<Path> dirs =
                Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                try {
                    ProcessTicks p = parse(Files.readString(dir.resolve("stat")));
                    out.put(p.pid(), p);
                } catch (IOException | RuntimeException gone) {
                    // exited between listing and reading, or not ours to read: it simply is not in this sample
                }
            }
        }
        return out;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code pid (comm) state ppid ...}: comm may hold spaces and parentheses, so split after the last ')'. */
    static ProcessTicks parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        long pid = Long.parseLong(stat.substring(0, open).trim());
        String name = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): field k is f[k - 3]
        long ppid = Long.parseLong(f[4 - 3]);
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        long cutime = Long.parseLong(f[16 - 3]);
        long cstime = Long.parseLong(f[17 - 3]);
        long start = Long.parseLong(f[22 - 3]);
        return new ProcessTicks(pid, ppid, name, start, utime + stime, cutime + cstime);
    }

    /** {@code root} and all its descendants among {@code all}. */
    static Set<Long> tree(long root, Map<Long, ProcessTicks> all) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProcessTicks p : all.values()) {
            children.computeIfAbsent(p.ppid(), k -> new java.util.ArrayList<>()).add(p.pid());
        }
        Set<Long> out = new HashSet<>();
        java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (out.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return out;
    }
}
