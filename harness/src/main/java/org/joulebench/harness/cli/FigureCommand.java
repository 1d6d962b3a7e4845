package org.joulebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.harness.env.BuildInfo;
import org.joulebench.site.FigureExporter;
import org.joulebench.site.FigureRequest;
import org.joulebench.site.Metric;
import org.joulebench.vocabulary.Tier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "figure",
        mixinStandardHelpOptions = true,
        description = {
            "Export a publication figure (SVG, PDF, CSV and a citation line): one kernel and dtype, a metric",
            "against chip announcement date on a log axis, with the fitted trend and the best-so-far frontier.",
            "The CSV names each point's implementation (ours or a vendor library) and energy scope."
        })
public final class FigureCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", required = true, paramLabel = "ID")
    String kernel;

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
            names = "--out",
            paramLabel = "DIR",
            description = "output folder (default: local/figures in the joulebench folder)")
    Path out;

    @Override
    public Integer call() throws Exception {
        var stdout = spec.commandLine().getOut();
        org.joulebench.kernels.KernelCatalogue.standard()
                .find(kernel)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--kernel: unknown kernel '" + kernel + "'; valid: "
                                + org.joulebench.kernels.KernelCatalogue.standard()
                                        .ids()));
        var input = LocalSite.load(localRuns == null ? List.of() : localRuns, stdout);
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
                f = FigureExporter.export(
                        input,
                        request,
                        out != null ? out : BuildInfo.home().resolve("local").resolve("figures"));
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
        stdout.println("Figure (" + f.points() + " points): " + f.svg() + ", " + f.pdf() + ", " + f.csv());
        stdout.println("Cite as: " + f.citation());
        return 0;
    }
}
