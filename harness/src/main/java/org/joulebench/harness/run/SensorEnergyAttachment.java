package org.joulebench.harness.run;

import java.nio.file.Path;
import org.joulebench.harness.energy.EnergyProfiler;
import org.joulebench.harness.energy.EnergyQuality;
import org.joulebench.harness.energy.EnergyRecords;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorSelection;
import org.joulebench.kernels.WorkCounts;
import org.openjdk.jmh.results.RunResult;

/** Attaches the energy profiler with the selected sensors to every JMH run, and reads its figures back. */
public final class SensorEnergyAttachment implements RunOrchestrator.EnergyAttachment {
    private final SensorSelection selection;
    private final Path detailsDir;
    private final long minimumIterationMillis;

    /**
     * @param detailsDir a folder of this run only: forks write their sensor details there
     */
    public SensorEnergyAttachment(EnergySensors sensors, SensorSelection selection, Path detailsDir) {
        this.selection = selection;
        this.detailsDir = detailsDir;
        this.minimumIterationMillis = EnergyQuality.minimumIterationMillis(sensors, selection);
    }

    public SensorSelection selection() {
        return selection;
    }

    /** The sensors' options plus the case's device identity, so a device sensor opens only that device. */
    @Override
    public RunOrchestrator.ProfilerSpec profiler(BenchmarkCase c) {
        String options = selection.profilerOptions(detailsDir);
        if (c.device().hardwareId() != null) {
            options = options + ";targetDevice=" + c.device().hardwareId();
        }
        return new RunOrchestrator.ProfilerSpec(EnergyProfiler.class, options);
    }

    @Override
    public long minimumIterationMillis() {
        return minimumIterationMillis;
    }

    @Override
    public RunOrchestrator.EnergyOutcome energy(RunResult run, WorkCounts work, int invocationsPerOp) {
        // TODO(spine v2 energy): per-invocation figures once EnergyRecords takes invocationsPerOp
        var outcome = EnergyRecords.fromJmh(
                run,
                detailsDir,
                work.headlineCount() * invocationsPerOp,
                work.headline().name());
        return new RunOrchestrator.EnergyOutcome(outcome.energyOrNull(), outcome.reasonOrNull());
    }
}
