package org.joulebench.harness.calibrate;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The peak fp32 FMA rate: a Vector API loop ({@code SPECIES_PREFERRED}) of {@value #ACCUMULATORS} independent
 * accumulators, so the FMA latency is hidden behind the other chains. Each FMA of a vector is {@code 2 x lanes}
 * FLOPs (a multiply-add is 2).
 */
public final class FmaPeak {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Independent FMA chains: latency (4-5 cycles) x FMA ports (2), with room to spare, within 16 registers. */
    public static final int ACCUMULATORS = 12;

    /** Keeps the loop's result alive so the JIT cannot remove it. */
    static volatile float sink;

    private FmaPeak() {}

    /** {@code FloatVector 512 bits x 16 lanes}: the species the loop runs with. */
    public static String vectorShape() {
        return "FloatVector " + SPECIES.vectorBitSize() + " bits x " + SPECIES.length() + " lanes";
    }

    /** FLOPs of one loop iteration: every accumulator does one FMA. */
    static long flopsPerIteration() {
        return 2L * ACCUMULATORS * SPECIES.length();
    }

    /** {@code iterations} rounds of the FMA chains; returns a sum so nothing is dead code. */
    static float loop(int iterations) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-6f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c9 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.1f);
        FloatVector c11 = FloatVector.broadcast(SPECIES, 1.2f);
        for (int i = 0; i < iterations; i++) {
            // c = c * a + b: bounded (converges to b / (1 - a)), one FMA per chain per round
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1)
                .add(c2)
                .add(c3)
                .add(c4)
                .add(c5)
                .add(c6)
                .add(c7)
                .add(c8)
                .add(c9)
                .add(c10)
                .add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * The best FLOP/s seen over repeated rounds of {@code threads} threads each running the loop, within about
     * {@code millis} of wall time (at least three rounds; the first ones also warm the JIT up).
     */
    public static double flopsPerSecond(int threads, long millis) throws InterruptedException {
        // size a round to about a tenth of the budget (at least 1 ms) from a warm single-thread rate
        int iterations = 1 << 14;
        for (int i = 0; i < 20; i++) {
            sink += loop(iterations); // warm-up: let C2 compile the loop
        }
        long t0 = System.nanoTime();
        sink += loop(iterations);
        long perRound = Math.max(1, System.nanoTime() - t0);
        long targetNanos = Math.max(1_000_000L, millis * 1_000_000L / 10);
        iterations = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) iterations * targetNanos / perRound));
        long deadline = System.nanoTime() + millis * 1_000_000L;
        double best = 0;
        for (int round = 0; round < 3 || System.nanoTime() < deadline; round++) {
            long nanos = timeRound(threads, iterations);
            best = Math.max(best, (double) flopsPerIteration() * iterations * threads / (nanos / 1e9));
            if (round > 1000) {
                break;
            }
        }
        return best;
    }

    private static long timeRound(int threads, int iterations) throws InterruptedException {
        return Rounds.time(threads, t -> sink += loop(iterations));
    }
}
