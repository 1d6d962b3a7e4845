package org.joulebench.harness.energy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.joulebench.energy.spi.BackendEnergySensors;
import org.joulebench.energy.spi.EnergySensor;
import org.joulebench.energy.spi.EnergySensorProvider;
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
 * Asked with {@code report=typed} (as joulebench's forks are), each measured iteration returns one {@link
 * EnergyReportResult}: the sensors, the raw readings of every domain's window (cumulative joules or power
 * samples, timestamps, device conditions) and any errors, which JMH carries to the parent, where {@link
 * EnergyRecords#fromJmh} turns them into the record's energy section. For people reading JMH's own output it
 * reports J per JMH operation and W per domain ({@link EnergyLabels}), and nothing else: from plain JMH an
 * unknown option or sensor, or a sensor that cannot be opened (a meter that does not answer, a bad {@code
 * tdpWatts}), stops the run at start with the reason. The harness does not read those rows.
 *
 * <p>The "after" reading follows the end of the iteration, which JMH only reaches after the benchmark
 * method has returned; backends' {@code run()} blocks until the device has finished, so device work
 * falls inside the window.
 *
 * <p>Use: {@code -prof org.joulebench.harness.energy.EnergyProfiler:sensor=auto;idleMillis=2000}, with
 * {@code harness/target/joulebench-harness-energy-profiler.jar} on the class path (it names the jars it needs).
 */
public final class EnergyProfiler implements InternalProfiler {
    /**
     * The option with which joulebench's own forks ask for the typed {@link EnergyReportResult} (value {@value
     * #TYPED}); without it, from plain JMH, the profiler adds only its J/op and W rows (a report has no score).
     */
    public static final String REPORT = "report";

    /** The value of {@link #REPORT}. */
    public static final String TYPED = "typed";

    /** The profiler's own option keys; a sensor's are those it declares ({@code EnergySensorProvider.optionKeys}). */
    static final Set<String> OWN_KEYS =
            Set.of("sensor", SensorOptions.TARGET_DEVICES, "idleMillis", "selection", REPORT);

    private final SensorOptions options;
    private final boolean typedReport;
    private final String sensorSpec;
    private final Long idleMillisOption;

    private String benchmarkId;
    private EnergyMeter meter;
    /** The sensors backends published ({@link BackendEnergySensors}), read around the current measured window. */
    private EnergyMeter backendMeter = new EnergyMeter(List.of());

    private EnergyReport.Setup setup;
    private int measured;

    /**
     * For JMH's discovery only ({@code ServiceLoader}: JMH instantiates every listed profiler to learn its name
     * and description, in every JMH process that uses {@code -prof}): cheap, opens nothing and never fails. A
     * profiler that measures is made with {@link #EnergyProfiler(String)}.
     */
    public EnergyProfiler() {
        this.options = SensorOptions.none();
        this.sensorSpec = "auto";
        this.idleMillisOption = null;
        this.typedReport = false;
    }

    public EnergyProfiler(String initLine) throws ProfilerException {
        requireJars();
        try {
            this.options = SensorOptions.parse(initLine);
            EnergySensors all = EnergySensors.discover();
            refuseUnknownKeys(options, all);
            this.sensorSpec = options.get("sensor", "auto");
            SensorSpec.parse(sensorSpec); // fail fast on a malformed spec
            this.idleMillisOption = options.get("idleMillis").isPresent() ? options.getLong("idleMillis", 0) : null;
            if (idleMillisOption != null && idleMillisOption < 0) {
                throw new IllegalArgumentException("idleMillis must be >= 0");
            }
            String report = options.get(REPORT, "");
            if (!report.isEmpty() && !report.equals(TYPED)) {
                throw new IllegalArgumentException(REPORT + "=" + report + ": the only value is " + TYPED);
            }
            this.typedReport = report.equals(TYPED);
            if (!typedReport) {
                // From plain JMH nobody reads a report: a sensor that cannot be honoured must stop the run here,
                // with its reason, instead of a run of rows that are not measurements. (joulebench's own forks
                // keep going and record the reason beside the timing.)
                honourableOrThrow(all);
            }
        } catch (IllegalArgumentException e) {
            throw new ProfilerException("EnergyProfiler: " + e.getMessage());
        }
    }

    /**
     * The jars the profiler needs beside jmh-core, by a class of each: named when one is missing, before
     * anything else runs (its manifest names them; a class path put together by hand may lack one).
     */
    static final Map<String, String> NEEDED = Map.of(
            "joulebench-energy-spi", "org.joulebench.energy.spi.EnergySensorProvider",
            "joulebench-vocabulary", "org.joulebench.vocabulary.Tier",
            "joulebench-results", "org.joulebench.results.names.Printable");

    private static void requireJars() throws ProfilerException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(NEEDED).entrySet()) {
            try {
                Class.forName(e.getValue(), false, EnergyProfiler.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError x) {
                missing.add(e.getKey());
            }
        }
        if (!missing.isEmpty()) {
            throw new ProfilerException("EnergyProfiler: " + missing + " not on the class path; put"
                    + " harness/target/joulebench-harness-energy-profiler.jar on it, which names the jars it needs"
                    + " (harness/target/lib/)");
        }
    }

    /** Every key is the profiler's or one a discovered sensor declares; the message names the valid ones. */
    private static void refuseUnknownKeys(SensorOptions options, EnergySensors all) {
        Set<String> valid = new TreeSet<>(OWN_KEYS);
        for (EnergySensorProvider p : all.providers()) {
            valid.addAll(p.optionKeys());
        }
        for (String key : options.values().keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; valid: " + valid);
            }
        }
    }

    /** Opens the selected sensors once and closes them: an unknown sensor, a meter that does not answer, a bad option. */
    private void honourableOrThrow(EnergySensors all) {
        SensorSelection sel = all.resolve(sensorSpec, options); // an unknown sensor id throws, naming the known ones
        if (sel.sensorIds().isEmpty()) {
            throw new IllegalArgumentException("no energy sensor can be read here: " + sel.explanation());
        }
        EnergySensors.Opened opened = all.open(sel.sensorIds(), sel.options());
        opened.sensors().forEach(EnergySensor::close);
        if (!opened.failures().isEmpty()) {
            List<String> why = new ArrayList<>();
            opened.failures().forEach((id, reason) -> why.add(id + ": " + reason));
            throw new IllegalArgumentException("cannot read " + String.join("; ", why));
        }
        if (opened.sensors().isEmpty()) {
            List<String> why = new ArrayList<>();
            opened.notApplicable().forEach((id, reason) -> why.add(id + ": " + reason));
            throw new IllegalArgumentException("no selected sensor measures these devices: " + String.join("; ", why));
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
                + "An unknown option, an unknown sensor, or a sensor that cannot be opened stops the run at start."
                + " Results: energy.<sensor>.<tier>.<domain>.{J/op,W} per JMH operation (and, with "
                + REPORT + "=" + TYPED + " as joulebench asks, " + EnergyReportResult.LABEL
                + ": the typed report it reads).";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (meter == null || !benchmarkParams.id().equals(benchmarkId)) {
            start(benchmarkParams);
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT) {
            String label = "joulebench-" + shortName(benchmarkParams.getBenchmark()) + "-" + (measured + 1);
            meter.begin(label);
            backendMeter = new EnergyMeter(BackendEnergySensors.published());
            backendMeter.begin(label);
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
        EnergyMeter.Window own = meter.end();
        EnergyMeter.Window backends = backendMeter.end();
        List<EnergyMeter.DomainWindow> domains = new ArrayList<>(own.domains());
        domains.addAll(backends.domains());
        List<String> warnings = new ArrayList<>(own.warnings());
        warnings.addAll(backends.warnings());
        EnergyMeter.Window window = new EnergyMeter.Window(domains, warnings);
        // a backend's reading covers whole batches of the work it reports on: one reading spans a window
        List<EnergyReport.SensorEntry> backendEntries = backendMeter.sensors().stream()
                .map(EnergySensor::info)
                .map(i -> new EnergyReport.SensorEntry(
                        i, i.effectiveUpdateIntervalMillis() == null ? 0 : i.effectiveUpdateIntervalMillis()))
                .toList();
        measured++;
        long allOps = result.getMetadata().getAllOps();
        long measuredOps = result.getMetadata().getMeasuredOps();
        List<Result<?>> out = new ArrayList<>();
        if (typedReport) {
            out.add(new EnergyReportResult(List.of(new EnergyReport(
                    setup, measured, allOps, measuredOps, window.domains(), window.warnings(), backendEntries))));
        }
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
        return java.util.stream.Stream.concat(
                        setup.sensors().stream().map(EnergyReport.SensorEntry::info),
                        backendMeter.sensors().stream().map(EnergySensor::info))
                .filter(i -> i.id().equals(sensorId))
                .map(i -> i.tier().name())
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
