package org.joulebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.calibrate.CalibrationStore;
import org.joulebench.harness.calibrate.RunCalibration;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorSelection;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.orchestrate.JvmFlags;
import org.joulebench.harness.orchestrate.Profile;
import org.joulebench.harness.orchestrate.RunOrchestrator;
import org.joulebench.harness.orchestrate.RunPlanner;
import org.joulebench.harness.orchestrate.SensorEnergyAttachment;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.Calibration;
import org.joulebench.results.record.EnvironmentInfo;
import org.joulebench.results.record.ResultStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Verify, then time, catalogue kernels on the available backends under JMH and write a run record.",
            "Defaults: the quick profile, size S, every kernel and dtype, every available backend."
        })
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--backend",
            paramLabel = "ID",
            description = "backend ids, comma-separated (default: every available one)")
    List<String> backends;

    @Option(
            names = "--implementation",
            paramLabel = "ID",
            description = "implementation ids, comma-separated (e.g. ours,cublas; default: every available one of"
                    + " each device; see `list`)")
    List<String> implementations;

    @Option(
            names = "--kernel",
            paramLabel = "ID",
            description = "kernel ids, comma-separated (default: all; see `list`)")
    List<String> kernels;

    @Option(names = "--size", paramLabel = "S|M|L", description = "sizes, comma-separated (default: S)")
    List<String> sizes;

    @Option(
            names = "--dtype",
            paramLabel = "DTYPE",
            description = "fp32, fp16, bf16, int8, int4; comma-separated (default: all)")
    List<String> dtypes;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            defaultValue = "quick",
            description = "quick, standard or submission (default: ${DEFAULT-VALUE})")
    String profile;

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

    @Option(
            names = "--sensor",
            paramLabel = "SPEC",
            defaultValue = "auto",
            description = "energy sensors: auto, rapl, msr, nvml, ptd:HOST:PORT, model, none, or a comma list of"
                    + " sensor ids (default: ${DEFAULT-VALUE}: the best available per domain; the model estimate only"
                    + " when nothing can be read)")
    String sensor;

    @Option(
            names = "--jmh-json",
            paramLabel = "FILE",
            description = "also write JMH's own result JSON (per-invocation scores; energy as secondary metrics)")
    Path jmhJson;

    @Option(
            names = "--tdp-watts",
            paramLabel = "W",
            converter = TdpWatts.class,
            description = "declared CPU power for the model estimate, a finite number above 0 and at most "
                    + TdpWatts.MAX_WATTS + " (default: an assumption per logical CPU, recorded as such)")
    Double tdpWatts;

    /** {@code --tdp-watts}: checked when the command line is parsed, before anything runs. */
    static final class TdpWatts implements CommandLine.ITypeConverter<Double> {
        /** Most watts a declared TDP may be: no CPU package or single node draws 10 kW. */
        static final double MAX_WATTS = 10_000;

        @Override
        public Double convert(String value) {
            double w;
            try {
                w = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of watts");
            }
            if (!Double.isFinite(w) || w <= 0 || w > MAX_WATTS) {
                throw new CommandLine.TypeConversionException("'" + value + "' watts: give a finite number above 0"
                        + " and at most " + (long) MAX_WATTS + " (the CPU's TDP, e.g. 205)");
            }
            return w;
        }
    }

    /** The external backend's runner: the provider (and, through its fork options, the fork) reads the property. */
    @Option(
            names = "--runner",
            paramLabel = "CMD|FILE",
            description = "the external backend's runner: a command line ('python3 my_runner.py') or a runner"
                    + " descriptor .json file (backends/external/PROTOCOL.md)")
    void runner(String runner) {
        System.setProperty("joulebench.runner", runner);
    }

    @Option(
            names = "--pairs",
            paramLabel = "N",
            description = "forks per implementation where several implementations of one kernel, dtype and shape"
                    + " are compared (their forks alternate; the paired ratio's interval comes from these pairs);"
                    + " default: the profile's (quick 1, standard 4, submission 5), at least its forks")
    void pairs(int n) {
        if (n < 1 || n > MAX_PAIRS) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--pairs " + n + ": give a number of forks from 1 to " + MAX_PAIRS);
        }
        this.pairs = n;
    }

    /** Most forks per implementation of a comparison: beyond this the JVM starts dominate the run. */
    static final int MAX_PAIRS = 20;

    private Integer pairs;

    @Option(names = "--no-site", description = "do not refresh the local leaderboard (local/site) after the run")
    boolean noSite;

    @Option(
            names = "--shape",
            paramLabel = "DIMS",
            description = "a custom shape by its dims, e.g. M=4096,N=4096,K=1024, for each --kernel (instead of"
                    + " --size); the dims must be exactly the kernel's (see `list`)")
    String shapeDims;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Selection sel = parseSelection(catalogue);
        List<BackendProvider> providers = Backends.providers();
        List<String> warnings = new ArrayList<>();
        Targets targets = targets(providers, stderr, warnings);
        RunPlanner.Plan plan = RunPlanner.plan(catalogue, targets.list(), sel.kernelIds(), sel.dtypes(), sel.shapes());
        if (!sel.isDefault()) {
            plan.notes().forEach(n -> stderr.println("joulebench: " + n));
        }
        if (plan.cases().isEmpty()) {
            stderr.println("joulebench: nothing to run for this selection");
            return 1;
        }

        Path outDir = out != null ? out : BuildInfo.home().resolve("local").resolve("runs");
        if (java.nio.file.Files.exists(outDir) && !java.nio.file.Files.isDirectory(outDir)) {
            throw usage("--out: " + outDir + " is a file; give a folder for the run record");
        }
        String runId = newRunId();
        Path workDir = outDir.resolve("logs").resolve(runId); // JMH output of each case
        EnergyChoice energy = energyChoice(warnings);

        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        // The revision (and whether the tree was dirty) as the run starts: what was built and is running.
        var harnessInfo = BuildInfo.capture();
        // The machine, once per run: only the providers' cheap calls, no native library opened here.
        EnvironmentInfo environment = EnvironmentCapture.capture(providers, JvmFlags.FORK_FLAGS);
        stdout.printf(
                "joulebench run %s: %d results, profile %s%n",
                runId, plan.cases().size(), sel.profile().id());
        stdout.println(energy.line());
        stdout.flush();
        Calibration calibration = RunCalibration.forRun(environment, CalibrationStore.standard(), stdout, warnings);

        Profile.Timing timing = sel.profile().timing();
        if (pairs != null) {
            timing = timing.withPairedForks(pairs);
        }
        RunOrchestrator orchestrator = new RunOrchestrator(timing, energy.attachment(), workDir, seed);
        org.joulebench.harness.jmh.JmhJson jmh = new org.joulebench.harness.jmh.JmhJson();
        orchestrator.onJmhResult(jmh::add);
        // The record is on disk from the first finished result on, rewritten as each finishes: a killed run
        // keeps what finished; Ctrl-C writes it marked interrupted (RunInterruption).
        RecordDraft draft = new RecordDraft(
                runId,
                sel.profile().id(),
                startedAt,
                startNanos,
                harnessInfo,
                environment,
                warnings,
                calibration,
                outDir.resolve("run-" + runId + ".json"),
                plan.cases().size(),
                stderr);
        try (RunInterruption interruption = RunInterruption.install(draft);
                RunProgress progress = RunProgress.create(stdout, plan.cases().size())) {
            RunOrchestrator.Listener recorded = progress.recordingInto(draft);
            RunOrchestrator.OverheadSource overhead = orchestrator.measureOverheads(plan.cases(), catalogue, recorded);
            orchestrator.runAll(plan.cases(), recorded, overhead);
        }
        List<BenchmarkResult> results = draft.results();
        stdout.println();
        stdout.print(SummaryTable.render(results));
        SummaryTable.backendMetricLines(results).forEach(stdout::println);
        SummaryTable.pairedRatioLines(results).forEach(stdout::println);
        SummaryTable.overheadLines(results).forEach(stdout::println);
        stdout.println();
        RecordSaver saver = new RecordSaver(stdout, stderr, terminalInput(), RecordSaver.defaultFallbacks());
        Path written = draft.writeFinal(stdout, stderr, saver);
        if (jmhJson != null) {
            jmh.write(jmhJson);
            stdout.println("JMH result JSON: " + jmhJson.toAbsolutePath());
        }
        if (written == null) {
            return 1;
        }
        if (!noSite) {
            refreshSite(written, stdout, stderr);
        }
        return exitCode(results, plan.cases().size(), targets.requestedUnavailable(), stderr);
    }

    /** What to run: profile, kernels, dtypes, sizes or a custom shape. Bad names are usage errors (2). */
    record Selection(
            Profile profile, List<String> kernelIds, Set<DType> dtypes, RunPlanner.Shapes shapes, boolean isDefault) {}

    private Selection parseSelection(KernelCatalogue catalogue) {
        Profile prof = Names.parse(spec, "--profile", List.of(profile), Profile::parse)
                .iterator()
                .next();
        Set<Size> sizeSet = Names.parse(spec, "--size", sizes, Size::parse);
        Set<DType> dtypeSet = Names.parse(spec, "--dtype", dtypes, DType::parse);
        List<String> kernelIds = List.copyOf(Names.parse(
                spec, "--kernel", kernels, id -> catalogue.kernel(id).id()));
        if (!dtypeSet.isEmpty() && !kernelIds.isEmpty()) {
            boolean any = kernelIds.stream()
                    .anyMatch(k -> catalogue.kernel(k).dtypes().stream().anyMatch(dtypeSet::contains));
            if (!any) {
                throw usage("--dtype: none of "
                        + dtypeSet.stream().map(DType::id).toList() + " is defined for "
                        + kernelIds + "; their dtypes: "
                        + kernelIds.stream()
                                .map(k -> k + "="
                                        + catalogue.kernel(k).dtypes().stream()
                                                .map(DType::id)
                                                .toList())
                                .toList());
            }
        }
        RunPlanner.Shapes shapes = RunPlanner.Shapes.ofSizes(List.copyOf(sizeSet));
        if (shapeDims != null) {
            if (kernelIds.isEmpty()) {
                throw usage("--shape needs --kernel: the dims are checked against each kernel's");
            }
            if (!sizeSet.isEmpty()) {
                throw usage("--shape and --size exclude each other: a custom shape replaces the size classes");
            }
            java.util.Map<String, org.joulebench.kernels.Shape> custom = new java.util.LinkedHashMap<>();
            for (String k : kernelIds) {
                try {
                    custom.put(k, catalogue.customShape(k, shapeDims));
                } catch (IllegalArgumentException e) {
                    throw usage("--shape: " + e.getMessage());
                }
            }
            shapes = new RunPlanner.Shapes(List.of(), custom);
        }
        boolean isDefault = kernelIds.isEmpty()
                && dtypeSet.isEmpty()
                && Names.split(backends).isEmpty();
        return new Selection(prof, kernelIds, dtypeSet, shapes, isDefault);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The available providers selected by {@code --backend}; whether a named one was unavailable. */
    record Targets(List<RunPlanner.Target> list, boolean requestedUnavailable) {}

    private Targets targets(List<BackendProvider> providers, PrintWriter stderr, List<String> warnings) {
        List<String> providerIds = providers.stream().map(BackendProvider::id).toList();
        List<String> wanted = Names.split(backends);
        for (String b : wanted) {
            if (!providerIds.contains(b)) {
                throw usage(KnownBackends.unknown(b, providerIds, System.getenv()));
            }
        }
        Set<String> wantedImplementations = new java.util.LinkedHashSet<>(Names.split(implementations));
        if (!wantedImplementations.isEmpty()) {
            // the providers' cheap calls only: every implementation any selected provider lists on any device
            Set<String> known = new java.util.TreeSet<>();
            for (BackendProvider p : providers) {
                if (wanted.isEmpty() || wanted.contains(p.id())) {
                    try {
                        p.devices().forEach(d -> p.implementations(d).forEach(i -> known.add(i.id())));
                    } catch (RuntimeException e) {
                        // a provider that cannot list its devices here names none; its unavailability is said below
                    }
                }
            }
            for (String id : wantedImplementations) {
                // none listed (no device here): the backend's unavailability is the message, said below
                if (!known.isEmpty() && !known.contains(id)) {
                    throw usage("--implementation: unknown implementation '" + id + "'; the selected backends have "
                            + String.join(", ", known) + " (see `list`)");
                }
            }
        }
        boolean requestedUnavailable = false;
        List<RunPlanner.Target> list = new ArrayList<>();
        for (BackendProvider p : providers) {
            boolean explicit = wanted.contains(p.id());
            if (!wanted.isEmpty() && !explicit) {
                continue;
            }
            var availability = p.availability();
            if (!availability.available()) {
                String msg = "backend " + p.id() + " unavailable: " + availability.reason();
                if (explicit) {
                    stderr.println("joulebench: " + msg);
                    requestedUnavailable = true;
                }
                warnings.add(msg);
                continue;
            }
            list.add(new RunPlanner.Target(p, null, wantedImplementations));
        }
        return new Targets(list, requestedUnavailable);
    }

    /** The energy attachment chosen by {@code --sensor}, and the line that says what it is. */
    record EnergyChoice(RunOrchestrator.EnergyAttachment attachment, String line) {}

    private EnergyChoice energyChoice(List<String> warnings) {
        if ("none".equalsIgnoreCase(sensor.strip())) {
            return new EnergyChoice(RunOrchestrator.NO_ENERGY, "energy: none selected (--sensor none)");
        }
        // Sensors are resolved before anything starts, so a bad --sensor is a usage error (exit 2).
        EnergySensors sensors = EnergySensors.discover();
        SensorOptions sensorOptions = tdpWatts == null
                ? SensorOptions.none()
                : SensorOptions.none().with("tdpWatts", Double.toString(tdpWatts));
        SensorSelection selection;
        try {
            selection = sensors.resolve(sensor, sensorOptions);
        } catch (IllegalArgumentException e) {
            throw usage("--sensor: " + e.getMessage());
        }
        if (selection.isEmpty()) {
            warnings.add("no energy sensor: " + selection.explanation());
            return new EnergyChoice(RunOrchestrator.NO_ENERGY, "energy: " + selection.explanation());
        }
        return new EnergyChoice(new SensorEnergyAttachment(sensors, selection), "energy: " + selection.explanation());
    }

    private static void refreshSite(Path written, PrintWriter stdout, PrintWriter stderr) {
        // Refresh the local leaderboard with this run among the committed results. A failure here
        // loses nothing: the record is already written.
        try {
            Path index = LocalSite.build(LocalSite.defaultOut(), List.of(written), stdout);
            stdout.println("Leaderboard: " + index.toAbsolutePath().toUri());
        } catch (IOException | RuntimeException e) {
            stderr.println("joulebench: could not refresh the local leaderboard: " + e.getMessage());
        }
    }

    private static int exitCode(
            List<BenchmarkResult> results, int planned, boolean requestedUnavailable, PrintWriter stderr) {
        long failed =
                results.stream().filter(r -> r.status() != ResultStatus.OK).count();
        if (failed > 0) {
            stderr.println("joulebench: " + failed + " of " + results.size()
                    + " results failed (see the table above); everything measured was written");
        }
        if (results.size() < planned) {
            stderr.println("joulebench: only " + results.size() + " of " + planned + " results ran");
            return 1;
        }
        return failed > 0 || requestedUnavailable ? 1 : 0;
    }

    /** The user's answers when there is a terminal to ask (else {@code null}). */
    private static java.io.BufferedReader terminalInput() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal()
                ? new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()))
                : null;
    }

    static String newRunId() {
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return ts + "-" + HexFormat.of().formatHex(suffix);
    }
}
