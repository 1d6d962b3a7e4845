package org.joulebench.kernels.spi;

/** A backend could not be opened or a kernel could not be prepared; the message says why. */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
