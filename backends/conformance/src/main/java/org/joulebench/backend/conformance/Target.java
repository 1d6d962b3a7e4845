package org.joulebench.backend.conformance;

import java.util.Comparator;
import java.util.List;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;

/** One available implementation on one device: what the kit runs every check on. */
public record Target(DeviceInfo device, Implementation implementation) {

    /** A catalogue kernel with one of its dtypes that the implementation supports. */
    public record Variant(Kernel kernel, DType dtype) {
        @Override
        public String toString() {
            return kernel.id() + "/" + dtype.id();
        }
    }

    /** e.g. {@code cpu0 / java}. */
    public String label() {
        return device.id() + " / " + implementation.id();
    }

    /**
     * The supported pairs that are catalogue kernels with a dtype they define, in catalogue then dtype order
     * (pairs that are not are the subject of their own check).
     */
    public List<Variant> variants() {
        return variantsOf(implementation);
    }

    /** {@link #variants()} of an implementation, whatever the device. */
    public static List<Variant> variantsOf(Implementation implementation) {
        KernelCatalogue catalogue = KernelCatalogue.standard();
        return implementation.supported().stream()
                .filter(v -> catalogue.find(v.kernelId()).isPresent())
                .filter(v -> catalogue.kernel(v.kernelId()).dtypes().contains(v.dtype()))
                .sorted(Comparator.comparingInt(
                                (KernelVariant v) -> catalogue.ids().indexOf(v.kernelId()))
                        .thenComparing(KernelVariant::dtype))
                .map(v -> new Variant(catalogue.kernel(v.kernelId()), v.dtype()))
                .toList();
    }

    /**
     * The variant the leak checks repeat: a memory-bound kernel whose output is large for little work where
     * supported, else the first; {@code noop} only as a last resort (it allocates nothing to lose).
     */
    public Variant leakVariant() {
        List<Variant> all = variants();
        for (String id : List.of("triad", "gelu", "silu", "softmax", "rmsnorm", "layernorm", "gemv", "gemm")) {
            for (Variant v : all) {
                if (v.kernel().id().equals(id)) {
                    return v;
                }
            }
        }
        return all.stream().filter(v -> v.kernel().ranked()).findFirst().orElseGet(all::getFirst);
    }
}
