package org.joulebench.harness.run;

import org.joulebench.harness.bench.ForkOutcome;
import org.joulebench.kernels.WorkCounts;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.HarnessOverhead;
import org.joulebench.results.run.ImplementationRecord;
import org.joulebench.results.run.JmhSettings;
import org.joulebench.results.run.ResultStatus;
import org.joulebench.results.run.Score;
import org.joulebench.results.run.Throughput;
import org.joulebench.results.run.Verification;
import org.joulebench.results.run.Work;
import org.openjdk.jmh.results.RunResult;

/** Builds one case's {@link BenchmarkResult} from the stage it reached: failed, or measured. */
final class ResultAssembly {
    private final BenchmarkCase c;
    private final JmhCall call;
    private final WorkCounts counts;

    ResultAssembly(BenchmarkCase c, JmhCall call) {
        this.c = c;
        this.call = call;
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
                                null),
                        c.deviceId(),
                        c.deviceName(),
                        c.device().kind().name(),
                        c.device().hardwareId());
    }

    private BenchmarkResult.Builder base() {
        return identity(c).work(work());
    }

    BenchmarkResult error(String why) {
        return base().failed(ResultStatus.ERROR, why).build();
    }

    BenchmarkResult verificationFailed(ForkOutcome outcome) {
        return base().verification(verification(outcome.verification()))
                .failed(
                        ResultStatus.VERIFICATION_FAILED,
                        "output does not match the reference: "
                                + outcome.verification().message())
                .energy(null, "not measured: verification failed")
                .build();
    }

    BenchmarkResult measured(RunResult run, ForkOutcome outcome, RunOrchestrator.EnergyOutcome energy) {
        Score score = ForkResults.scorePerInvocation(run, outcome.batchSize());
        return base().status(ResultStatus.OK)
                .jmh(settings(outcome))
                .timing(score, throughput(score, counts))
                .verification(verification(outcome.verification()))
                .energy(energy.energy(), energy.unavailableReason())
                .backendMetrics(ForkResults.backendMetrics(run, outcome))
                .interference(org.joulebench.harness.bench.interference.InterferenceResult.of(run))
                .prePackedWeights(outcome.prePackedWeights())
                .build();
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

    private JmhSettings settings(ForkOutcome outcome) {
        return new JmhSettings(
                "avgt",
                call.forks(),
                call.warmupIterations(),
                call.warmupMillis(),
                call.measurementIterations(),
                call.measurementMillis(),
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
