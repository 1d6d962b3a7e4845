package org.joulebench.results.record;

/**
 * The implementation that did the work: a portable kernel of ours or a vendor library.
 *
 * @param id implementation id within the backend ({@code java}, {@code openblas}, {@code cublas})
 * @param kind {@code PORTABLE} or {@code VENDOR_LIBRARY}
 * @param description one line, with the library and version where known
 * @param available whether it could run here (listings only; a result's implementation ran)
 * @param reason why not, or a note, {@code null} when nothing to say
 * @param version (optional) the implementation's own version where it has one (the external backend's runners
 *     declare it: NumPy's, PyTorch's, a vendor SDK's), else absent
 * @param runner (optional) the runner process that drove it (the external backend): its name and version, else
 *     absent
 */
public record ImplementationRecord(
        String id,
        String kind,
        String description,
        Boolean available,
        String reason,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String version,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Runner runner) {
    /** A runner process: its name and version as its {@code hello} gave them. */
    public record Runner(String name, String version) {}

    /** An implementation with no version of its own recorded and no runner. */
    public ImplementationRecord(String id, String kind, String description, Boolean available, String reason) {
        this(id, kind, description, available, reason, null, null);
    }

    /** Records before v2 had no implementations: everything was a portable kernel of ours. */
    public static final ImplementationRecord V1_DEFAULT =
            new ImplementationRecord("default", "PORTABLE", "the backend's own kernels (record v1)", null, null);
}
