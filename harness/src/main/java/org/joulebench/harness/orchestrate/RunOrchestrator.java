package org.joulebench.harness.orchestrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.harness.energy.EnergyOutcome;
import org.joulebench.harness.fork.ForkOutcome;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.catalogue.NoopKernel;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.HarnessOverhead;
import org.joulebench.results.record.PairedRatio;
import org.joulebench.results.record.ResultStatus;
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

        /** Fork {@code fork} of {@code forks} of a case is about to run (forks of a group alternate). */
        default void forkStarted(BenchmarkCase c, int fork, int forks) {}
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
            return new EnergyOutcome.Unavailable("no energy sensor selected");
        }
    };

    /**
     * Forks of a comparison group alternate unless {@code JOULEBENCH_FORK_ORDER=sequential} (a measurement aid
     * for the spread with and without interleaving, results/measurements; never for records to compare).
     */
    static final boolean INTERLEAVED = !"sequential".equals(System.getenv("JOULEBENCH_FORK_ORDER"));

    /** JMH calls a fork may make when another JMH run keeps taking the lock first (then it fails, naming why). */
    static final int LOCK_ATTEMPTS = 5;

    private final Profile.Timing profile;
    private final EnergyAttachment energy;
    private final Path workDir;
    private final long seed;

    private java.util.function.BiConsumer<List<ForkRun>, BenchmarkResult> jmhResults = (forks, r) -> {};

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
     * Runs every case, telling the listener each result as soon as it is known. A case that throws
     * becomes an ERROR result; the others still run. An interrupt stops the loop, keeping what finished.
     *
     * <p>Implementations of one kernel, dtype and shape on one device (ours and a vendor library's) run as a
     * group, their forks alternating (A1 B1 A2 B2 ...), so that a shared machine's drift lands on both sides
     * of each pair; each result then carries its {@link PairedRatio} against the others. A cool-down precedes
     * every JMH call after the first.
     *
     * @param overhead the harness overhead to attach to each result (from {@link #measureOverheads}), or
     *     {@code null}
     */
    public List<BenchmarkResult> runAll(List<BenchmarkCase> cases, Listener listener, OverheadSource overhead)
            throws IOException {
        Files.createDirectories(workDir);
        List<BenchmarkResult> sink = new ArrayList<>();
        int calls = 0;
        for (List<Integer> group : comparisonGroups(cases)) {
            List<CaseRun> runs = new ArrayList<>();
            // a comparison runs more forks (pairs) of fewer windows each: its paired ratio gets an interval
            Profile.Timing timing = profile.forComparison(group.size());
            for (int i : group) {
                listener.started(cases.get(i), i, cases.size());
                runs.add(new CaseRun(cases.get(i), i, timing));
            }
            int forkCount = timing.forks();
            for (int step = 0; step < forkCount * runs.size(); step++) {
                // A1 B1 A2 B2 ... (interleaved); A1 A2 B1 B2 ... only to measure what interleaving buys
                int f = INTERLEAVED ? step / runs.size() + 1 : step % forkCount + 1;
                CaseRun run = runs.get(INTERLEAVED ? step % runs.size() : step / forkCount);
                if (run.failed != null) {
                    continue;
                }
                try {
                    if (Thread.interrupted()) {
                        throw new InterruptedException(); // Ctrl-C: no new fork
                    }
                    if (calls++ > 0 && timing.cooldownMillis() > 0) {
                        Thread.sleep(timing.cooldownMillis());
                    }
                    JmhLock.awaitFree(listener::note);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    listener.note("interrupted: stopping after " + sink.size() + " results");
                    return sink;
                }
                listener.forkStarted(run.c, f, forkCount);
                try {
                    run.fork(f);
                } catch (IOException | RuntimeException e) {
                    run.failed = ResultAssembly.identity(run.c)
                            .failed(ResultStatus.ERROR, "harness error: " + e)
                            .build();
                }
            }
            // Extra windows (the submission profile): one extra fork per case whose regular windows were flagged for
            // interference, one window per flagged one, within the profile's bound; every window stays in the record.
            for (CaseRun run : runs) {
                int extra = run.failed == null ? run.extraWindowsWanted() : 0;
                if (extra == 0) {
                    continue;
                }
                try {
                    if (Thread.interrupted()) {
                        throw new InterruptedException(); // Ctrl-C: no new fork
                    }
                    if (timing.cooldownMillis() > 0) {
                        Thread.sleep(timing.cooldownMillis());
                    }
                    JmhLock.awaitFree(listener::note);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    listener.note("interrupted: stopping after " + sink.size() + " results");
                    return sink;
                }
                listener.note(run.c.kernel().id() + ": " + extra + " regular window(s) flagged for interference;"
                        + " measuring " + extra + " extra window(s) in an extra fork (all kept in the record)");
                try {
                    run.extraFork(extra);
                } catch (IOException | RuntimeException e) {
                    run.failed = ResultAssembly.identity(run.c)
                            .failed(ResultStatus.ERROR, "harness error: " + e)
                            .build();
                }
            }
            List<BenchmarkResult> results = new ArrayList<>();
            for (CaseRun run : runs) {
                BenchmarkResult r;
                try {
                    r = run.result();
                    if (overhead != null) {
                        r = ResultAssembly.withOverhead(r, overhead.forCase(run.c));
                    }
                } catch (RuntimeException e) {
                    r = ResultAssembly.identity(run.c)
                            .failed(ResultStatus.ERROR, "harness error: " + e)
                            .build();
                }
                results.add(r);
            }
            results = ResultAssembly.withPairedRatios(results);
            for (int k = 0; k < runs.size(); k++) {
                sink.add(results.get(k));
                listener.finished(runs.get(k).c, results.get(k), runs.get(k).index, cases.size());
            }
        }
        return sink;
    }

    public List<BenchmarkResult> runAll(List<BenchmarkCase> cases, Listener listener) throws IOException {
        return runAll(cases, listener, null);
    }

    /**
     * The cases as groups of one kernel, dtype and shape on one backend device (its implementations), in the
     * order each group first appears; each group's cases in plan order.
     */
    static List<List<Integer>> comparisonGroups(List<BenchmarkCase> cases) {
        java.util.Map<String, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            BenchmarkCase c = cases.get(i);
            String key = c.kernel().id() + "/" + c.dtype().id() + "/" + c.shapeText() + "/" + c.backendId() + "/"
                    + c.deviceId();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return List.copyOf(groups.values());
    }

    /**
     * One case's forks as they are run, one one-fork JMH call each: fork 1 decides the batch size after its
     * warm-up, every later fork is given it. A fork that fails fails the result, naming the fork.
     */
    private final class CaseRun {
        final BenchmarkCase c;
        final int index;
        /** The profile's timing for this case's group ({@link Profile.Timing#forComparison}). */
        final Profile.Timing timing;

        final ResultAssembly assembly;
        // The null workload has no work to divide energy by: no sensors around it.
        final ProfilerSpec energyProfiler;
        final List<ForkRun> forks = new ArrayList<>();
        ForkRun extra; // measured after flagged windows, or null
        BenchmarkResult failed;

        CaseRun(BenchmarkCase c, int index, Profile.Timing timing) {
            this.c = c;
            this.index = index;
            this.timing = timing;
            this.assembly = new ResultAssembly(c, timing, measurementMillis());
            this.energyProfiler = c.kernel().ranked() ? energy.profiler(c) : null;
        }

        void fork(int f) throws IOException {
            int forkCount = timing.forks();
            int given = f == 1 ? 0 : forks.getFirst().outcome().batchSize();
            String suffix = forkCount == 1 ? "" : "-fork" + f;
            JmhCall call = JmhCall.fork(
                    c, timing, measurementMillis(), seed, given, energyProfiler, logFile(c, index, suffix));
            String which = forkCount == 1 ? "" : "fork " + f + " of " + forkCount + ": ";
            ForkRun run = call(call, f, which);
            if (run != null) {
                forks.add(run);
            }
        }

        /** Extra windows the profile asks for after this case's regular forks (0: none flagged, or not allowed). */
        int extraWindowsWanted() {
            if (timing.extraWindows() <= 0 || forks.isEmpty()) {
                return 0;
            }
            return org.joulebench.results.interference.CountedWindows.extraWindowsToMeasure(
                    org.joulebench.harness.fork.interference.InterferenceResult.of(
                            forks.stream().map(ForkRun::run).toList()),
                    timing.extraWindows());
        }

        /**
         * One extra fork of {@code windows} measured iterations, given fork 1's batch size, after the regular
         * forks: only its time enters the record (in the interference section's windows), no energy profiler.
         */
        void extraFork(int windows) throws IOException {
            int f = timing.forks() + 1;
            JmhCall call = new JmhCall(
                    c,
                    seed,
                    1,
                    timing.warmupIterations(),
                    timing.warmupMillis(),
                    windows,
                    measurementMillis(),
                    forks.getFirst().outcome().batchSize(),
                    ForkRecord.GIVEN,
                    null,
                    logFile(c, index, "-extra"));
            extra = call(call, f, "extra fork (" + windows + " extra windows after flagged ones): ");
        }

        /** Runs one JMH call; on failure records why in {@link #failed} and returns {@code null}. */
        private ForkRun call(JmhCall call, int f, String which) throws IOException {
            Collection<RunResult> results = null;
            for (int attempt = 1; results == null; attempt++) {
                try (ForkWatchdog watchdog = ForkWatchdog.start(call)) {
                    try {
                        results = new Runner(call.options()).run();
                    } catch (RunnerException | RuntimeException e) {
                        if (!watchdog.fired() && ForkResults.lostJmhLock(e) && attempt < LOCK_ATTEMPTS) {
                            // another JMH run took the lock after awaitFree said it was free: wait again, retry
                            if (!awaitLockAgain(attempt)) {
                                failed = assembly.error(which + "interrupted while waiting for another JMH run");
                                return null;
                            }
                            continue;
                        }
                        if (watchdog.fired()) {
                            failed = assembly.error(which + "the fork ran past its time budget of "
                                    + watchdog.budgetSeconds()
                                    + " s (a hung kernel?) and was killed by the harness's watchdog (JMH log: "
                                    + call.logFile() + ")");
                            return null;
                        }
                        failed = ForkResults.verificationFailure(e)
                                .map(v -> assembly.verificationFailed(v.outcome(), which))
                                .orElseGet(() -> assembly.error(
                                        which + ForkResults.failure(e) + " (JMH log: " + call.logFile() + ")"));
                        return null;
                    }
                }
            }
            if (results.isEmpty()) {
                failed = assembly.error(which + "JMH returned no result (see " + call.logFile() + ")");
                return null;
            }
            RunResult run = results.iterator().next();
            ForkOutcome outcome = ForkResults.outcome(run).orElse(null);
            if (outcome == null) {
                failed = assembly.error(which + "the fork sent no outcome (see " + call.logFile() + ")");
                return null;
            }
            return new ForkRun(f, run, outcome, call.logFile());
        }

        /** Waits for the JMH lock to be free, then a little more (attempt × 0.5–1.5 s, so two waiters part). */
        private boolean awaitLockAgain(int attempt) {
            try {
                JmhLock.awaitFree(note -> {});
                Thread.sleep(attempt
                        * (500
                                + java.util.concurrent.ThreadLocalRandom.current()
                                        .nextLong(1000)));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        BenchmarkResult result() {
            if (failed != null) {
                return failed;
            }
            EnergyOutcome e = c.kernel().ranked()
                    ? energy.energy(forks, assembly.counts())
                    : new EnergyOutcome.Unavailable("null workload: no work to divide energy by");
            BenchmarkResult measured = assembly.measured(forks, extra, e);
            jmhResults.accept(forks, measured);
            return measured;
        }
    }

    /** Where each measured case's forks go with the record's result made from them ({@code --jmh-json}). */
    public void onJmhResult(java.util.function.BiConsumer<List<ForkRun>, BenchmarkResult> sink) {
        this.jmhResults = sink;
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
     * The harness's own overhead per backend device, from the null workload: measured once per device whose
     * implementation runs {@code noop}; other devices borrow the first measurement and say so. A device where
     * it cannot be measured is told to the listener and has none (unless it borrows).
     */
    public OverheadSource measureOverheads(List<BenchmarkCase> cases, KernelCatalogue catalogue, Listener listener) {
        Map<String, Overhead> byDevice = new LinkedHashMap<>();
        Kernel noop = catalogue.kernel(NoopKernel.ID);
        try {
            // each case's fork waits for another JMH run's lock (JmhCall); the overhead's own calls must too, or
            // a run beside another loses its overhead figure to "another JMH run is in progress"
            JmhLock.awaitFree(listener::note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return c -> null;
        }
        for (BenchmarkCase c : cases) {
            String key = c.backendId() + ":" + c.deviceId();
            if (Thread.currentThread().isInterrupted()) {
                break; // Ctrl-C: runAll stops too
            }
            if (byDevice.containsKey(key) || !c.implementation().supports(noop.id(), DType.FP32)) {
                continue;
            }
            BenchmarkCase noopCase = new BenchmarkCase(
                    noop,
                    catalogue.shape(noop.id(), Size.S),
                    false,
                    DType.FP32,
                    c.backendId(),
                    c.device(),
                    c.implementation(),
                    c.forkOptions());
            listener.note("measuring the harness overhead (noop) on " + key);
            try {
                byDevice.put(key, measureOverhead(noopCase));
            } catch (IOException | RuntimeException e) {
                listener.note("harness overhead not measured on " + key + ": " + e.getMessage());
            }
        }
        return c -> {
            Overhead own = byDevice.get(c.backendId() + ":" + c.deviceId());
            if (own != null || byDevice.isEmpty()) {
                return own;
            }
            Overhead first = byDevice.values().iterator().next();
            return new Overhead(
                    first.nanosPerInvocation(),
                    first.nanosPerBatch(),
                    first.source() + " (borrowed: " + c.backendId() + " does not run noop)");
        };
    }

    /**
     * Measures the harness's own overhead with the null workload: once with one invocation per JMH call
     * ({@code t1} = per-call + per-invocation cost) and once with {@value #OVERHEAD_BATCH} invocations
     * per call ({@code tN} per invocation = per-invocation + per-call / N). Solving the two gives the
     * per-invocation and per-batch figures. No energy profiler is attached.
     *
     * @param noop a case of the {@code noop} kernel on the backend device to measure
     */
    Overhead measureOverhead(BenchmarkCase noop) throws IOException {
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
