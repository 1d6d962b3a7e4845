package org.joulebench.kernels.spi;

/**
 * Entry point of a backend, found through {@link java.util.ServiceLoader} (register the
 * implementation in {@code META-INF/services/org.joulebench.kernels.spi.BackendProvider}). A provider
 * must be cheap to load and to ask for {@link #availability()}: no native library is loaded and no
 * device is opened until {@link #create()}.
 */
public interface BackendProvider {

    /** Stable id used on the command line and in records, e.g. {@code cpu}, {@code cuda}. */
    String id();

    /** One line for {@code joulebench list}. */
    String description();

    /** Whether this backend can run here; when not, a reason a user can act on. */
    Availability availability();

    /** Opens the backend (loads native code, enumerates devices). Call only when available. */
    Backend create() throws BackendException;
}
