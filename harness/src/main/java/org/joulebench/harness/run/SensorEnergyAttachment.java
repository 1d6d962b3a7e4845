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

    @Override
    public RunOrchestrator.ProfilerSpec profiler() {
        return new RunOrchestrator.ProfilerSpec(EnergyProfiler.class, selection.profilerOptions(detailsDir));
    }

    @Override
    public long minimumIterationMillis() {
        return minimumIterationMillis;
    }

    @Override
    public RunOrchestrator.EnergyOutcome energy(RunResult run, WorkCounts work) {
        var outcome = EnergyRecords.fromJmh(
                run, detailsDir, work.headlineCount(), work.headline().name());
        return new RunOrchestrator.EnergyOutcome(outcome.energyOrNull(), outcome.reasonOrNull());
    }
}
