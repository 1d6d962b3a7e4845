package org.joulebench.harness.orchestrate;

import java.util.List;
import org.joulebench.harness.energy.EnergyOutcome;
import org.joulebench.harness.fork.ForkOutcome;
import org.joulebench.harness.fork.interference.InterferenceResult;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.ForkConsistency;
import org.joulebench.results.record.ForkRecord;
import org.joulebench.results.record.HarnessOverhead;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.results.record.JmhSettings;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.Score;
import org.joulebench.results.record.Throughput;
import org.joulebench.results.record.Verification;
import org.joulebench.results.record.Work;

/** Builds one case's {@link BenchmarkResult} from the stage it reached: failed, or measured. */
final class ResultAssembly {
    private final BenchmarkCase c;
    private final Profile.Timing profile;
    private final long measurementMillis;
    private final WorkCounts counts;

    ResultAssembly(BenchmarkCase c, Profile.Timing profile, long measurementMillis) {
        this.c = c;
        this.profile = profile;
        this.measurementMillis = measurementMillis;
        this.counts = c.kernel().work(c.shape(), c.dtype());
    }

    WorkCounts counts() {
        return counts;
    }

    /** The case's identity: kernel, shape, dtype, backend, implementation, device. */
    static BenchmarkResult.Builder identity(BenchmarkCase c) {
        return BenchmarkResult.builder()
                .shape(
                        c.kernel().id(),
                        c.sizeText(),
                        c.shape().label(),
                        c.shape().dims(),
                        c.dtype().id())
                .device(
                        c.backendId(),
                        new ImplementationRecord(
                                c.implementation().id(),
                                c.implementation().kind().name(),
                                c.implementation().description(),
                                null,
                                null,
                                c.implementation().version(),
                                runnerOf(c.implementation())),
                        c.deviceId(),
                        c.deviceName(),
                        c.device().kind().name(),
                        c.device().hardwareId());
    }

    private static ImplementationRecord.Runner runnerOf(org.joulebench.kernels.spi.Implementation i) {
        return i.runner() == null
                ? null
                : new ImplementationRecord.Runner(i.runner().name(), i.runner().version());
    }

    private BenchmarkResult.Builder base() {
        return identity(c).work(work());
    }

    BenchmarkResult error(String why) {
        return base().failed(ResultStatus.ERROR, why).build();
    }

    /** @param which the fork that failed ({@code "fork 2 of 2: "}), empty with one fork */
    BenchmarkResult verificationFailed(ForkOutcome outcome, String which) {
        return base().verification(verification(outcome.verification()))
                .failed(
                        ResultStatus.VERIFICATION_FAILED,
                        which + "output does not match the reference: "
                                + outcome.verification().message())
                .energy(null, "not measured: verification failed")
                .build();
    }

    /**
     * A measured result from its forks: the score per invocation recomputed from each fork's own batch size,
     * the per-fork records and whether the forks agree, the worst fork's verification (every fork verified
     * before it was timed), fork 1's JVM (all forks are started from one set of options).
     */
    BenchmarkResult measured(List<ForkRun> forks, EnergyOutcome energy) {
        return measured(forks, null, energy);
    }

    /**
     * As {@link #measured(List, EnergyOutcome)}, with the extra fork measured after flagged windows ({@code null}:
     * none): its windows join the interference section, marked extra; the score, the forks and the energy stay the
     * regular forks'.
     */
    BenchmarkResult measured(List<ForkRun> forks, ForkRun extra, EnergyOutcome energy) {
        List<ForkRecord> records = forks.stream().map(ForkResults::forkRecord).toList();
        String unit = forks.getFirst().run().getPrimaryResult().getScoreUnit();
        Score score = ForkResults.score(records, unit);
        ForkOutcome first = forks.getFirst().outcome();
        ForkOutcome.Verified worst = forks.stream()
                .map(f -> f.outcome().verification())
                .max(java.util.Comparator.comparingDouble(
                        v -> Double.isNaN(v.maxRelativeError()) ? Double.NEGATIVE_INFINITY : v.maxRelativeError()))
                .orElseThrow();
        return base().status(ResultStatus.OK)
                .jmh(settings(first, forks.size()))
                .timing(score, throughput(score, counts))
                .verification(verification(worst))
                .energy(energy.energyOrNull(), energy.reasonOrNull())
                .backendMetrics(ForkResults.backendMetrics(forks))
                .forks(records, ForkConsistency.of(records))
                .interference(interference(forks, extra))
                .prePackedWeights(first.prePackedWeights())
                .build();
    }

    private org.joulebench.results.record.Interference interference(List<ForkRun> forks, ForkRun extra) {
        List<InterferenceResult.TimedRun> runs = new java.util.ArrayList<>();
        for (ForkRun f : forks) {
            runs.add(new InterferenceResult.TimedRun(f.run(), f.outcome().batchSize(), false));
        }
        if (extra != null) {
            runs.add(
                    new InterferenceResult.TimedRun(extra.run(), extra.outcome().batchSize(), true));
        }
        return InterferenceResult.of(runs, profile.extraWindows());
    }

    /**
     * The group's results, each measured one with its {@link PairedRatio} against every other measured
     * implementation of the group (the same kernel, dtype and shape on the same device, forks alternating).
     */
    static List<BenchmarkResult> withPairedRatios(List<BenchmarkResult> group) {
        List<BenchmarkResult> out = new java.util.ArrayList<>();
        for (BenchmarkResult r : group) {
            List<org.joulebench.results.record.PairedRatio> ratios = new java.util.ArrayList<>();
            for (BenchmarkResult other : group) {
                if (other != r && !r.forks().isEmpty() && !other.forks().isEmpty()) {
                    ratios.add(org.joulebench.results.record.PairedRatio.of(
                            other.implementation().id(), r.forks(), other.forks()));
                }
            }
            out.add(ratios.isEmpty() ? r : r.toBuilder().pairedRatios(ratios).build());
        }
        return out;
    }

    static BenchmarkResult withOverhead(BenchmarkResult r, RunOrchestrator.Overhead o) {
        if (o == null || r.jmh() == null || r.score() == null) {
            return r;
        }
        HarnessOverhead h = o.forResult(r.jmh().batchSize(), r.score().value());
        if (org.joulebench.kernels.catalogue.NoopKernel.ID.equals(r.kernel())) {
            // the null workload is all overhead by definition: a share from two noisy runs says nothing
            h = new HarnessOverhead(h.nanosPerInvocation(), h.nanosPerBatch(), null, h.source());
        }
        return r.toBuilder().overhead(h).build();
    }

    private JmhSettings settings(ForkOutcome outcome, int forks) {
        return new JmhSettings(
                "avgt",
                forks,
                profile.warmupIterations(),
                profile.warmupMillis(),
                profile.measurementIterations(),
                measurementMillis,
                1,
                outcome.jvmArgs(),
                outcome.javaExecutable(),
                outcome.batchSize(),
                outcome.batchRule());
    }

    private Work work() {
        WorkFormulas f = c.kernel().formulas(c.dtype());
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

    static Verification verification(ForkOutcome.Verified v) {
        return new Verification(
                v.passed(),
                finiteOrNull(v.maxRelativeError()),
                finiteOrNull(v.maxAbsoluteError()),
                v.relativeTolerance(),
                v.absoluteToleranceOfRms(),
                v.seed(),
                v.message());
    }

    private static Double finiteOrNull(double d) {
        return Double.isFinite(d) ? d : null;
    }

    /** Score is ms per invocation; throughput is headline units per second, in giga. */
    static Throughput throughput(Score score, WorkCounts counts) {
        if (!"ms/op".equals(score.unit())) {
            throw new IllegalStateException("expected ms/op, JMH reported " + score.unit());
        }
        double secondsPerOp = score.value() / 1e3;
        double opsPerSecond = counts.operations() / secondsPerOp;
        double bytesPerSecond = counts.bytesMoved() / secondsPerOp;
        double headlinePerSecond = counts.headlineCount() / secondsPerOp;
        String unit = counts.headline().throughputUnit();
        Double error = score.error() == null ? null : headlinePerSecond / 1e9 * (score.error() / score.value());
        return new Throughput(headlinePerSecond / 1e9, error, unit, opsPerSecond, bytesPerSecond);
    }
}
