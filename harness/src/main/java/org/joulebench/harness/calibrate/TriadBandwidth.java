package org.joulebench.harness.calibrate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.joulebench.results.record.BandwidthPoint;

/**
 * Memory bandwidth from the fp32 triad {@code a[i] = b[i] + s*c[i]} over three off-heap arrays (not bounded by the
 * heap), split across threads. Bytes are counted as STREAM counts them: 12 per element (read b and c, write a),
 * write-allocate traffic not counted. The best round is reported, as STREAM does.
 */
public final class TriadBandwidth {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Bytes per element of the triad: two 4-byte reads and one 4-byte write. */
    public static final int BYTES_PER_ELEMENT = 12;

    private TriadBandwidth() {}

    /** Bytes/s of the best round within about {@code millis} (at least three rounds, the first a warm-up). */
    public static double bytesPerSecond(int threads, long arrayBytes, long millis) throws InterruptedException {
        return bytesPerSecond(threads, arrayBytes, millis, 1);
    }

    /**
     * As {@link #bytesPerSecond(int, long, long)}, each thread sweeping its share {@code sweeps} times per round: a
     * round over arrays that fit in cache takes microseconds, less than releasing the threads costs, so small
     * arrays are swept many times (and stay in the cache between sweeps, which is what is measured).
     */
    public static double bytesPerSecond(int threads, long arrayBytes, long millis, int sweeps)
            throws InterruptedException {
        long elements = arrayBytes / Float.BYTES / SPECIES.length() * SPECIES.length();
        if (elements < (long) SPECIES.length() * threads) {
            throw new IllegalArgumentException(
                    "arrays of " + arrayBytes + " bytes are too small for " + threads + " threads");
        }
        try (Arena arena = Arena.ofShared()) {
            long bytes = elements * Float.BYTES;
            MemorySegment a = arena.allocate(bytes, 64);
            MemorySegment b = arena.allocate(bytes, 64);
            MemorySegment c = arena.allocate(bytes, 64);
            runRound(threads, elements, (from, to) -> fill(b, c, from, to));
            long deadline = System.nanoTime() + millis * 1_000_000L;
            double best = 0;
            for (int round = 0; round < 4 || System.nanoTime() < deadline; round++) {
                long nanos = runRound(threads, elements, (from, to) -> {
                    for (int sweep = 0; sweep < sweeps; sweep++) {
                        triad(a, b, c, 3.0f, from, to);
                    }
                });
                if (round > 0) { // the first round warms the JIT up
                    best = Math.max(best, (double) BYTES_PER_ELEMENT * elements * sweeps / (nanos / 1e9));
                }
                if (round > 10_000) {
                    break;
                }
            }
            check(a, b, c, elements);
            return best;
        }
    }

    private static void fill(MemorySegment b, MemorySegment c, long from, long to) {
        for (long i = from; i < to; i++) {
            b.setAtIndex(ValueLayout.JAVA_FLOAT, i, 1.0f + (i & 7));
            c.setAtIndex(ValueLayout.JAVA_FLOAT, i, 0.5f);
        }
    }

    static void triad(MemorySegment a, MemorySegment b, MemorySegment c, float s, long from, long to) {
        FloatVector sv = FloatVector.broadcast(SPECIES, s);
        long step = SPECIES.length();
        for (long i = from; i < to; i += step) {
            long off = i * Float.BYTES;
            FloatVector vb = FloatVector.fromMemorySegment(SPECIES, b, off, ORDER);
            FloatVector vc = FloatVector.fromMemorySegment(SPECIES, c, off, ORDER);
            vc.fma(sv, vb).intoMemorySegment(a, off, ORDER);
        }
    }

    /**
     * Triad bandwidth at several working sets (the three arrays together), smallest first, each at most {@code
     * millis}: the cache-aware roof a result is placed against when its own data fit in a cache. Rounds last
     * about a millisecond or more whatever the size (each round sweeps at least 64 MiB in all).
     */
    public static List<BandwidthPoint> curve(int threads, List<Long> workingSetBytes, long millis)
            throws InterruptedException {
        List<BandwidthPoint> points = new ArrayList<>();
        for (long ws : workingSetBytes) {
            long lanes = SPECIES.length();
            long arrayBytes = Math.max(lanes * threads, ws / 3 / Float.BYTES / lanes * lanes) * Float.BYTES;
            int sweeps = (int) Math.max(1, (64L << 20) / Math.max(1, ws));
            points.add(new BandwidthPoint(3 * arrayBytes, bytesPerSecond(threads, arrayBytes, millis, sweeps)));
        }
        return List.copyOf(points);
    }

    /** The triad really ran: a sampled element equals b + 3c. */
    private static void check(MemorySegment a, MemorySegment b, MemorySegment c, long elements) {
        for (long i = 0; i < elements; i += Math.max(1, elements / 97)) {
            float want = b.getAtIndex(ValueLayout.JAVA_FLOAT, i) + 3.0f * c.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            if (a.getAtIndex(ValueLayout.JAVA_FLOAT, i) != want) {
                throw new IllegalStateException("triad calibration computed a wrong value at element " + i);
            }
        }
    }

    private interface Range {
        void run(long from, long to);
    }

    /** Splits {@code [0, elements)} into vector-aligned chunks, one per thread; wall nanoseconds of the round. */
    private static long runRound(int threads, long elements, Range body) throws InterruptedException {
        long lanes = SPECIES.length();
        long perThread = (elements / lanes + threads - 1) / threads * lanes;
        return Rounds.time(threads, t -> {
            long from = Math.min(elements, t * perThread);
            body.run(from, Math.min(elements, from + perThread));
        });
    }
}
