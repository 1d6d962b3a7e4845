package org.joulebench.kernels.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * One implementation of kernels on a device: our portable kernels or a vendor library.
 *
 * @param id stable within the backend and used on the command line and in records, e.g. {@code java},
 *     {@code openblas}, {@code cublas}
 * @param kind portable kernel of ours or a vendor library
 * @param description one line, with the library and its version where known (e.g. {@code OpenBLAS 0.3.21
 *     (Haswell kernels)})
 * @param availability whether it can run on the device, and if not why ("libopenblas.so.0 not found")
 * @param supported the kernel/dtype pairs it implements on the device (listed even when unavailable)
 * @param version the implementation's own version where it has one (a library's, e.g. {@code 2.4.6}), else {@code
 *     null}
 * @param runner the process that drives it outside the JVM (the {@code external} backend's runner), else {@code
 *     null}
 */
public record Implementation(
        String id,
        ImplementationKind kind,
        String description,
        Availability availability,
        Set<KernelVariant> supported,
        String version,
        Runner runner) {

    /** A runner process (the {@code external} backend): its name and version as its {@code hello} gave them. */
    public record Runner(String name, String version) {}

    /** An implementation with no version of its own and no runner (the JVM's own kernels, a library in-process). */
    public Implementation(
            String id,
            ImplementationKind kind,
            String description,
            Availability availability,
            Set<KernelVariant> supported) {
        this(id, kind, description, availability, supported, null, null);
    }

    public Implementation {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("implementation id must be 1-32 of [a-z0-9-]: " + id);
        }
        supported = Set.copyOf(supported);
    }

    public boolean supports(String kernelId, org.joulebench.kernels.DType dtype) {
        return supported.contains(new KernelVariant(kernelId, dtype));
    }

    /** The supported pairs as sorted text, for messages. */
    public List<String> supportedText() {
        return supported.stream()
                .sorted(Comparator.comparing(KernelVariant::toString))
                .map(KernelVariant::toString)
                .toList();
    }
}
