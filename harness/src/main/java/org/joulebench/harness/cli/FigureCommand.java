package org.joulebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joulebench.site.FigureExporter;
import org.joulebench.site.FigureRequest;
import org.joulebench.site.Metric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "figure",
        mixinStandardHelpOptions = true,
        description = {
            "Export a publication figure (SVG, PDF, CSV and a citation line): one kernel and dtype, a metric",
            "against chip announcement date on a log axis, with the fitted trend and the best-so-far frontier."
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
            defaultValue = "measured",
            paramLabel = "measured|estimated",
            description = "measured (tiers A, B, C) or estimated; never mixed (default: ${DEFAULT-VALUE})")
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
            names = "--local",
            paramLabel = "RUN.json",
            arity = "1..*",
            description = "also plot these unsubmitted runs")
    List<Path> localRuns;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "local/figures",
            description = "default: ${DEFAULT-VALUE}")
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
        FigureRequest request;
        try {
            request = new FigureRequest(kernel, dtype, metric, tier, vendor, chipKind, backend, size, domain, null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        var input = LocalSite.load(localRuns == null ? List.of() : localRuns, stdout);
        FigureExporter.Figure f;
        try {
            f = FigureExporter.export(input, request, out);
        } catch (IllegalArgumentException e) {
            spec.commandLine()
                    .getErr()
                    .println("joulebench figure: " + e.getMessage()
                            + " (submitted results only, plus --local runs; see ./joulebench site for what is there)");
            return 1;
        }
        stdout.println("Figure (" + f.points() + " points): " + f.svg() + ", " + f.pdf() + ", " + f.csv());
        stdout.println("Cite as: " + f.citation());
        return 0;
    }
}
