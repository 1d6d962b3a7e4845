package org.joulebench.harness.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joulebench.harness.orchestrate.ForkRun;
import org.joulebench.results.energy.EnergyArithmetic;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawWindow;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * A joulebench run as JMH's own result JSON ({@code run --jmh-json FILE}), written by JMH's own writer
 * ({@link ResultFormatFactory}, {@link ResultFormatType#JSON}) from JMH {@link RunResult}s, so JMH tooling
 * (visualisers, CI plugins, trackers) reads it unchanged. Each case's JMH result is rewritten before writing:
 *
 * <ul>
 *   <li>the primary metric is per kernel invocation, as the record's score: a JMH operation of joulebench's
 *       benchmark is a batch of {@code batchSize} invocations, so each iteration counts {@code batchSize} times
 *       its operations over the same time;
 *   <li>the secondary metrics are the record's energy, per iteration and per invocation, one pair per domain:
 *       {@code energy.<scope>.<domain>.<tier>.J/op} and {@code .W} (tier ESTIMATE says it is a model); nothing
 *       that is not a measurement (the fork's typed outcome and energy report, whose scores are no figures) is
 *       kept.
 * </ul>
 */
public final class JmhJson {
    /** The prefix of the energy metrics' labels. */
    public static final String PREFIX = "energy.";

    private final List<RunResult> results = new ArrayList<>();

    /**
     * Adds one case: JMH's result of each of its forks (each fork is its own one-fork JMH call, with its own batch
     * size) and the record's result made from them (for the energy).
     */
    public synchronized void add(List<ForkRun> forks, org.joulebench.results.record.BenchmarkResult record) {
        if (!forks.isEmpty()) {
            results.add(rewrite(
                    forks.stream().map(ForkRun::run).toList(),
                    forks.stream().map(f -> f.outcome().batchSize()).toList(),
                    record));
        }
    }

    /** Writes every case added so far with JMH's JSON writer. */
    public synchronized void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(file);
                PrintStream out = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            write(results, out);
        }
    }

    /** Writes {@code results} as JMH's JSON. */
    public static void write(Collection<RunResult> results, PrintStream out) {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        out.flush();
    }

    /** The label of a domain's energy metric: {@code energy.DEVICE.cpu-package.B.J/op}. */
    public static String label(DomainEnergy d, String quantity) {
        return PREFIX + d.scope() + "." + d.domain() + "." + d.tier() + "." + quantity;
    }

    /**
     * JMH's result for one case with a per-invocation primary metric and the record's energy as secondary metrics
     * (see the class comment): the forks' results in one, as JMH writes a multi-fork run (one raw-data row per
     * fork). Iterations pair with the record's per-iteration figures in JMH's order: forks, then measurement
     * iterations.
     *
     * @param runs JMH's result of each fork, in the order they ran
     * @param batchSizes the kernel invocations per JMH operation of each fork
     */
    public static RunResult rewrite(
            List<RunResult> runs, List<Integer> batchSizes, org.joulebench.results.record.BenchmarkResult record) {
        BenchmarkParams params = runs.getFirst().getParams();
        if (params.getMode() != Mode.AverageTime) {
            throw new IllegalArgumentException("JMH mode " + params.getMode() + ": joulebench measures average time");
        }
        List<DomainEnergy> domains =
                record.energy() == null ? List.of() : record.energy().domains();
        TimeUnit unit = params.getTimeUnit();
        List<BenchmarkResult> forks = new ArrayList<>();
        int k = 0; // the measured iteration's index across forks
        for (int f = 0; f < runs.size(); f++) {
            int batch = batchSizes.get(f);
            for (BenchmarkResult fork : runs.get(f).getBenchmarkResults()) {
                List<IterationResult> iterations = new ArrayList<>();
                for (IterationResult ir : fork.getIterationResults()) {
                    IterationResult out =
                            new IterationResult(ir.getBenchmarkParams(), ir.getParams(), ir.getMetadata());
                    long ops = ir.getMetadata().getMeasuredOps();
                    // the score is time per JMH operation in `unit`; the same time over batch x the operations
                    long nanos = Math.round(ir.getPrimaryResult().getScore() * ops * unit.toNanos(1));
                    out.addResult(new AverageTimeResult(
                            ResultRole.PRIMARY, ir.getPrimaryResult().getLabel(), (double) ops * batch, nanos, unit));
                    for (DomainEnergy d : domains) {
                        if (k < d.joulesPerOpPerIteration().size()) {
                            out.addResult(new ScalarResult(
                                    label(d, "J/op"),
                                    d.joulesPerOpPerIteration().get(k),
                                    "J/op",
                                    AggregationPolicy.AVG));
                            out.addResult(new ScalarResult(label(d, "W"), watts(d, k), "W", AggregationPolicy.AVG));
                        }
                    }
                    iterations.add(out);
                    k++;
                }
                forks.add(new BenchmarkResult(fork.getParams(), iterations, fork.getMetadata()));
            }
        }
        return new RunResult(params, forks);
    }

    /** The mean power of the domain's {@code k}-th measured window: from its raw readings, else the domain's. */
    private static double watts(DomainEnergy d, int k) {
        if (d.raw() != null && k < d.raw().windows().size()) {
            RawWindow w = d.raw().windows().get(k);
            double joules = EnergyArithmetic.windowJoules(d.raw().kind(), w);
            if (Double.isFinite(joules) && w.seconds() > 0) {
                return joules / w.seconds();
            }
        }
        return d.averagePowerWatts();
    }
}
