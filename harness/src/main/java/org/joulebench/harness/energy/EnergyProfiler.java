package org.joulebench.harness.energy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joulebench.energy.spi.EnergySensor;
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
 * (warm-up iterations are not measured) and reports per sensor domain energy (J), energy per operation
 * (J/op, the iteration's operation count from JMH's metadata) and mean power (W), plus the idle power
 * measured once before the first iteration. Text details go to a details file (see {@link
 * EnergyDetailsFile}); {@link EnergyRecords#fromJmh} turns both into the run record's energy section.
 *
 * <p>The "after" reading follows the end of the iteration, which JMH only reaches after the benchmark
 * method has returned; backends' {@code run()} blocks until the device has finished, so device work
 * falls inside the window.
 *
 * <p>Use: {@code -prof org.joulebench.harness.energy.EnergyProfiler:sensor=auto;idleMillis=2000}.
 */
public final class EnergyProfiler implements InternalProfiler {
    /** Default folder for details files; {@link EnergyRecords#fromJmh(org.openjdk.jmh.results.RunResult, long, String)} looks here. */
    public static final Path DEFAULT_DETAILS_DIR = Path.of(System.getProperty("java.io.tmpdir"), "joulebench-energy");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SensorOptions options;
    private final String sensorSpec;
    private final Path detailsDir;
    private final Long idleMillisOption;

    private String benchmarkId;
    private EnergyMeter meter;
    private String selection;
    private Map<String, String> openFailures = Map.of();
    private long detailsId;
    private long idleMillis;
    private List<EnergyMeter.Channel> idle = List.of();
    private final List<EnergyDetailsFile.Iteration> iterations = new ArrayList<>();
    private int measured;

    public EnergyProfiler() throws ProfilerException {
        this("");
    }

    public EnergyProfiler(String initLine) throws ProfilerException {
        try {
            this.options = SensorOptions.parse(initLine);
            this.sensorSpec = options.get("sensor", "auto");
            SensorSpec.parse(sensorSpec); // fail fast on a malformed spec
            this.detailsDir = Path.of(options.get("detailsDir", DEFAULT_DETAILS_DIR.toString()));
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
                + "sensor=auto|rapl|msr|nvml|ptd:HOST:PORT|model|<plug-in id>[,...] (default auto: best per domain); "
                + "idleMillis=<ms> idle window before the first iteration (default max(1000, sensor minimum window), 0 = none); "
                + "detailsDir=<dir> for the per-fork details file (default " + DEFAULT_DETAILS_DIR + "); "
                + "tdpWatts=<W> for the model ESTIMATE (default assumes "
                + org.joulebench.harness.energy.model.ModelEstimateSensor.DEFAULT_WATTS_PER_CPU
                + " W per logical CPU); powercapRoot=<dir> (/sys/class/powercap); msrRoot=<dir> (/dev/cpu); "
                + "cpuVendor=intel|amd; nvmlLibrary=<lib> (libnvidia-ml.so.1); nvmlDevices=0,1; "
                + "nvmlSampleMillis=<ms>; ptdTimeoutMillis=<ms>; ptdDomain=<domain> (node-wall). "
                + "Results: energy.<sensor>.<tier>.<domain>.{J,J/op,W,s,idleW,error,shortWindow}.";
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
        iterations.clear();
        openFailures = Map.of();
        measured = 0;
        detailsId = RANDOM.nextLong(1, 1L << 52);
        EnergySensors all = EnergySensors.discover();
        List<String> ids;
        SensorOptions opts = options;
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
        meter = new EnergyMeter(opened.sensors());
        long minWindow = EnergyQuality.minimumIterationMillis(
                opened.sensors().stream().map(EnergySensor::info).toList());
        idleMillis = idleMillisOption != null ? idleMillisOption : Math.min(30_000, Math.max(1000, minWindow));
        // Idle before the timed phase: no benchmark thread runs between iterations.
        idle = idleMillis > 0 && !opened.sensors().isEmpty()
                ? meter.idle(idleMillis).channels()
                : List.of();
        writeDetails();
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
        out.add(new ScalarResult(EnergyLabels.DETAILS_ID, detailsId, "id", AggregationPolicy.MAX));
        List<EnergyMeter.Channel> channels = new ArrayList<>();
        Map<String, EnergyMeter.Channel> idleByKey = new LinkedHashMap<>();
        idle.forEach(c -> idleByKey.put(c.key(), c));
        for (EnergyMeter.Channel c : window.channels()) {
            if (c.error() == null && allOps <= 0) {
                c = new EnergyMeter.Channel(
                        c.sensorId(),
                        c.tier(),
                        c.method(),
                        c.domain(),
                        null,
                        c.seconds(),
                        "no operations counted in the iteration",
                        c.minimumWindowMillis());
            }
            channels.add(c);
            String s = c.sensorId();
            String t = c.tier();
            String d = c.domain();
            if (c.error() != null) {
                out.add(new ScalarResult(
                        EnergyLabels.label(s, t, d, EnergyLabels.ERROR), 1, "count", AggregationPolicy.SUM));
                continue;
            }
            // J/op uses all operations of the iteration: the energy window spans all of them
            // (measured ops exclude JMH's synchronisation ramps; for one thread they coincide).
            out.add(new ScalarResult(
                    EnergyLabels.label(s, t, d, EnergyLabels.JOULES), c.joules(), "J", AggregationPolicy.SUM));
            out.add(new ScalarResult(
                    EnergyLabels.label(s, t, d, EnergyLabels.JOULES_PER_OP),
                    c.joules() / allOps,
                    "J/op",
                    AggregationPolicy.AVG));
            if (c.seconds() > 0) { // a zero-length window has no average power (never NaN or infinity)
                out.add(new ScalarResult(
                        EnergyLabels.label(s, t, d, EnergyLabels.WATTS),
                        c.joules() / c.seconds(),
                        "W",
                        AggregationPolicy.AVG));
            }
            out.add(new ScalarResult(
                    EnergyLabels.label(s, t, d, EnergyLabels.SECONDS), c.seconds(), "s", AggregationPolicy.SUM));
            if (c.shortWindow()) {
                out.add(new ScalarResult(
                        EnergyLabels.label(s, t, d, EnergyLabels.SHORT_WINDOW), 1, "count", AggregationPolicy.SUM));
            }
            EnergyMeter.Channel idleChannel = idleByKey.get(c.key());
            if (idleChannel != null && idleChannel.error() == null && idleChannel.seconds() > 0) {
                out.add(new ScalarResult(
                        EnergyLabels.label(s, t, d, EnergyLabels.IDLE_WATTS),
                        idleChannel.joules() / idleChannel.seconds(),
                        "W",
                        AggregationPolicy.AVG));
            }
        }
        iterations.add(new EnergyDetailsFile.Iteration(measured, allOps, measuredOps, channels, window.warnings()));
        writeDetails();
        if (measured >= iterationParams.getCount()) {
            closeMeter();
        }
        return out;
    }

    private void writeDetails() {
        List<EnergyDetailsFile.SensorEntry> sensors = meter.sensors().stream()
                .map(s -> new EnergyDetailsFile.SensorEntry(s.info(), EnergyQuality.minimumWindowMillis(s.info())))
                .toList();
        EnergyDetailsFile file = new EnergyDetailsFile(
                EnergyDetailsFile.FORMAT_VERSION,
                benchmarkId,
                selection,
                sensors,
                openFailures,
                idleMillis,
                idle,
                iterations);
        try {
            file.write(EnergyDetailsFile.path(detailsDir, detailsId));
        } catch (IOException | RuntimeException e) {
            // The numbers still reach the parent; fromJmh says the details are missing.
            System.err.println("joulebench energy: cannot write details file in " + detailsDir + ": " + e);
        }
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
