package org.joulebench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.joulebench.harness.bench.KernelBenchmark;
import org.joulebench.harness.bench.VerificationReport;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.VerificationResult;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.JmhSettings;
import org.joulebench.results.run.ResultStatus;
import org.joulebench.results.run.Score;
import org.joulebench.results.run.Throughput;
import org.joulebench.results.run.Verification;
import org.joulebench.results.run.Work;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs each {@link BenchmarkCase} in its own JMH run (one fork set per case, so that a crash or a wrong
 * answer in one case loses nothing else) and turns JMH's results into {@link BenchmarkResult}s.
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
        /**
         * JMH profiler class and option line to attach to the case's run (the option line names the
         * case's device, so per-device sensors read that device only), or {@code null} for none.
         */
        ProfilerSpec profiler(BenchmarkCase c);

        /** Minimum measurement-iteration length the sensors need, in milliseconds (0 if none). */
        long minimumIterationMillis();

        /**
         * The energy section for one result, or a reason why there is none.
         *
         * @param invocationsPerOp kernel invocations per JMH operation (the batch size)
         */
        EnergyOutcome energy(RunResult run, WorkCounts work, long invocationsPerOp);
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
        public EnergyOutcome energy(RunResult run, WorkCounts work, long invocationsPerOp) {
            return new EnergyOutcome(null, "no energy sensor selected");
        }
    };

    private final Profile profile;
    private final EnergyAttachment energy;
    private final Path workDir;
    private final long seed;

    public RunOrchestrator(Profile profile, EnergyAttachment energy, Path workDir, long seed) {
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
     */
    public List<BenchmarkResult> runAll(List<BenchmarkCase> cases, Listener listener, List<BenchmarkResult> sink)
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
            } catch (IOException | RuntimeException e) {
                String why = "harness error: " + e;
                r = result(c, ResultStatus.ERROR, why, null, null, null, null, null, null, "not measured: " + why);
            }
            sink.add(r);
            listener.finished(c, r, i, cases.size());
        }
        return sink;
    }

    public List<BenchmarkResult> runAll(List<BenchmarkCase> cases, Listener listener) throws IOException {
        return runAll(cases, listener, new ArrayList<>());
    }

    BenchmarkResult runOne(BenchmarkCase c, int index) throws IOException {
        String stem = String.format(
                "%03d-%s-%s-%s-%s", index, c.kernel().id(), c.dtype().id(), c.size(), c.backendId());
        Path reportFile = workDir.resolve(stem + ".verification.properties");
        Path logFile = workDir.resolve(stem + ".jmh.log");
        Files.deleteIfExists(reportFile);
        List<String> jvmArgs = new ArrayList<>(JvmFlags.FORK_FLAGS);
        jvmArgs.add("-D" + VerificationReport.REPORT_FILE_PROPERTY + "=" + reportFile.toAbsolutePath());
        long measureMillis = measurementMillis();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(KernelBenchmark.BENCHMARK_METHOD) + "$")
                .param("backend", c.backendId())
                .param("kernel", c.kernel().id())
                .param("dtype", c.dtype().id())
                .param("size", c.size().name())
                .param("device", c.deviceId())
                .param("seed", Long.toString(seed))
                .forks(profile.forks())
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(measureMillis))
                .threads(1)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(logFile.toAbsolutePath().toString());
        ProfilerSpec prof = energy.profiler(c);
        if (prof != null) {
            options.addProfiler(prof.type(), prof.options());
        }
        JmhSettings settings = new JmhSettings(
                "avgt",
                profile.forks(),
                profile.warmupIterations(),
                profile.warmupMillis(),
                profile.measurementIterations(),
                measureMillis,
                1,
                jvmArgs.subList(0, JvmFlags.FORK_FLAGS.size()),
                null,
                1,
                "one invocation per call");
        WorkCounts counts = c.kernel().work(c.shape(), c.dtype());
        Work work = work(c.kernel(), c, counts);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException | RuntimeException e) {
            VerificationReport.Read verified = VerificationReport.read(reportFile);
            if (verified != null && !verified.result().passed()) {
                return result(
                        c,
                        ResultStatus.VERIFICATION_FAILED,
                        "output does not match the reference: "
                                + verified.result().message(),
                        work,
                        null,
                        null,
                        null,
                        verification(verified),
                        null,
                        "not measured: verification failed");
            }
            String why = failureFromLog(logFile, e);
            return result(
                    c,
                    ResultStatus.ERROR,
                    why,
                    work,
                    settings,
                    null,
                    null,
                    verified == null ? null : verification(verified),
                    null,
                    "not measured: " + why);
        }
        VerificationReport.Read verified = VerificationReport.read(reportFile);
        if (results.isEmpty() || verified == null) {
            return result(
                    c,
                    ResultStatus.ERROR,
                    "JMH returned no result (see " + logFile + ")",
                    work,
                    settings,
                    null,
                    null,
                    null,
                    null,
                    "not measured");
        }
        RunResult run = results.iterator().next();
        Score score = score(run);
        Throughput throughput = throughput(score, counts);
        EnergyOutcome e = energy.energy(run, counts, 1); // one invocation per JMH operation (no batches yet)
        return result(
                c,
                ResultStatus.OK,
                null,
                work,
                settings,
                score,
                throughput,
                verification(verified),
                e.energy(),
                e.energy() == null ? e.unavailableReason() : null);
    }

    private static BenchmarkResult result(
            BenchmarkCase c,
            ResultStatus status,
            String failure,
            Work work,
            JmhSettings jmh,
            Score score,
            Throughput throughput,
            Verification verification,
            org.joulebench.results.run.EnergyResult energyResult,
            String energyReason) {
        return BenchmarkResult.builder()
                .shape(
                        c.kernel().id(),
                        c.sizeText(),
                        c.shape().label(),
                        c.shape().dims(),
                        c.dtype().id())
                .device(
                        c.backendId(),
                        new org.joulebench.results.run.ImplementationRecord(
                                c.implementation().id(),
                                c.implementation().kind().name(),
                                c.implementation().description(),
                                null,
                                null),
                        c.deviceId(),
                        c.deviceName(),
                        c.device().kind().name(),
                        c.device().hardwareId())
                .status(status)
                .failed(status, failure)
                .work(work)
                .jmh(jmh)
                .timing(score, throughput)
                .verification(verification)
                .energy(energyResult, energyReason)
                .build();
    }

    static Work work(Kernel kernel, BenchmarkCase c, WorkCounts counts) {
        WorkFormulas f = kernel.formulas(c.dtype());
        return new Work(
                counts.operations(),
                counts.operationUnit().name(),
                counts.bytesRead(),
                counts.bytesWritten(),
                counts.headline().name(),
                f.operations(),
                f.bytesRead(),
                f.bytesWritten());
    }

    static Verification verification(VerificationReport.Read read) {
        VerificationResult v = read.result();
        return new Verification(
                v.passed(),
                finiteOrNull(v.maxRelativeError()),
                finiteOrNull(v.maxAbsoluteError()),
                v.tolerance().relative(),
                v.tolerance().absoluteOfRms(),
                read.seed(),
                v.message());
    }

    private static Double finiteOrNull(double d) {
        return Double.isFinite(d) ? d : null;
    }

    static Score score(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        List<Double> raw = new ArrayList<>();
        for (org.openjdk.jmh.results.BenchmarkResult br : run.getBenchmarkResults()) {
            for (IterationResult ir : br.getIterationResults()) {
                raw.add(ir.getPrimaryResult().getScore());
            }
        }
        double err = primary.getScoreError();
        return new Score(primary.getScore(), Double.isFinite(err) ? err : null, 0.999, primary.getScoreUnit(), raw);
    }

    /** Score is ms/op; throughput is headline units per second, in giga. */
    static Throughput throughput(Score score, WorkCounts counts) {
        if (!"ms/op".equals(score.unit())) {
            throw new IllegalStateException("expected ms/op, JMH reported " + score.unit());
        }
        double secondsPerOp = score.value() / 1e3;
        double opsPerSecond = counts.operations() / secondsPerOp;
        double bytesPerSecond = counts.bytesMoved() / secondsPerOp;
        double headlinePerSecond = counts.headlineCount() / secondsPerOp;
        String unit = switch (counts.headline()) {
            case FLOP -> "GFLOP/s";
            case INT_OP -> "GOP/s";
            case BYTE -> "GB/s";
        };
        Double error = score.error() == null ? null : headlinePerSecond / 1e9 * (score.error() / score.value());
        return new Throughput(headlinePerSecond / 1e9, error, unit, opsPerSecond, bytesPerSecond);
    }

    /** The most telling line of a failed fork's output: the exception it printed, else JMH's message. */
    static String failureFromLog(Path logFile, Exception e) {
        try {
            if (Files.isRegularFile(logFile)) {
                for (String line : Files.readAllLines(logFile)) {
                    String t = line.strip();
                    if (t.matches("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)(:.*)?$")) {
                        return t + " (JMH log: " + logFile + ")";
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the exception's own message
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (JMH log: " + logFile + ")";
    }
}
