package org.joulebench.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data cache sizes of this machine in bytes, read at run time (Linux sysfs,
 * {@code /sys/devices/system/cpu/cpu0/cache/index*}), from which the GEMM takes its blocking and the row
 * kernels their choice of path. Where they cannot be read, {@link #FALLBACK}: L1 and L2 smaller than any recent
 * server core's, so the blocks still fit.
 *
 * @param l1dBytes the level-1 data cache of one core
 * @param l2Bytes the level-2 cache of one core
 * @param l3Bytes the last-level cache cpu0 shares (all of it, as sysfs reports it)
 */
record CacheSizes(long l1dBytes, long l2Bytes, long l3Bytes) {
    /** L3 where none is reported: 32 MiB, the Zen 4 VM's, on which the row kernels' paths were measured. */
    static final long FALLBACK_L3_BYTES = 32L << 20;

    static final CacheSizes FALLBACK = new CacheSizes(32 * 1024, 1024 * 1024, FALLBACK_L3_BYTES);

    /** Sizes with the fallback L3. */
    CacheSizes(long l1dBytes, long l2Bytes) {
        this(l1dBytes, l2Bytes, FALLBACK_L3_BYTES);
    }

    /** This machine's, read once. */
    static final CacheSizes MACHINE = read(Path.of("/sys/devices/system/cpu/cpu0/cache"));

    /** Reads the sysfs cache directory {@code dir} (entries index0, index1, ...); {@link #FALLBACK} for what is missing. */
    static CacheSizes read(Path dir) {
        long l1d = -1, l2 = -1, l3 = -1;
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                int level = Integer.parseInt(
                        Files.readString(index.resolve("level")).strip());
                String type = Files.readString(index.resolve("type")).strip();
                long size = parseSize(Files.readString(index.resolve("size")).strip());
                if (level == 1 && type.equals("Data")) {
                    l1d = size;
                } else if (level == 2 && !type.equals("Instruction")) {
                    l2 = size;
                } else if (level == 3 && !type.equals("Instruction")) {
                    l3 = size;
                }
            } catch (IOException | RuntimeException e) {
                // absent entry or unreadable field: keep what was found
            }
        }
        return new CacheSizes(
                l1d > 0 ? l1d : FALLBACK.l1dBytes, l2 > 0 ? l2 : FALLBACK.l2Bytes, l3 > 0 ? l3 : FALLBACK.l3Bytes);
    }

    /** "48K", "2048K", "2M", "1024" → bytes. */
    static long parseSize(String s) {
        String t = s.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1024;
        } else if (t.endsWith("M")) {
            unit = 1024 * 1024;
        }
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    /**
     * The GEMM's K block: a packed A strip (MR rows × kc fp32) takes a quarter of L1d, which leaves room
     * for the B panel rows streaming past it and for the C lines; a multiple of 16 in [64, 1024].
     */
    int gemmKc(int mr) {
        long kc = l1dBytes / 4 / (4L * mr);
        return (int) Math.clamp(kc / 16 * 16, 64, 1024);
    }

    /**
     * The GEMM's widest column block for K block kc: the packed B block (kc × nc fp32) takes 3/8 of L2,
     * which leaves room for the A strips passing through and for C; a multiple of nr, at least nr.
     */
    int gemmNcMax(int kc, int nr) {
        long nc = l2Bytes * 3 / 8 / (4L * kc);
        return (int) Math.max(nr, nc / nr * nr);
    }

    /**
     * Bytes of a row kernel's X beyond which it streams from memory: half the L3 (X and its output Y together fill
     * it). 16 MiB on the 32 MiB L3 where the row kernels' paths were measured.
     */
    long rowKernelMemoryBytes() {
        return l3Bytes / 2;
    }
}
