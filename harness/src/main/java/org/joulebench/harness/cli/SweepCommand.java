package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorSelection;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.orchestrate.BenchmarkCase;
import org.joulebench.harness.orchestrate.JvmFlags;
import org.joulebench.harness.orchestrate.Profile;
import org.joulebench.harness.orchestrate.RunOrchestrator;
import org.joulebench.harness.orchestrate.RunPlanner;
import org.joulebench.harness.orchestrate.SensorEnergyAttachment;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.ResultStatus;
import org.joulebench.results.record.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joulebench sweep}: one kernel and dtype on one backend device at a geometric series of shapes between two
 * sizes, each point verified and measured by the same orchestrator as {@code run} (same JMH forks, same energy
 * path), all in one run record marked as a sweep ({@link Sweep}), which is ranked nowhere. A command of its own
 * rather than {@code run --sweep}: its selection is one kernel, dtype and device (not {@code run}'s cross
 * product), its shapes come from two ends and a count, and its record is another kind.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Measure one kernel at a geometric series of shapes between two sizes on one device (a size sweep):"
                    + " each point verified, then timed under JMH like any result; one run record, ranked nowhere.",
            "Example: ./joulebench sweep --kernel triad --from N=4096 --to M --points 6"
        })
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", required = true, paramLabel = "ID", description = "the kernel (see `list`)")
    String kernel;

    @Option(
            names = "--dtype",
            paramLabel = "DTYPE",
            description = "its dtype (default: fp32 where the kernel defines it, else its first)")
    String dtype;

    @Option(
            names = "--backend",
            paramLabel = "ID",
            defaultValue = "cpu",
            description = "the backend (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--device", paramLabel = "ID", description = "the backend's device (default: its first)")
    String device;

    @Option(
            names = "--implementation",
            paramLabel = "ID",
            description = "one implementation (default: every available one of the device, their forks alternating)")
    String implementation;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "SIZE|DIMS",
            description = "the first point: a catalogue size (S, M, L) or dims, e.g. N=4096 or M=64,N=64,K=64")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SIZE|DIMS", description = "the last point, as --from")
    String to;

    @Option(
            names = "--points",
            paramLabel = "N",
            defaultValue = "5",
            description = "points, both ends included, " + Sweep.MIN_POINTS + " to " + Sweep.MAX_POINTS
                    + " (default: ${DEFAULT-VALUE})")
    int points;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            defaultValue = "quick",
            description = "quick, standard or submission (default: ${DEFAULT-VALUE}: a few seconds per point)")
    String profile;

    @Option(
            names = "--sensor",
            paramLabel = "SPEC",
            defaultValue = "auto",
            description = "energy sensors, as for `run` (default: ${DEFAULT-VALUE})")
    String sensor;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "folder for the run record (default: local/runs in the joulebench folder)")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the deterministic inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Profile prof = parse("--profile", profile, Profile::parse);
        Kernel k = parse("--kernel", kernel, catalogue::kernel);
        if (!k.ranked()) {
            throw usage("--kernel: " + k.id() + " is the null workload; it has no work to sweep");
        }
        DType d = dtype == null
                ? (k.dtypes().contains(DType.FP32)
                        ? DType.FP32
                        : k.dtypes().iterator().next())
                : parse("--dtype", dtype, DType::parse);
        if (!k.dtypes().contains(d)) {
            throw usage("--dtype: " + d.id() + " is not defined for " + k.id() + "; its dtypes: "
                    + k.dtypes().stream().map(DType::id).toList());
        }
        BackendProvider provider = provider();
        if (provider == null) {
            return 1;
        }
        DeviceInfo dev = device(provider);
        Sweep sweep = new Sweep(
                k.id(),
                d.id(),
                provider.id(),
                dev.id(),
                end("--from", catalogue, k, from),
                end("--to", catalogue, k, to),
                points,
                dev.kind() == org.joulebench.vocabulary.DeviceKind.CPU
                        ? cpuCaches(Path.of("/sys/devices/system/cpu/cpu0/cache"))
                        : Map.of());
        String problem = sweep.problem();
        if (problem != null) {
            throw usage(problem);
        }
        List<BenchmarkCase> cases = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map<String, Integer> dims : sweep.shapes()) {
            Shape shape = pointShape(catalogue, k, dims);
            RunPlanner.Plan plan = RunPlanner.plan(
                    catalogue,
                    List.of(new RunPlanner.Target(provider, dev.id(), implementation)),
                    List.of(k.id()),
                    Set.of(d),
                    new RunPlanner.Shapes(List.of(), Map.of(k.id(), shape)));
            cases.addAll(plan.cases());
            if (cases.isEmpty()) {
                plan.notes().forEach(n -> stderr.println("joulebench: " + n));
                stderr.println("joulebench: nothing to sweep: no available implementation of " + k.id() + "/"
                        + d.id() + " on " + provider.id() + ":" + dev.id()
                        + (implementation == null ? "" : " named " + implementation));
                return 1;
            }
        }

        Path outDir = out != null ? out : BuildInfo.home().resolve("local").resolve("runs");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw usage("--out: " + outDir + " is a file; give a folder for the run record");
        }
        String runId = RunCommand.newRunId();
        RunOrchestrator.EnergyAttachment energy = energy(stdout, warnings);
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        var harnessInfo = BuildInfo.capture();
        EnvironmentInfo environment = EnvironmentCapture.capture(Backends.providers(), JvmFlags.FORK_FLAGS);
        stdout.printf(
                Locale.ROOT,
                "joulebench sweep %s: %s %s on %s:%s, %d points from %s to %s (%d results), profile %s%n",
                runId,
                k.id(),
                d.id(),
                provider.id(),
                dev.id(),
                points,
                dimsText(sweep.from()),
                dimsText(sweep.to()),
                cases.size(),
                prof.id());
        stdout.flush();
        // the same policy as run (its bandwidth curve is what the sweep figure draws)
        Calibration calibration = org.joulebench.harness.calibrate.RunCalibration.forRun(
                environment, CalibrationStore.standard(), stdout, warnings);

        RunOrchestrator orchestrator =
                new RunOrchestrator(prof, energy, outDir.resolve("logs").resolve(runId), seed);
        // as run: the record is on disk from the first finished point on; Ctrl-C keeps it, marked interrupted
        RecordDraft draft = new RecordDraft(
                        runId,
                        prof.id(),
                        startedAt,
                        startNanos,
                        harnessInfo,
                        environment,
                        warnings,
                        calibration,
                        outDir.resolve("run-" + runId + ".json"),
                        cases.size(),
                        stderr)
                .sweep(sweep);
        try (RunInterruption interruption = RunInterruption.install(draft);
                PointLines lines = new PointLines(stdout)) {
            RunOrchestrator.Listener recorded = lines.recordingInto(draft);
            RunOrchestrator.OverheadSource overhead =
                    orchestrator.measureOverheads(List.of(cases.getFirst()), catalogue, recorded);
            orchestrator.runAll(cases, recorded, overhead);
        }
        List<BenchmarkResult> results = draft.results();
        stdout.println();
        stdout.print(SummaryTable.render(results));
        stdout.println();
        RecordSaver saver = new RecordSaver(stdout, stderr, null, RecordSaver.defaultFallbacks());
        Path written = draft.writeFinal(stdout, stderr, saver);
        if (written == null) {
            return 1;
        }
        stdout.println("Figure: ./joulebench figure --sweep " + written.toAbsolutePath());
        long failed =
                results.stream().filter(r -> r.status() != ResultStatus.OK).count();
        if (failed > 0 || results.size() < cases.size()) {
            stderr.println("joulebench: " + failed + " of " + cases.size() + " points failed or did not run (see the"
                    + " table above); everything measured was written");
            return 1;
        }
        return 0;
    }

    /** One end of the sweep: a catalogue size's dims or dims given as text, checked against the kernel. */
    private Map<String, Integer> end(String option, KernelCatalogue catalogue, Kernel k, String text) {
        String t = text.strip();
        try {
            if (t.matches("(?i)[SML]")) {
                return catalogue.shape(k.id(), Size.parse(t)).dims();
            }
            return catalogue.customShape(k.id(), t).dims();
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    /** A point of the series as a shape the kernel accepts (its own checks, e.g. a group size dividing K). */
    private Shape pointShape(KernelCatalogue catalogue, Kernel k, Map<String, Integer> dims) {
        try {
            return catalogue.customShape(k.id(), dimsText(dims));
        } catch (IllegalArgumentException e) {
            throw usage("the sweep's point " + dimsText(dims) + " is not a shape of " + k.id() + ": " + e.getMessage()
                    + "; choose other ends or another number of points");
        }
    }

    /**
     * The data and unified caches of one CPU by level ({@code L1d}, {@code L2}, {@code L3}) from the sysfs folder
     * {@code dir} ({@code index*}/{@code level}, {@code type}, {@code size}: "48K", "32768K", "2M"); what cannot be
     * read is left out.
     */
    static Map<String, Long> cpuCaches(Path dir) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                int level = Integer.parseInt(
                        Files.readString(index.resolve("level")).strip());
                String type = Files.readString(index.resolve("type")).strip();
                String size = Files.readString(index.resolve("size")).strip().toUpperCase(Locale.ROOT);
                if (type.equals("Instruction")) {
                    continue;
                }
                long unit = size.endsWith("K") ? 1024 : size.endsWith("M") ? 1024 * 1024 : 1;
                long bytes = Long.parseLong(unit == 1 ? size : size.substring(0, size.length() - 1)) * unit;
                if (bytes > 0) {
                    out.put("L" + level + (type.equals("Data") ? "d" : ""), bytes);
                }
            } catch (IOException | RuntimeException e) {
                // an absent index or an unreadable field: that level stays unknown
            }
        }
        return out;
    }

    static String dimsText(Map<String, Integer> dims) {
        StringBuilder b = new StringBuilder();
        dims.forEach(
                (n, v) -> b.append(b.isEmpty() ? "" : ",").append(n).append('=').append(v));
        return b.toString();
    }

    private BackendProvider provider() {
        List<BackendProvider> providers = Backends.providers();
        List<String> ids = providers.stream().map(BackendProvider::id).toList();
        BackendProvider p = providers.stream()
                .filter(x -> x.id().equals(backend))
                .findFirst()
                .orElseThrow(() -> usage(KnownBackends.unknown(backend, ids, System.getenv())));
        if (!p.availability().available()) {
            spec.commandLine()
                    .getErr()
                    .println("joulebench: backend " + p.id() + " unavailable: "
                            + p.availability().reason());
            return null;
        }
        return p;
    }

    private DeviceInfo device(BackendProvider p) {
        List<DeviceInfo> devices = p.devices();
        if (devices.isEmpty()) {
            throw usage("--backend: " + p.id() + " has no device");
        }
        if (device == null) {
            return devices.getFirst();
        }
        return devices.stream()
                .filter(x -> x.id().equals(device))
                .findFirst()
                .orElseThrow(() -> usage("--device: " + p.id() + " has no device '" + device + "'; its devices: "
                        + devices.stream().map(DeviceInfo::id).toList()));
    }

    /** The energy path {@code run} takes for the same {@code --sensor}. */
    private RunOrchestrator.EnergyAttachment energy(PrintWriter stdout, List<String> warnings) {
        if ("none".equalsIgnoreCase(sensor.strip())) {
            stdout.println("energy: none selected (--sensor none)");
            return RunOrchestrator.NO_ENERGY;
        }
        EnergySensors sensors = EnergySensors.discover();
        SensorSelection selection;
        try {
            selection = sensors.resolve(sensor, SensorOptions.none());
        } catch (IllegalArgumentException e) {
            throw usage("--sensor: " + e.getMessage());
        }
        stdout.println("energy: " + selection.explanation());
        if (selection.isEmpty()) {
            warnings.add("no energy sensor: " + selection.explanation());
            return RunOrchestrator.NO_ENERGY;
        }
        return new SensorEnergyAttachment(sensors, selection);
    }

    private <T> T parse(String option, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** One line per point as it starts and finishes: its dims, working set and result. */
    static final class PointLines implements RunProgress {
        private final PrintWriter out;

        PointLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(BenchmarkCase c, int index, int total) {
            out.printf(
                    Locale.ROOT,
                    "[%d/%d] %s (working set %s) ...%n",
                    index + 1,
                    total,
                    c.label(),
                    org.joulebench.harness.calibrate.CalibrationSummary.bytesText(
                            c.kernel().work(c.shape(), c.dtype()).bytesMoved()));
            out.flush();
        }

        @Override
        public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
            out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", index + 1, total, c.shapeText(), SummaryTable.oneLine(r));
            out.flush();
        }

        @Override
        public void note(String message) {
            out.println("joulebench: " + message);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
