package org.joulebench.vocabulary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Device hardware ids, the one place they are spelled, parsed and compared: a backend's {@code
 * DeviceInfo.hardwareId}, an energy domain's {@code scopeDevice} and a record's device all use these. An id is
 * a PCI bus id ({@code 0000:19:00.0}), a vendor UUID ({@code GPU-5f6c...}), or the CPU packages {@code
 * cpu-socket:0} / {@code cpu-socket:0+1}. Never an enumeration index: CUDA and NVML, for one, may number the
 * same boards differently.
 *
 * <p>The normal form, one rule for every source (procfs, the CUDA driver, NVML, nvidia-smi, sysfs): a text
 * that is a PCI bus id becomes {@code dddd:bb:dd.f} in lower-case hex ({@link #normalizePciBusId}); any other
 * text is not guessed at: {@link #normalizePciBusId} says it is none (empty) and {@link #normalize} keeps it
 * as written, stripped of surrounding white space (UUIDs are compared case-insensitively by {@link
 * #sameDevice}, not rewritten).
 */
public final class HardwareIds {
    public static final String CPU_SOCKET_PREFIX = "cpu-socket:";

    private static final Pattern PCI =
            Pattern.compile("(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])");
    private static final Pattern SOCKETS = Pattern.compile("cpu-socket:(\\d+(?:\\+\\d+)*)");

    private HardwareIds() {}

    /** {@code cpu-socket:N}: one CPU package. */
    public static String cpuSocket(int socket) {
        if (socket < 0) {
            throw new IllegalArgumentException("socket must be >= 0: " + socket);
        }
        return CPU_SOCKET_PREFIX + socket;
    }

    /** {@code cpu-socket:0+1}: the packages a CPU device spans, ascending. */
    public static String cpuSockets(Collection<Integer> sockets) {
        if (sockets.isEmpty()) {
            throw new IllegalArgumentException("no sockets");
        }
        return CPU_SOCKET_PREFIX
                + String.join(
                        "+",
                        new TreeSet<>(sockets).stream().map(String::valueOf).toList());
    }

    /** The sockets of a {@code cpu-socket:...} id; empty for any other id. */
    public static Optional<Set<Integer>> sockets(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = SOCKETS.matcher(id.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Set<Integer> out = new TreeSet<>();
        for (String s : m.group(1).split("\\+")) {
            out.add(Integer.parseInt(s));
        }
        return Optional.of(out);
    }

    /**
     * A PCI bus id in {@code domain:bus:device.function} form, lower-case hex, four-digit domain ({@code
     * 0000:19:00.0}); accepts NVML's eight-digit domain ({@code 00000000:19:00.0}), upper case, and no
     * domain (domain 0). Empty when the text is not a PCI bus id.
     */
    public static Optional<String> normalizePciBusId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PCI.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long domain = m.group(1) == null ? 0 : Long.parseLong(m.group(1), 16);
        return Optional.of(String.format(
                Locale.ROOT,
                "%04x:%02x:%02x.%s",
                domain,
                Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16),
                m.group(4)));
    }

    /**
     * The normal form of any hardware id: a PCI bus id normalized ({@link #normalizePciBusId}), any other
     * text only stripped of surrounding white space (a UUID or {@code cpu-socket:N} is kept as written).
     */
    public static String normalize(String id) {
        return normalizePciBusId(id).orElse(id.strip());
    }

    /**
     * The CPU packages of a {@code /proc/cpuinfo}-format file as {@code cpu-socket:0} or {@code cpu-socket:0+1},
     * from its {@code physical id} lines; one package ({@code cpu-socket:0}) when it names none or cannot be
     * read (not Linux, or a container hiding it).
     */
    public static String cpuSocketsOf(Path cpuinfo) {
        Set<Integer> sockets = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals("physical id")) {
                    sockets.add(Integer.parseInt(line.substring(colon + 1).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: one package assumed
        }
        return cpuSockets(sockets.isEmpty() ? Set.of(0) : sockets);
    }

    /** Whether the text is a PCI bus id. */
    public static boolean isPciBusId(String text) {
        return normalizePciBusId(text).isPresent();
    }

    /** Lower case, without NVML's {@code GPU-} prefix (CUDA's UUID bytes carry none). */
    public static String normalizeUuid(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("gpu-") ? t.substring(4) : t;
    }

    /** Whether two ids name the same device (PCI bus ids and UUIDs compared in normal form). */
    public static boolean sameDevice(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Optional<String> pa = normalizePciBusId(a);
        Optional<String> pb = normalizePciBusId(b);
        if (pa.isPresent() || pb.isPresent()) {
            return pa.equals(pb);
        }
        Optional<Set<Integer>> sa = sockets(a);
        Optional<Set<Integer>> sb = sockets(b);
        if (sa.isPresent() || sb.isPresent()) {
            return sa.equals(sb);
        }
        return normalizeUuid(a).equals(normalizeUuid(b));
    }

    /**
     * Whether {@code part} is the device {@code target} or a part of it: the same device, or a CPU socket
     * set within the target's ({@code cpu-socket:1} is part of {@code cpu-socket:0+1}).
     */
    public static boolean covers(String target, String part) {
        if (sameDevice(target, part)) {
            return true;
        }
        Optional<Set<Integer>> t = sockets(target);
        Optional<Set<Integer>> p = sockets(part);
        return t.isPresent() && p.isPresent() && t.get().containsAll(p.get());
    }
}
