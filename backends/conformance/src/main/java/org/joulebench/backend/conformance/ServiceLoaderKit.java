package org.joulebench.backend.conformance;

import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.Backends;

/**
 * The kit, unchanged, for the backend whose id the system property {@value #PROPERTY} names, found through
 * ServiceLoader as the harness finds it: how {@link KitMain} runs the kit outside a backend's own tests.
 */
public class ServiceLoaderKit extends BackendConformanceKit {
    /** System property naming the backend id. */
    public static final String PROPERTY = "joulebench.conformance.backend";

    @Override
    protected BackendProvider provider() {
        String id = System.getProperty(PROPERTY);
        return Backends.providers().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend '" + id + "' on the class path; have "
                        + Backends.providers().stream().map(BackendProvider::id).toList()));
    }
}
