package org.joulebench.harness.orchestrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.Shape;
import org.joulebench.kernels.Size;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;

/**
 * Expands a selection (backends x kernels x dtypes x sizes or shapes; empty means "all") into the cases to
 * run: every kernel/dtype pair an available implementation supports on each device (or the named one).
 * Uses only the providers' cheap calls: no backend is opened in the parent.
 */
public final class RunPlanner {
    private RunPlanner() {}

    /**
     * An available provider to plan for, optionally one device of it and some of its implementations.
     *
     * @param deviceId {@code null}: every device
     * @param implementationIds empty: every available implementation
     */
    public record Target(BackendProvider provider, String deviceId, Set<String> implementationIds) {
        public Target {
            implementationIds = Set.copyOf(implementationIds);
        }

        public Target(BackendProvider provider) {
            this(provider, null, Set.of());
        }

        /** One implementation ({@code null}: every available one) of one device ({@code null}: every device). */
        public Target(BackendProvider provider, String deviceId, String implementationId) {
            this(provider, deviceId, implementationId == null ? Set.of() : Set.of(implementationId));
        }

        boolean wants(Implementation i) {
            return implementationIds.isEmpty() || implementationIds.contains(i.id());
        }
    }

    /** Sizes from the catalogue, or shapes given by their dims (one per kernel). */
    public record Shapes(List<Size> sizes, java.util.Map<String, Shape> customByKernel) {
        public static Shapes ofSizes(List<Size> sizes) {
            return new Shapes(sizes, java.util.Map.of());
        }
    }

    public record Plan(List<BenchmarkCase> cases, List<String> notes) {}

    public static Plan plan(
            KernelCatalogue catalogue, List<Target> targets, List<String> kernelIds, Set<DType> dtypes, Shapes shapes) {
        List<BenchmarkCase> cases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Kernel> kernels = kernelIds.isEmpty()
                ? catalogue.rankedKernels()
                : kernelIds.stream().map(catalogue::kernel).toList();
        List<Size> sizeList = shapes.sizes().isEmpty() ? List.of(Size.S) : shapes.sizes();
        for (Target t : targets) {
            BackendProvider p = t.provider();
            List<DeviceInfo> devices = p.devices().stream()
                    .filter(d -> t.deviceId() == null || d.id().equals(t.deviceId()))
                    .toList();
            for (DeviceInfo dev : devices) {
                List<Implementation> impls =
                        p.implementations(dev).stream().filter(t::wants).toList();
                for (Implementation impl : impls) {
                    if (!impl.availability().available()) {
                        notes.add(p.id() + "/" + impl.id() + " on " + dev.id() + " unavailable: "
                                + impl.availability().reason());
                    }
                }
                for (Kernel k : kernels) {
                    Set<DType> wanted = new LinkedHashSet<>(k.dtypes());
                    if (!dtypes.isEmpty()) {
                        wanted.retainAll(dtypes);
                    }
                    for (DType d : wanted) {
                        boolean any = false;
                        for (Implementation impl : impls) {
                            if (!impl.availability().available() || !impl.supports(k.id(), d)) {
                                continue;
                            }
                            any = true;
                            Shape custom = shapes.customByKernel().get(k.id());
                            if (custom != null) {
                                cases.add(new BenchmarkCase(k, custom, true, d, p.id(), dev, impl, p.forkOptions()));
                                continue;
                            }
                            for (Size s : sizeList) {
                                cases.add(new BenchmarkCase(
                                        k, catalogue.shape(k.id(), s), false, d, p.id(), dev, impl, p.forkOptions()));
                            }
                        }
                        if (!any) {
                            notes.add(p.id() + " does not implement " + k.id() + "/" + d.id() + " on " + dev.id()
                                    + ": skipped");
                        }
                    }
                }
            }
        }
        return new Plan(cases, notes);
    }
}
