package org.joulebench.harness.energy;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The smallest real benchmark, for the one JMH fork test of the energy profiler. */
@State(Scope.Thread)
public class TinyBenchmark {
    double x = 1.0;

    @Benchmark
    public double sqrt() {
        x = Math.sqrt(x + 2.0);
        return x;
    }
}
