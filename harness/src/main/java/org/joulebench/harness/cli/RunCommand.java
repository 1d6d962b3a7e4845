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
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorSelection;
import org.joulebench.harness.energy.spi.SensorOptions;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.harness.run.BenchmarkCase;
import org.joulebench.harness.run.JvmFlags;
import org.joulebench.harness.run.Profile;
import org.joulebench.harness.run.RunOrchestrator;
import org.joulebench.harness.run.RunPlanner;
import org.joulebench.harness.run.SensorEnergyAttachment;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.results.Json;
import org.joulebench.results.run.BenchmarkResult;
import org.joulebench.results.run.ResultStatus;
import org.joulebench.results.run.RunRecord;
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

    @Option(names = "--no-site", description = "do not refresh the local leaderboard (local/site) after the run")
    boolean noSite;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        KernelCatalogue catalogue = KernelCatalogue.standard();
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
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--dtype: none of " + dtypeSet.stream().map(DType::id).toList() + " is defined for "
                                + kernelIds + "; their dtypes: "
                                + kernelIds.stream()
                                        .map(k -> k + "="
                                                + catalogue.kernel(k).dtypes().stream()
                                                        .map(DType::id)
                                                        .toList())
                                        .toList());
            }
        }
        List<BackendProvider> providers = Backends.providers();
        List<String> providerIds = providers.stream().map(BackendProvider::id).toList();
        List<String> wantedBackends = Names.split(backends);
        for (String b : wantedBackends) {
            if (!providerIds.contains(b)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--backend: unknown backend '" + b + "'; valid: " + providerIds);
            }
        }

        List<String> warnings = new ArrayList<>();
        boolean requestedUnavailable = false;
        List<Backend> opened = new ArrayList<>();
        List<RunPlanner.Target> targets = new ArrayList<>();
        for (BackendProvider p : providers) {
            boolean explicit = wantedBackends.contains(p.id());
            if (!wantedBackends.isEmpty() && !explicit) {
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
            try {
                Backend b = p.create();
                opened.add(b);
                targets.add(new RunPlanner.Target(b, null));
            } catch (Exception e) {
                String msg = "backend " + p.id() + " could not be opened: " + e.getMessage();
                stderr.println("joulebench: " + msg);
                warnings.add(msg);
                requestedUnavailable |= explicit;
            }
        }
        RunPlanner.Plan plan = RunPlanner.plan(catalogue, targets, kernelIds, dtypeSet, List.copyOf(sizeSet));
        opened.forEach(Backend::close);
        if (!wantedBackends.isEmpty() || !kernelIds.isEmpty() || !dtypeSet.isEmpty()) {
            plan.notes().forEach(n -> stderr.println("joulebench: " + n));
        }
        if (plan.cases().isEmpty()) {
            stderr.println("joulebench: nothing to run for this selection");
            return 1;
        }

        Path home = BuildInfo.home();
        Path outDir = out != null ? out : home.resolve("local").resolve("runs");
        if (java.nio.file.Files.exists(outDir) && !java.nio.file.Files.isDirectory(outDir)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out: " + outDir + " is a file; give a folder for the run record");
        }
        String runId = newRunId();
        Path workDir = outDir.resolve("logs").resolve(runId); // JMH output and fork hand-off files

        // Sensors are resolved before anything starts, so a bad --sensor is a usage error (exit 2).
        RunOrchestrator.EnergyAttachment energy = RunOrchestrator.NO_ENERGY;
        String energyLine = "energy: none selected (--sensor none)";
        if (!"none".equalsIgnoreCase(sensor.strip())) {
            EnergySensors sensors = EnergySensors.discover();
            SensorOptions sensorOptions = tdpWatts == null
                    ? SensorOptions.none()
                    : SensorOptions.none().with("tdpWatts", Double.toString(tdpWatts));
            SensorSelection selection;
            try {
                selection = sensors.resolve(sensor, sensorOptions);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sensor: " + e.getMessage());
            }
            energyLine = "energy: " + selection.explanation();
            if (selection.isEmpty()) {
                warnings.add("no energy sensor: " + selection.explanation());
            } else {
                energy = new SensorEnergyAttachment(sensors, selection, workDir.resolve("energy"));
            }
        }

        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        // The revision (and whether the tree was dirty) as the run starts: what was built and is running.
        var harnessInfo = BuildInfo.capture();
        stdout.printf(
                "joulebench run %s: %d results, profile %s%n",
                runId, plan.cases().size(), prof.id());
        stdout.println(energyLine);
        stdout.flush();

        RunOrchestrator orchestrator = new RunOrchestrator(prof, energy, workDir, seed);
        // Results land here as they finish: if the run is interrupted (Ctrl-C), the shutdown hook
        // writes what was measured so far.
        List<BenchmarkResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Function<Boolean, RunRecord> snapshot = partial -> {
            // one copy: the record, its warning and what is printed all count the same results
            List<BenchmarkResult> done = List.copyOf(results);
            return new RunRecord(
                    RunRecord.CURRENT_SCHEMA_VERSION,
                    runId,
                    prof.id(),
                    startedAt,
                    Instant.now(),
                    startNanos,
                    System.nanoTime(),
                    harnessInfo,
                    EnvironmentCapture.capture(providers, JvmFlags.FORK_FLAGS),
                    done,
                    partial
                            ? java.util.stream.Stream.concat(
                                            warnings.stream(),
                                            java.util.stream.Stream.of("interrupted after " + done.size() + " of "
                                                    + plan.cases().size() + " results"))
                                    .toList()
                            : warnings);
        };
        Path written = outDir.resolve("run-" + runId + ".json");
        Thread partialWriter = new Thread(() -> {
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                RunRecord partialRecord = snapshot.apply(true);
                Path where = new RecordSaver(err, err, null, RecordSaver.defaultFallbacks())
                        .save(Json.toBytes(partialRecord), outDir.resolve("run-" + runId + ".partial.json"));
                err.println(
                        "joulebench: interrupted; " + partialRecord.results().size() + " results written to "
                                + (where == null ? "standard error above" : where.toAbsolutePath()));
            } catch (RuntimeException e) {
                err.println(
                        "joulebench: interrupted; could not write the partial record: " + ErrorMessages.describe(e));
            }
        });
        Runtime.getRuntime().addShutdownHook(partialWriter);
        try (Progress progress = Progress.create(stdout, plan.cases().size())) {
            orchestrator.runAll(plan.cases(), progress, results);
        } finally {
            Runtime.getRuntime().removeShutdownHook(partialWriter);
        }
        RunRecord record = snapshot.apply(false);
        stdout.println();
        stdout.print(SummaryTable.render(results));
        stdout.println();
        RecordSaver saver = new RecordSaver(stdout, stderr, terminalInput(), RecordSaver.defaultFallbacks());
        byte[] bytes = Json.toBytes(record);
        try {
            org.joulebench.results.SafeJsonReader.parseRunRecord(written.toString(), bytes); // as every reader does
        } catch (org.joulebench.results.InvalidJsonException e) {
            // Keep what was measured even when the record breaks the schema: write it aside, say why.
            Path aside = saver.save(bytes, outDir.resolve("run-" + runId + ".invalid.json"));
            stderr.println("joulebench: the run record does not validate against the schema (" + e.getMessage()
                    + "); written unvalidated to " + (aside == null ? "standard output" : aside.toAbsolutePath()));
            return 1;
        }
        Path saved = saver.save(bytes, written);
        if (saved == null) {
            return 1;
        }
        written = saved;
        stdout.println("Run record: " + written.toAbsolutePath());
        if (!noSite) {
            // Refresh the local leaderboard with this run among the committed results. A failure here
            // loses nothing: the record is already written.
            try {
                Path index = LocalSite.build(LocalSite.defaultOut(), List.of(written), stdout);
                stdout.println("Leaderboard: " + index.toAbsolutePath().toUri());
            } catch (IOException | RuntimeException e) {
                stderr.println("joulebench: could not refresh the local leaderboard: " + e.getMessage());
            }
        }
        long failed =
                results.stream().filter(r -> r.status() != ResultStatus.OK).count();
        if (failed > 0) {
            stderr.println("joulebench: " + failed + " of " + results.size()
                    + " results failed (see the table above); everything measured was written");
        }
        if (results.size() < plan.cases().size()) {
            stderr.println(
                    "joulebench: only " + results.size() + " of " + plan.cases().size() + " results ran");
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

    /** Progress reporting: a bar on a terminal, one plain line per result otherwise. */
    interface Progress extends RunOrchestrator.Listener, AutoCloseable {
        @Override
        void close();

        static Progress create(PrintWriter out, int total) {
            java.io.Console console = System.console();
            if (console != null && console.isTerminal()) {
                return new BarProgress(total);
            }
            return new LineProgress(out);
        }
    }

    static final class LineProgress implements Progress {
        private final PrintWriter out;

        LineProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(BenchmarkCase c, int index, int total) {
            out.printf("[%d/%d] %s ...%n", index + 1, total, c.label());
            out.flush();
        }

        @Override
        public void note(String message) {
            out.println("joulebench: " + message);
            out.flush();
        }

        @Override
        public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
            out.printf("[%d/%d] %s: %s%n", index + 1, total, c.label(), SummaryTable.oneLine(r));
            out.flush();
        }

        @Override
        public void close() {}
    }

    static final class BarProgress implements Progress {
        private final me.tongfei.progressbar.ProgressBar bar;

        BarProgress(int total) {
            bar = new me.tongfei.progressbar.ProgressBarBuilder()
                    .setTaskName("joulebench")
                    .setInitialMax(total)
                    .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII)
                    .continuousUpdate()
                    .build();
        }

        @Override
        public void started(BenchmarkCase c, int index, int total) {
            bar.setExtraMessage(" " + c.label());
        }

        @Override
        public void note(String message) {
            bar.setExtraMessage(" " + message);
        }

        @Override
        public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
