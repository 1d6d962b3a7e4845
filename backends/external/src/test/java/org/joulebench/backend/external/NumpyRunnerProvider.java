package org.joulebench.backend.external;

/** The external backend with the NumPy runner named by its descriptor (as a lab would name its runner). */
public class NumpyRunnerProvider extends ExternalBackendProvider {
    public NumpyRunnerProvider() {
        super(Runners.NUMPY_DESCRIPTOR.toString());
    }
}
