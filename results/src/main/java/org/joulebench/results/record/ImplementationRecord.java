package org.joulebench.results.record;

/**
 * The implementation that did the work: a portable kernel of ours or a vendor library.
 *
 * @param id implementation id within the backend ({@code java}, {@code openblas}, {@code cublas})
 * @param kind {@code PORTABLE} or {@code VENDOR_LIBRARY}
 * @param description one line, with the library and version where known
 * @param available whether it could run here (listings only; a result's implementation ran)
 * @param reason why not, or a note, {@code null} when nothing to say
 */
public record ImplementationRecord(String id, String kind, String description, Boolean available, String reason) {
    /** Records before v2 had no implementations: everything was a portable kernel of ours. */
    public static final ImplementationRecord V1_DEFAULT =
            new ImplementationRecord("default", "PORTABLE", "the backend's own kernels (record v1)", null, null);
}
