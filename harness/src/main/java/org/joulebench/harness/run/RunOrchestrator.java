package org.joulebench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.joulebench.harness.bench.ForkOutcome;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.ForkRecord;
import org.joulebench.results.run.HarnessOverhead;
import org.joulebench.results.run.ResultStatus;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs each {@link BenchmarkCase} in its own JMH run (one fork set per case, so that a crash or a wrong
 * answer in one case loses nothing else) and turns what JMH brings back — typed results and typed
 * exceptions from the forks — into {@link BenchmarkResult}s.
 */
public final class RunOrchestrator {

    /** Told about progress; called on the orchestrating thread. */
    public interface Listener {
        void started(BenchmarkCase c, int index, int total);

        void finished(BenchmarkCase c, BenchmarkResult result, int index, int total);

        /** Something the user should know while waiting (e.g. another JMH run holds the lock). */
        default void note(String message) {}
    }

    /** Turns a finished JMH run into the energy section; the energy subsystem implements it. */
    public interface EnergyAttachment {
        /** JMH profiler class and option line to attach to every run, or {@code null} for none. */
        ProfilerSpec profiler(BenchmarkCase c);

        /** Minimum measurement-iteration length the sensors need, in milliseconds (0 if none). */
        long minimumIterationMillis();

        /**
         * The energy section for one result, or a reason why there is none.
         *
         * @param forks the case's forks, each with its own batch size (kernel invocations per JMH operation)
         */
        EnergyOutcome energy(List<ForkRun> forks, WorkCounts work);
    }

    public record ProfilerSpec(Class<? extends org.openjdk.jmh.profile.Profiler> type, String options) {}

    public record EnergyOutcome(org.joulebench.results.run.EnergyResult energy, String unavailableReason) {}

    /** Used when no sensor is selected: energy stays null, and says why. */
    public static final EnergyAttachment NO_ENERGY = new EnergyAttachment() {
        @Override
        public ProfilerSpec profiler(BenchmarkCase c) {
            return null;
        }

        @Override
        public long minimumIterationMillis() {
            return 0;
        }

        @Override
        public EnergyOutcome energy(List<ForkRun> forks, WorkCounts work) {
            return new EnergyOutcome(null, "no energy sensor selected");
        }
    };

    private final Profile.Timing profile;
    private final EnergyAttachment energy;
    private final Path workDir;
    private final long seed;

    public RunOrchestrator(Profile profile, EnergyAttachment energy, Path workDir, long seed) {
        this(profile.timing(), energy, workDir, seed);
    }

    public RunOrchestrator(Profile.Timing profile, EnergyAttachment energy, Path workDir, long seed) {
        this.profile = profile;
        this.energy = energy;
        this.workDir = workDir;
        this.seed = seed;
    }

    public long measurementMillis() {
        return Math.max(profile.measurementMillis(), energy.minimumIterationMillis());
    }

    /**
     * Runs every case, appending each result to {@code sink} as soon as it is known. A case that throws
     * becomes an ERROR result; the others still run. An interrupt stops the loop, keeping what ran.
     *
     * @param overhead the harness overhead to attach to each result (from {@link #measureOverhead}), or
     *     {@code null}
     */
    public List<BenchmarkResult> runAll(
            List<BenchmarkCase> cases, Listener listener, List<BenchmarkResult> sink, OverheadSource overhead)
            throws IOException {
        Files.createDirectories(workDir);
        for (int i = 0; i < cases.size(); i++) {
            BenchmarkCase c = cases.get(i);
            try {
                if (i > 0 && profile.cooldownMillis() > 0) {
                    Thread.sleep(profile.cooldownMillis());
                }
                JmhLock.awaitFree(listener::note);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.note("interrupted: stopping after " + sink.size() + " results");
                break;
            }
            listener.started(c, i, cases.size());
            BenchmarkResult r;
            try {
                r = runOne(c, i);
                if (overhead != null) {
                    r = ResultAssembly.withOverhead(r, overhead.forCase(c));
                }
            } catch (IOException | RuntimeException e) {
                r = ResultAssembly.identity(c)
                        .failed(ResultStatus.ERROR, "harness error: " + e)
                        .build();
            }
            sink.add(r);
            listener.finished(c, r, i, cases.size());
        }
        return sink;
    }

    public List<BenchmarkResult> runAll(List<BenchmarkCase> cases, Listener listener) throws IOException {
        return runAll(cases, listener, new ArrayList<>(), null);
    }

    /**
     * Runs the case's forks one after the other, each its own one-fork JMH call: fork 1 decides the batch size
     * after its warm-up, every later fork is given it. A fork that fails fails the result, naming the fork.
     */
    BenchmarkResult runOne(BenchmarkCase c, int index) throws IOException {
        // The null workload has no work to divide energy by: no sensors around it.
        ProfilerSpec energyProfiler = c.kernel().ranked() ? energy.profiler(c) : null;
        ResultAssembly assembly = new ResultAssembly(c, profile, measurementMillis());
        List<ForkRun> forks = new ArrayList<>();
        int forkCount = profile.forks();
        for (int f = 1; f <= forkCount; f++) {
            int given = f == 1 ? 0 : forks.getFirst().outcome().batchSize();
            String suffix = forkCount == 1 ? "" : "-fork" + f;
            JmhCall call = JmhCall.fork(
                    c, profile, measurementMillis(), seed, given, energyProfiler, logFile(c, index, suffix));
            String which = forkCount == 1 ? "" : "fork " + f + " of " + forkCount + ": ";
            Collection<RunResult> results;
            try (ForkWatchdog watchdog = ForkWatchdog.start(call)) {
                try {
                    results = new Runner(call.options()).run();
                } catch (RunnerException | RuntimeException e) {
                    if (watchdog.fired()) {
                        return assembly.error(which + "the fork ran past its time budget of "
                                + watchdog.budgetSeconds()
                                + " s (a hung kernel?) and was killed by the harness's watchdog (JMH log: "
                                + call.logFile() + ")");
                    }
                    return ForkResults.verificationFailure(e)
                            .map(v -> assembly.verificationFailed(v.outcome(), which))
                            .orElseGet(() -> assembly.error(
                                    which + ForkResults.failure(e) + " (JMH log: " + call.logFile() + ")"));
                }
            }
            if (results.isEmpty()) {
                return assembly.error(which + "JMH returned no result (see " + call.logFile() + ")");
            }
            RunResult run = results.iterator().next();
            ForkOutcome outcome = ForkResults.outcome(run).orElse(null);
            if (outcome == null) {
                return assembly.error(which + "the fork sent no outcome (see " + call.logFile() + ")");
            }
            forks.add(new ForkRun(f, run, outcome, call.logFile()));
        }
        EnergyOutcome e = c.kernel().ranked()
                ? energy.energy(forks, assembly.counts())
                : new EnergyOutcome(null, "null workload: no work to divide energy by");
        return assembly.measured(forks, e);
    }

    private Path logFile(BenchmarkCase c, int index, String suffix) {
        String stem = String.format(
                "%03d-%s-%s-%s-%s-%s%s",
                index,
                c.kernel().id(),
                c.dtype().id(),
                c.customShape() ? "custom" : c.size().name(),
                c.backendId(),
                c.implementation().id(),
                suffix);
        return workDir.resolve(stem + ".jmh.log");
    }

    /** Where each case's harness overhead comes from. */
    @FunctionalInterface
    public interface OverheadSource {
        /** The overhead measured for the case's backend device, or {@code null} when unknown. */
        Overhead forCase(BenchmarkCase c);
    }

    /**
     * Measures the harness's own overhead with the null workload: once with one invocation per JMH call
     * ({@code t1} = per-call + per-invocation cost) and once with {@value #OVERHEAD_BATCH} invocations
     * per call ({@code tN} per invocation = per-invocation + per-call / N). Solving the two gives the
     * per-invocation and per-batch figures. No energy profiler is attached.
     *
     * @param noop a case of the {@code noop} kernel on the backend device to measure
     */
    public Overhead measureOverhead(BenchmarkCase noop) throws IOException {
        Files.createDirectories(workDir);
        JmhCall base = new JmhCall(
                noop, seed, 1, 2, 100, 3, 200, 1, ForkRecord.FIXED, null, logFile(noop, 999, "-overhead-1"));
        double t1 = noopNanos(base);
        JmhCall batched = new JmhCall(
                noop,
                seed,
                1,
                2,
                100,
                3,
                200,
                OVERHEAD_BATCH,
                ForkRecord.FIXED,
                null,
                logFile(noop, 999, "-overhead-n"));
        double tn = noopNanos(batched); // per invocation
        double perInvocation = Math.max(0, (OVERHEAD_BATCH * tn - t1) / (OVERHEAD_BATCH - 1));
        double perBatch = Math.max(0, t1 - perInvocation);
        return new Overhead(
                perInvocation,
                perBatch,
                "noop on " + noop.backendId() + ":" + noop.deviceId() + " ("
                        + noop.implementation().id()
                        + ") in this run: " + String.format(java.util.Locale.ROOT, "%.2f", t1)
                        + " ns per call at batch 1, " + String.format(java.util.Locale.ROOT, "%.3f", tn)
                        + " ns per invocation at batch " + OVERHEAD_BATCH);
    }

    public static final int OVERHEAD_BATCH = 10_000;

    private static double noopNanos(JmhCall call) {
        try {
            RunResult run = new Runner(call.options()).run().iterator().next();
            ForkOutcome outcome = ForkResults.outcome(run)
                    .orElseThrow(() -> new IllegalStateException("noop overhead run sent no outcome"));
            return ForkResults.forkRecord(new ForkRun(1, run, outcome, call.logFile()))
                            .millisPerInvocation()
                    * 1e6; // ms -> ns
        } catch (RunnerException e) {
            throw new IllegalStateException("noop overhead run failed: " + ForkResults.failure(e), e);
        }
    }

    /** The harness overhead measured with the null workload, ns. */
    public record Overhead(double nanosPerInvocation, double nanosPerBatch, String source) {
        /** The overhead's share of a result measured at {@code batchSize} taking {@code millisPerInvocation}. */
        public HarnessOverhead forResult(int batchSize, double millisPerInvocation) {
            double overheadNanos = nanosPerBatch / batchSize + nanosPerInvocation;
            Double share = millisPerInvocation > 0 ? overheadNanos / (millisPerInvocation * 1e6) : null;
            return new HarnessOverhead(nanosPerInvocation, nanosPerBatch, share, source);
        }
    }
}
