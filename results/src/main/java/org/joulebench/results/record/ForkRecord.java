package org.joulebench.results.record;

import java.util.ArrayList;
import java.util.List;

/**
 * One fork of a result (schema 3): how many kernel invocations each JMH call ran in it, where that number
 * came from, and what JMH counted and timed in each measured iteration — enough to recompute every
 * per-invocation figure of the result ({@code check} does, with {@link ScoreStatistics}).
 *
 * <p>Why per fork: each fork is its own JVM; before schema 3 every fork chose its own batch size and the
 * parent divided all forks' per-call times by the first fork's, so a fork whose n differed was reported wrong
 * by the ratio. Now fork 1 decides n after its warm-up and every later fork of the case is given it; the
 * record keeps n per fork anyway, so nothing depends on that promise.
 *
 * @param fork 1-based, in the order the forks ran
 * @param batchSize n: kernel invocations per JMH call in this fork's measured iterations
 * @param batchDecision how n came to this fork: {@value #DECIDED} (timed here on the warmed kernel by the
 *     rule), {@value #GIVEN} (fork 1's decision, passed as a parameter) or {@value #FIXED} (set by the caller)
 * @param singleInvocationNanos the rule's input when {@value #DECIDED}: the fastest 1 ms slice of single
 *     invocations, per invocation, ns; {@code null} otherwise
 * @param targetCallNanos the rule's target time per JMH call, ns (the backend's choice)
 * @param callsPerIteration JMH operations (calls of n invocations) counted in each measured iteration
 * @param millisPerCall JMH's score of each measured iteration: milliseconds per call
 * @param millisPerInvocation the fork's mean time per invocation (mean of {@code millisPerCall / n}), ms
 * @param errorMillisPerInvocation its half-width at 99.9 % over the fork's iterations ({@code null} with one)
 */
public record ForkRecord(
        int fork,
        int batchSize,
        String batchDecision,
        Double singleInvocationNanos,
        long targetCallNanos,
        List<Long> callsPerIteration,
        List<Double> millisPerCall,
        double millisPerInvocation,
        Double errorMillisPerInvocation) {

    public static final String DECIDED = "DECIDED";
    public static final String GIVEN = "GIVEN";
    public static final String FIXED = "FIXED";

    public ForkRecord {
        callsPerIteration = List.copyOf(callsPerIteration);
        millisPerCall = List.copyOf(millisPerCall);
    }

    /** A fork record whose mean and error are computed from its iterations. */
    public static ForkRecord of(
            int fork,
            int batchSize,
            String batchDecision,
            Double singleInvocationNanos,
            long targetCallNanos,
            List<Long> callsPerIteration,
            List<Double> millisPerCall) {
        List<Double> perInvocation = perInvocation(millisPerCall, batchSize);
        return new ForkRecord(
                fork,
                batchSize,
                batchDecision,
                singleInvocationNanos,
                targetCallNanos,
                callsPerIteration,
                millisPerCall,
                ScoreStatistics.mean(perInvocation),
                ScoreStatistics.halfWidth(perInvocation, ScoreStatistics.CONFIDENCE));
    }

    /** Each measured iteration's time per kernel invocation, ms: JMH's per-call score ÷ n. */
    public List<Double> millisPerInvocationByIteration() {
        return perInvocation(millisPerCall, batchSize);
    }

    /** Kernel invocations in measured iteration {@code i} (0-based): JMH's calls × n. */
    public long invocations(int i) {
        return callsPerIteration.get(i) * (long) batchSize;
    }

    private static List<Double> perInvocation(List<Double> millisPerCall, int batchSize) {
        List<Double> out = new ArrayList<>(millisPerCall.size());
        for (double d : millisPerCall) {
            out.add(d / batchSize);
        }
        return out;
    }
}
