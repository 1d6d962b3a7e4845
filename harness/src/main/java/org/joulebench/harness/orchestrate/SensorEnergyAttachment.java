package org.joulebench.harness.orchestrate;

import java.util.List;
import org.joulebench.harness.energy.EnergyOutcome;
import org.joulebench.harness.energy.EnergyProfiler;
import org.joulebench.harness.energy.EnergyQuality;
import org.joulebench.harness.energy.EnergyRecords;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorSelection;
import org.joulebench.kernels.WorkCounts;

/** Attaches the energy profiler with the selected sensors to every JMH run, and reads its figures back. */
public final class SensorEnergyAttachment implements RunOrchestrator.EnergyAttachment {
    private final SensorSelection selection;
    private final long minimumIterationMillis;

    public SensorEnergyAttachment(EnergySensors sensors, SensorSelection selection) {
        this.selection = selection;
        this.minimumIterationMillis = EnergyQuality.minimumIterationMillis(sensors, selection);
    }

    public SensorSelection selection() {
        return selection;
    }

    /**
     * The sensors' options plus the case's device identity ({@code devices=<hardware id>}), so a device
     * sensor opens only that device and only its domains are DEVICE scope.
     */
    @Override
    public RunOrchestrator.ProfilerSpec profiler(BenchmarkCase c) {
        String hardwareId = c.device().hardwareId();
        return new RunOrchestrator.ProfilerSpec(
                EnergyProfiler.class, selection.profilerOptions(hardwareId == null ? List.of() : List.of(hardwareId)));
    }

    @Override
    public long minimumIterationMillis() {
        return minimumIterationMillis;
    }

    @Override
    public EnergyOutcome energy(List<ForkRun> forks, WorkCounts work) {
        List<EnergyRecords.ForkRun> runs = forks.stream()
                .map(f ->
                        new EnergyRecords.ForkRun(f.fork(), f.run(), f.outcome().batchSize()))
                .toList();
        return EnergyRecords.fromJmh(runs, work.headlineCount(), work.headline().name());
    }
}
