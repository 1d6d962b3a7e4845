package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.joulebench.harness.vectors.GoldenVectors;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code joulebench vectors}: golden vectors (inputs, reference output, tolerances, work, seed) for pre-silicon work. */
@Command(
        name = "vectors",
        mixinStandardHelpOptions = true,
        description = {
            "Write golden vectors for one kernel: its inputs and double-precision reference output as .npy files, and",
            "manifest.json with the tolerances, work counts, seed and the SHA-256 of each file. Check an output made",
            "anywhere (an RTL simulation, an FPGA) with `joulebench verify-outputs DIR OUTPUT.npy`."
        })
public final class VectorsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", required = true, paramLabel = "ID", description = "kernel id (see `list`)")
    String kernel;

    @Option(names = "--dtype", defaultValue = "fp32", paramLabel = "DTYPE", description = "default: ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--size", paramLabel = "S|M|L", description = "catalogue size (default S)")
    String size;

    @Option(
            names = "--shape",
            paramLabel = "DIMS",
            description = "a custom shape instead of --size, e.g. M=64,N=64,K=64")
    String shape;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write (created)")
    Path out;

    @Override
    public Integer call() throws Exception {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        Kernel k = catalogue
                .find(kernel)
                .orElseThrow(() -> usage("--kernel: unknown kernel '" + kernel + "'; valid: " + catalogue.ids()));
        DType d;
        try {
            d = DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw usage("--dtype: " + e.getMessage());
        }
        if (!k.dtypes().contains(d)) {
            throw usage("--dtype: " + k.id() + " is defined for "
                    + k.dtypes().stream().map(DType::id).toList() + ", not " + d.id());
        }
        if (size != null && shape != null) {
            throw usage("give --size or --shape, not both");
        }
        Shape s;
        try {
            s = shape != null
                    ? catalogue.customShape(k.id(), shape)
                    : catalogue.shape(k.id(), Size.parse(size == null ? "S" : size));
        } catch (IllegalArgumentException e) {
            throw usage((shape != null ? "--shape: " : "--size: ") + e.getMessage());
        }
        Path manifest = GoldenVectors.write(k, d, s, seed, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("golden vectors for " + k.id() + " " + d.id() + " " + s.dimsText() + " (seed " + seed + "): "
                + manifest);
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
