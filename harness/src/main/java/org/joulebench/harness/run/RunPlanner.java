package org.joulebench.harness.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.DeviceInfo;

/**
 * Expands a selection (backends x kernels x dtypes x sizes; empty means "all") into the cases to run:
 * every kernel/dtype pair a backend supports, on each of its devices (or the named one).
 */
public final class RunPlanner {
    private RunPlanner() {}

    /** An opened backend to plan for, and optionally one device of it. */
    public record Target(Backend backend, String deviceId) {}

    public record Plan(List<BenchmarkCase> cases, List<String> notes) {}

    public static Plan plan(
            KernelCatalogue catalogue,
            List<Target> targets,
            List<String> kernelIds,
            Set<DType> dtypes,
            List<Size> sizes) {
        List<BenchmarkCase> cases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Kernel> kernels = kernelIds.isEmpty()
                ? catalogue.kernels()
                : kernelIds.stream().map(catalogue::kernel).toList();
        List<Size> sizeList = sizes.isEmpty() ? List.of(Size.S) : sizes;
        for (Target t : targets) {
            List<DeviceInfo> devices = t.deviceId() == null
                    ? t.backend().devices()
                    : t.backend().devices().stream()
                            .filter(d -> d.id().equals(t.deviceId()))
                            .toList();
            for (Kernel k : kernels) {
                Set<DType> wanted = new LinkedHashSet<>(k.dtypes());
                if (!dtypes.isEmpty()) {
                    wanted.retainAll(dtypes);
                }
                for (DType d : wanted) {
                    if (!t.backend().supports(k.id(), d)) {
                        notes.add(t.backend().id() + " does not implement " + k.id() + "/" + d.id() + ": skipped");
                        continue;
                    }
                    for (DeviceInfo dev : devices) {
                        for (Size s : sizeList) {
                            cases.add(new BenchmarkCase(
                                    k,
                                    catalogue.shape(k.id(), s),
                                    d,
                                    t.backend().id(),
                                    dev.id(),
                                    dev.name()));
                        }
                    }
                }
            }
        }
        return new Plan(cases, notes);
    }
}
