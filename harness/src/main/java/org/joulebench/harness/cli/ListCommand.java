package org.joulebench.harness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.harness.energy.EnergySensors;
import org.joulebench.harness.energy.SensorListing;
import org.joulebench.harness.env.EnvironmentCapture;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.WorkFormulas;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;
import org.joulebench.results.record.BackendInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Show the kernel catalogue (shapes, work formulas) and the backends with availability.")
public final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kernels");
        for (Kernel k : KernelCatalogue.standard().kernels()) {
            out.printf("  %-17s %s%n", k.id(), k.description());
            out.printf(
                    "  %-17s dtypes: %s%n",
                    "", k.dtypes().stream().map(DType::id).collect(Collectors.joining(", ")));
            DType first = k.dtypes().iterator().next();
            WorkFormulas f = k.formulas(first);
            out.printf(
                    "  %-17s work (%s): ops = %s; bytes read = %s; bytes written = %s%n",
                    "", first.id(), f.operations(), f.bytesRead(), f.bytesWritten());
            for (Size s : Size.values()) {
                Shape shape = KernelCatalogue.standard().shape(k.id(), s);
                out.printf("  %-17s %s %-22s %s%n", "", s, shape.label(), shape.dimsText());
            }
        }
        out.println();
        out.println("Backends");
        List<BackendProvider> providers = Backends.providers();
        for (BackendProvider p : providers) {
            BackendInfo info = EnvironmentCapture.describe(p);
            out.printf("  %-10s %-11s %s%n", p.id(), info.available() ? "available" : "UNAVAILABLE", info.reason());
            info.devices().forEach(d -> {
                out.printf("  %-10s   device %s: %s (%s, %s)%n", "", d.id(), d.name(), d.kind(), d.hardwareId());
                d.implementations()
                        .forEach(i -> out.printf(
                                "  %-10s     implementation %s [%s]: %s%s%n",
                                "",
                                i.id(),
                                "VENDOR_LIBRARY".equals(i.kind()) ? "vendor library" : "ours",
                                i.description(),
                                Boolean.FALSE.equals(i.available()) ? " - UNAVAILABLE: " + i.reason() : ""));
            });
        }
        for (String[] m : KnownBackends.missing(
                providers.stream().map(BackendProvider::id).toList(), System.getenv())) {
            out.printf("  %-10s %-11s %s%n", m[0], "NOT BUILT", m[1]);
        }
        out.println();
        out.println("Energy sensors");
        EnergySensors sensors = EnergySensors.discover();
        for (SensorListing l : sensors.list(SensorOptions.none())) {
            out.printf(
                    "  %-7s %-11s tier %-8s %-15s %s%n",
                    l.id(),
                    l.available() ? "available" : "UNAVAILABLE",
                    l.tier(),
                    String.join(",", l.domains()),
                    l.reason());
        }
        out.println("  --sensor auto would use: "
                + sensors.resolve("auto", SensorOptions.none()).explanation());
        return 0;
    }
}
