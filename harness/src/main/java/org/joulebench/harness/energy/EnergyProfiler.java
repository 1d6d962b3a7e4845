package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.SensorInfo;
import org.joulebench.energy.spi.SensorOptions;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * JMH profiler: reads energy sensors inside the fork before and after every measurement iteration
 * (warm-up iterations are not measured), after an idle window measured once before the first iteration.
 * Each measured iteration returns one {@link EnergyReportResult}: the sensors, the raw readings of every
 * domain's window (cumulative joules or power samples, timestamps, device conditions) and any errors,
 * which JMH carries to the parent, where {@link EnergyRecords#fromJmh} turns them into the record's energy
 * section. For people reading JMH's own output it also reports J per JMH operation and W per domain
 * ({@link EnergyLabels}); the harness does not read those.
 *
 * <p>The "after" reading follows the end of the iteration, which JMH only reaches after the benchmark
 * method has returned; backends' {@code run()} blocks until the device has finished, so device work
 * falls inside the window.
 *
 * <p>Use: {@code -prof org.joulebench.harness.energy.EnergyProfiler:sensor=auto;idleMillis=2000}.
 */
public final class EnergyProfiler implements InternalProfiler {
    private final SensorOptions options;
    private final String sensorSpec;
    private final Long idleMillisOption;

    private String benchmarkId;
    private EnergyMeter meter;
    private EnergyReport.Setup setup;
    private int measured;

    public EnergyProfiler() throws ProfilerException {
        this("");
    }

    public EnergyProfiler(String initLine) throws ProfilerException {
        try {
            this.options = SensorOptions.parse(initLine);
            this.sensorSpec = options.get("sensor", "auto");
            SensorSpec.parse(sensorSpec); // fail fast on a malformed spec
            this.idleMillisOption = options.get("idleMillis").isPresent() ? options.getLong("idleMillis", 0) : null;
            if (idleMillisOption != null && idleMillisOption < 0) {
                throw new IllegalArgumentException("idleMillis must be >= 0");
            }
        } catch (IllegalArgumentException e) {
            throw new ProfilerException(e.getMessage());
        }
    }

    @Override
    public String getDescription() {
        return "joulebench energy per operation. Options (key=value, separated by ';'): "
                + "sensor=auto|rapl|msr|nvml|ptd:HOST:PORT|ptd:ID=HOST:PORT,ID=HOST:PORT|model|<plug-in id>[,...]"
                + " (default auto: best per domain); "
                + "devices=<hardware id>[,...] the devices the benchmark runs on (PCI bus id, GPU UUID or"
                + " cpu-socket:N): NVML opens only these GPUs, and only their domains count as DEVICE scope; "
                + "idleMillis=<ms> idle window before the first iteration (default max(1000, sensor minimum window), 0 = none); "
                + "tdpWatts=<W> for the model ESTIMATE (default assumes "
                + org.joulebench.harness.energy.model.ModelEstimateSensor.DEFAULT_WATTS_PER_CPU
                + " W per logical CPU); powercapRoot=<dir> (/sys/class/powercap); msrRoot=<dir> (/dev/cpu); "
                + "cpuVendor=intel|amd; nvmlLibrary=<lib> (libnvidia-ml.so.1); nvmlDevices=<PCI bus id or UUID>[,...]; "
                + "nvmlSampleMillis=<ms>; ptdTimeoutMillis=<ms>; ptdDomain=<domain> (node-wall). "
                + "Results: " + EnergyReportResult.LABEL + " (typed, read by joulebench) and "
                + "energy.<sensor>.<tier>.<domain>.{J/op,W} per JMH operation.";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (meter == null || !benchmarkParams.id().equals(benchmarkId)) {
            start(benchmarkParams);
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT) {
            meter.begin("joulebench-" + shortName(benchmarkParams.getBenchmark()) + "-" + (measured + 1));
        }
    }

    private void start(BenchmarkParams params) {
        closeMeter();
        benchmarkId = params.id();
        measured = 0;
        EnergySensors all = EnergySensors.discover();
        List<String> ids;
        String selection;
        SensorOptions opts = options;
        Map<String, String> openFailures = Map.of();
        try {
            SensorSelection sel = all.resolve(sensorSpec, options);
            ids = sel.sensorIds();
            opts = sel.options();
            selection = options.get("selection", sel.explanation());
        } catch (IllegalArgumentException e) {
            ids = List.of();
            selection = sensorSpec;
            openFailures = Map.of(sensorSpec, e.getMessage());
        }
        EnergySensors.Opened opened = all.open(ids, opts);
        if (!opened.failures().isEmpty()) {
            openFailures = opened.failures();
        }
        if (!opened.notApplicable().isEmpty()) {
            List<String> left = new ArrayList<>();
            opened.notApplicable().forEach((id, why) -> left.add(id + ": " + why));
            selection = selection + " [left out: " + String.join(", ", left) + "]";
        }
        meter = new EnergyMeter(opened.sensors());
        List<SensorInfo> infos =
                opened.sensors().stream().map(EnergySensor::info).toList();
        long minWindow = EnergyQuality.minimumIterationMillis(infos);
        long idleMillis = idleMillisOption != null ? idleMillisOption : Math.min(30_000, Math.max(1000, minWindow));
        // Idle before the timed phase: no benchmark thread runs between iterations.
        List<EnergyMeter.DomainWindow> idle =
                idleMillis > 0 && !opened.sensors().isEmpty()
                        ? meter.idle(idleMillis).domains()
                        : List.of();
        setup = new EnergyReport.Setup(
                benchmarkId,
                selection,
                opts.targetDevices(),
                infos.stream()
                        .map(i -> new EnergyReport.SensorEntry(i, EnergyQuality.minimumWindowMillis(i)))
                        .toList(),
                openFailures,
                idleMillis,
                idle);
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        EnergyMeter.Window window = meter.end();
        measured++;
        long allOps = result.getMetadata().getAllOps();
        long measuredOps = result.getMetadata().getMeasuredOps();
        List<Result<?>> out = new ArrayList<>();
        out.add(new EnergyReportResult(
                List.of(new EnergyReport(setup, measured, allOps, measuredOps, window.domains(), window.warnings()))));
        for (EnergyMeter.DomainWindow w : window.domains()) {
            Double joules = w.joules();
            if (joules == null || allOps <= 0) {
                continue;
            }
            String tier = tierOf(w.sensorId());
            // J per JMH operation over all operations of the iteration: the window spans all of them.
            out.add(new ScalarResult(
                    EnergyLabels.label(w.sensorId(), tier, w.domain(), EnergyLabels.JOULES_PER_OP),
                    joules / allOps,
                    "J/op",
                    AggregationPolicy.AVG));
            if (w.seconds() > 0) { // a zero-length window has no average power (never NaN or infinity)
                out.add(new ScalarResult(
                        EnergyLabels.label(w.sensorId(), tier, w.domain(), EnergyLabels.WATTS),
                        joules / w.seconds(),
                        "W",
                        AggregationPolicy.AVG));
            }
        }
        if (measured >= iterationParams.getCount()) {
            closeMeter();
        }
        return out;
    }

    private String tierOf(String sensorId) {
        return setup.sensors().stream()
                .filter(e -> e.info().id().equals(sensorId))
                .map(e -> e.info().tier().name())
                .findFirst()
                .orElse("?");
    }

    private void closeMeter() {
        if (meter != null) {
            meter.close();
            // keep the (closed) meter so a late afterIteration still finds its sensor list
        }
    }

    private static String shortName(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        int prev = dot > 0 ? benchmark.lastIndexOf('.', dot - 1) : -1;
        return benchmark.substring(prev + 1);
    }
}
