package org.joulebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.results.check.CheckReport;
import org.joulebench.results.check.Checker;
import org.joulebench.site.DataSnapshot;
import org.joulebench.site.FigureExporter;
import org.joulebench.site.FigureRequest;
import org.joulebench.site.Metric;
import org.joulebench.site.SiteInput;
import org.joulebench.site.SnapshotArchive;
import org.joulebench.vocabulary.Tier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "figure",
        mixinStandardHelpOptions = true,
        description = {
            "Export a publication figure: one kernel and dtype, a metric against chip announcement date on a log",
            "axis, with the least-squares trend, its 95 % confidence band and the best-so-far frontier. Written as",
            "vector PDF (embedded font), SVG and 300 dpi PNG at 3.5 in and 7.16 in, pgfplots .tex + .dat for",
            "pdflatex, CSV, a caption file with the statistics, and CITATION.cff + BibTeX for the data snapshot.",
            "Rebuild a cited figure byte for byte with --snapshot HASH (and --snapshot-archive from the site)."
        })
public final class FigureCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--kind",
            defaultValue = "history",
            paramLabel = "KIND",
            description = "history (one kernel against date), grid (several kernels/dtypes sharing axes),"
                    + " compare (energy per operation per kernel for chosen systems, vendor library beside ours),"
                    + " roofline (one system, declared and measured roofs), reference (the efficiency histories with"
                    + " their sources); default: ${DEFAULT-VALUE}")
    String kind;

    @Option(names = "--kernel", paramLabel = "ID", description = "the kernel (history)")
    String kernel;

    @Option(
            names = "--panels",
            split = ",",
            paramLabel = "KERNEL:DTYPE",
            description = "the grid's panels, e.g. gemm:fp32,gemm:fp16,softmax:fp32")
    List<String> panels;

    @Option(
            names = "--systems",
            split = ",",
            paramLabel = "ID",
            description = "compare: the systems (site ids); default every checked system. roofline: the one system")
    List<String> systems;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "DTYPE", description = "default: ${DEFAULT-VALUE}")
    String dtype;

    @Option(
            names = "--metric",
            defaultValue = "EFFICIENCY",
            paramLabel = "METRIC",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Metric metric;

    @Option(
            names = "--tier",
            paramLabel = "measured|estimated",
            description =
                    "measured (tiers A, B, C) or estimated; never mixed (default: measured when there is any, else estimated, said so)")
    String tier;

    @Option(names = "--vendor")
    String vendor;

    @Option(names = "--chip-kind", paramLabel = "KIND")
    String chipKind;

    @Option(names = "--backend")
    String backend;

    @Option(names = "--size", paramLabel = "S|M|L")
    String size;

    @Option(names = "--domain", description = "energy domain, e.g. cpu-package, gpu-board")
    String domain;

    @Option(
            names = "--implementation",
            paramLabel = "ID|KIND",
            description = "an implementation id (e.g. java, openblas) or kind (PORTABLE, VENDOR_LIBRARY); default: any")
    String implementation;

    @Option(
            names = "--scope",
            defaultValue = "DEVICE",
            paramLabel = "DEVICE|HOST|NODE",
            description = "energy scope: the chip the kernel ran on, the host, or the node at the wall; never mixed"
                    + " (default: ${DEFAULT-VALUE})")
    String scope;

    @Option(
            names = "--local",
            paramLabel = "RUN.json",
            arity = "1..*",
            description = "also plot these unsubmitted runs")
    List<Path> localRuns;

    @Option(
            names = "--snapshot",
            paramLabel = "SHA256",
            description = "the data snapshot the figure must be made from (its SHA-256, as cited): refuse any other")
    String snapshot;

    @Option(
            names = "--snapshot-archive",
            paramLabel = "FILE.zip",
            description = "make the figure from this snapshot archive (the site's downloads) instead of the"
                    + " submissions folder; check reads it again")
    Path snapshotArchive;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "output folder (default: local/figures in the joulebench folder)")
    Path out;

    @Option(
            names = "--sweep",
            paramLabel = "RUN",
            description = "a size sweep's run record (./joulebench sweep): throughput and J/op against the working set,"
                    + " cache sizes and the calibrated bandwidth curve marked (other options but --out are ignored)")
    Path sweepRun;

    @Override
    public Integer call() throws Exception {
        var stdout = spec.commandLine().getOut();
        if (sweepRun != null) {
            return SweepFigures.draw(sweepRun, out, stdout, spec.commandLine().getErr());
        }
        if (!List.of("history", "grid", "compare", "roofline", "reference").contains(kind)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--kind: unknown figure kind '" + kind + "'; valid: history, grid, compare, roofline, reference");
        }
        if (kind.equals("history")) {
            if (kernel == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kernel: a history figure needs one");
            }
            checkKernel(kernel);
        }
        SiteInput input;
        String commit;
        if (snapshotArchive != null) {
            Path tmp = java.nio.file.Files.createTempDirectory("joulebench-snapshot");
            try {
                var unpacked = SnapshotArchive.unpack(snapshotArchive, tmp);
                CheckReport report = new Checker().check(unpacked.submissionsRoot());
                input = SiteInput.fromCheck(
                        report, LocalSite.referenceDir(), localRuns == null ? List.of() : localRuns);
                commit = unpacked.claimed().resultsCommit();
                String actual = DataSnapshot.of(input.submissions(), commit).sha256();
                if (!actual.equals(unpacked.claimed().sha256())) {
                    spec.commandLine()
                            .getErr()
                            .println("joulebench figure: " + snapshotArchive + " says snapshot "
                                    + unpacked.claimed().sha256() + " but what check accepts from it hashes to "
                                    + actual
                                    + " (" + report.rejections().size() + " files rejected)");
                    return 1;
                }
            } finally {
                deleteTree(tmp);
            }
        } else {
            input = LocalSite.load(localRuns == null ? List.of() : localRuns, stdout);
            commit = resultsCommit();
        }
        if (snapshot != null) {
            String actual = DataSnapshot.of(input.submissions(), commit).sha256();
            if (!actual.equalsIgnoreCase(snapshot.strip())) {
                spec.commandLine()
                        .getErr()
                        .println("joulebench figure: --snapshot " + snapshot
                                + ": the accepted submissions here are snapshot " + actual
                                + "; download the cited snapshot's"
                                + " archive (site downloads: " + DataSnapshot.ARCHIVE_NAME
                                + ") and pass --snapshot-archive");
                return 1;
            }
        }
        FigureExporter exporter = new FigureExporter(input, commit);
        Path outDir = out != null ? out : BuildInfo.home().resolve("local").resolve("figures");
        if (!kind.equals("history")) {
            FigureExporter.Figure f;
            String t = tier != null ? tier : Tier.MEASURED;
            try {
                f = switch (kind) {
                    case "grid" -> {
                        if (panels == null || panels.isEmpty()) {
                            throw new IllegalArgumentException("--panels: a grid needs KERNEL:DTYPE panels");
                        }
                        List<FigureRequest> reqs = new java.util.ArrayList<>();
                        for (String p : panels) {
                            String[] kd = p.split(":", 2);
                            checkKernel(kd[0]);
                            reqs.add(new FigureRequest(
                                    kd[0],
                                    kd.length > 1 ? kd[1] : dtype,
                                    metric,
                                    t,
                                    vendor,
                                    chipKind,
                                    backend,
                                    size,
                                    domain,
                                    implementation,
                                    scope,
                                    null));
                        }
                        yield exporter.exportGrid(
                                reqs,
                                outDir,
                                "grid-"
                                        + String.join("-", panels)
                                                .replaceAll("[^A-Za-z0-9]+", "-")
                                                .toLowerCase(java.util.Locale.ROOT)
                                        + "-" + t);
                    }
                    case "reference" -> exporter.exportReference(outDir, "reference");
                    case "compare" ->
                        exporter.exportComparison(
                                dtype, t, systems == null ? List.of() : systems, outDir, "compare-" + dtype + "-" + t);
                    default -> {
                        if (systems == null || systems.size() != 1) {
                            throw new IllegalArgumentException("--systems: a roofline is of one system (its site id)");
                        }
                        yield exporter.exportRoofline(systems.getFirst(), outDir, "roofline-" + systems.getFirst());
                    }
                };
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("joulebench figure: " + e.getMessage());
                return 1;
            }
            report(stdout, f);
            return 0;
        }
        List<String> tiers = tier != null ? List.of(tier) : List.of(Tier.MEASURED, Tier.ESTIMATED);
        FigureExporter.Figure f = null;
        String lastProblem = null;
        for (String t : tiers) {
            FigureRequest request;
            try {
                request = new FigureRequest(
                        kernel, dtype, metric, t, vendor, chipKind, backend, size, domain, implementation, scope, null);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                f = exporter.export(request, outDir);
                if (tier == null && t.equals(Tier.ESTIMATED)) {
                    stdout.println("No measured results match: this figure shows ESTIMATES (model, not measurement),"
                            + " and says so in its title and citation.");
                }
                break;
            } catch (IllegalArgumentException e) {
                lastProblem = e.getMessage();
            }
        }
        if (f == null) {
            spec.commandLine()
                    .getErr()
                    .println("joulebench figure: " + lastProblem
                            + " (submitted results only, plus --local runs; see ./joulebench site for what is there)");
            return 1;
        }
        report(stdout, f);
        return 0;
    }

    private static void report(java.io.PrintWriter stdout, FigureExporter.Figure f) {
        stdout.println("Figure (" + f.points() + " points, " + f.files().size() + " files): " + f.pdf() + ", " + f.tex()
                + ", " + f.csv() + " and the rest beside them");
        stdout.println("Caption: " + f.citationFile());
        stdout.println(
                "Data: " + f.snapshot().citeLine() + " (CITATION.cff and joulebench-data.bib beside the figure)");
    }

    private void checkKernel(String id) {
        org.joulebench.kernels.KernelCatalogue.standard()
                .find(id)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown kernel '" + id + "'; valid: "
                                + org.joulebench.kernels.KernelCatalogue.standard()
                                        .ids()));
    }

    /** The git commit of the results folder's repository, or {@code null} outside one. */
    static String resultsCommit() {
        try {
            Process p = new ProcessBuilder("git", "-C", BuildInfo.home().toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(false)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0 ? out.strip() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
